namespace Lem.Markets.Clearing;

/// <summary>
/// The participants' positions of a clearing over explicit orders (call auctions, the continuous double auction): each
/// participant's traded energy per slot (injection positive), settled at the volume-weighted price of its own fills;
/// a slot without a fill shows the slot's price, else the wholesale import price.
/// </summary>
internal static class TradePositions
{
    /// <summary>The positions of the participants that traded, in the market's participant order.</summary>
    public static List<ClearingPosition> Of(MarketInput market, IEnumerable<TradeFill> fills, IReadOnlyList<IReadOnlyList<double>> prices)
    {
        var slots = market.Horizon.Count;
        var hours = market.Horizon.SlotHours;
        var injection = new Dictionary<ParticipantId, double[]>();
        var money = new Dictionary<ParticipantId, double[]>();
        void Add(ParticipantId who, int slot, double kwh, double eur)
        {
            if (!injection.TryGetValue(who, out var q))
            {
                injection[who] = q = new double[slots];
                money[who] = new double[slots];
            }

            q[slot] += kwh / hours;
            money[who][slot] += eur;
        }

        foreach (var t in fills)
        {
            Add(t.Seller, t.Slot, t.QuantityKwh, t.QuantityKwh * t.SellerPriceEurPerMwh);
            Add(t.Buyer, t.Slot, -t.QuantityKwh, t.QuantityKwh * t.BuyerPriceEurPerMwh);
        }

        var positions = new List<ClearingPosition>();
        foreach (var p in market.Participants.Where(p => injection.ContainsKey(p.Id)))
        {
            var q = injection[p.Id];
            var eur = money[p.Id];
            var price = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var kwh = Math.Abs(q[t] * hours);
                price[t] = kwh > 0 ? eur[t] / kwh : prices[t].Count > 0 ? prices[t][0] : market.OutsideMarket.WholesaleImportEurPerMwh[t];
            }

            positions.Add(new ClearingPosition(p.Id, q, price));
        }

        return positions;
    }

    /// <summary>
    /// The result of a clearing over explicit orders: status optimal, the per-slot prices, the participants' positions
    /// from <paramref name="fills"/> (<see cref="Of"/>), the trades, no import or export, the welfare and the order fills.
    /// </summary>
    public static ClearingResult Result(
        string mechanism, MarketInput market, IReadOnlyList<IReadOnlyList<double>> prices, IEnumerable<TradeFill> fills, IReadOnlyList<ClearingTrade> trades,
        decimal welfareEur, IReadOnlyDictionary<string, double> orderFillsKwh, IReadOnlyList<string> warnings, double wallSeconds, bool bilateral) => new()
    {
        Mechanism = mechanism,
        Status = ClearingStatus.Optimal,
        MarketName = market.Name,
        SlotCount = market.Horizon.Count,
        PricesEurPerMwh = prices,
        Positions = Of(market, fills, prices),
        Bilateral = bilateral,
        Trades = trades,
        ImportKw = new double[market.Horizon.Count],
        ExportKw = new double[market.Horizon.Count],
        WelfareEur = welfareEur,
        OrderFillsKwh = orderFillsKwh,
        Warnings = warnings,
        WallSeconds = wallSeconds,
    };

    /// <summary>
    /// The problems that keep a mechanism over explicit orders from clearing <paramref name="request"/>: a grid
    /// formulation, participants with assets, no orders at all.
    /// </summary>
    public static List<ValidationError> CheckOrdersOnly(ClearingRequest request, string what)
    {
        var errors = new List<ValidationError>();
        if (request.Formulation is not ("auto" or "copperplate"))
        {
            errors.Add(new ValidationError("formulation", "clearing.formulation_not_supported", $"The {what} clears on copper plate; the {request.Formulation} formulation applies to the pool only."));
        }

        var participants = request.Market.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            if (participants[i].Assets.Count > 0)
            {
                errors.Add(new ValidationError($"participants[{i}].assets", "clearing.assets_not_supported", $"Participant '{participants[i].Id}' has assets; the {what} clears explicit orders only (the pool schedules assets)."));
            }
        }

        if (!participants.Any(p => p.Orders.Count > 0))
        {
            errors.Add(new ValidationError("participants", "clearing.no_orders", $"No participant has orders; the {what} has nothing to clear."));
        }

        return errors;
    }
}
