namespace Lem.Markets.Auctions;

/// <summary>
/// A call auction as a clearing mechanism (docs/mechanisms/auctions.md): the participants' explicit orders are cleared
/// slot by slot; each participant's position is its traded energy, settled at its own trade prices (buyers at the
/// buyer price, sellers at the seller price, so a pay-as-bid or McAfee surplus stays with the operator). Assets imply
/// no orders here: use the pool for them.
/// </summary>
public sealed class CallAuctionMechanism(ICallAuction auction) : IClearingMechanism
{
    /// <summary>The auction.</summary>
    public ICallAuction Auction { get; } = auction ?? throw new ArgumentNullException(nameof(auction));

    /// <inheritdoc />
    public string Name => Auction.Name;

    /// <inheritdoc />
    public string Description => $"Call auction per slot ({Auction.Name}) over the participants' explicit orders";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new() { BilateralTrades = true, BidLimits = true };

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (request.Formulation is not ("auto" or "copperplate"))
        {
            errors.Add(new ValidationError("formulation", "clearing.formulation_not_supported", $"The {Name} auction clears on copper plate; the {request.Formulation} formulation applies to the pool only."));
        }

        var participants = request.Market.Participants;
        for (var i = 0; i < participants.Count; i++)
        {
            if (participants[i].Assets.Count > 0)
            {
                errors.Add(new ValidationError($"participants[{i}].assets", "clearing.assets_not_supported", $"Participant '{participants[i].Id}' has assets; the {Name} auction clears explicit orders only (the pool schedules assets)."));
            }
        }

        if (!participants.Any(p => p.Orders.Count > 0))
        {
            errors.Add(new ValidationError("participants", "clearing.no_orders", $"No participant has orders; the {Name} auction has nothing to clear."));
        }

        return errors;
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Bid limits cut the capped participants' orders (docs/mechanisms/redispatch.md#bid-limits).
        var market = BidLimitTrimming.Apply(request.Market);
        var slots = market.Horizon.Count;
        var hours = market.Horizon.SlotHours;
        var orders = market.Participants.SelectMany(p => p.Orders).Select((o, i) => new AuctionOrder(o, null, i));
        var result = Auction.Clear(new AuctionBook(orders));
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

        foreach (var t in result.Trades)
        {
            Add(t.Seller, t.Slot, t.QuantityKwh, t.QuantityKwh * t.SellerPriceEurPerMwh);
            Add(t.Buyer, t.Slot, -t.QuantityKwh, t.QuantityKwh * t.BuyerPriceEurPerMwh);
        }

        var prices = new IReadOnlyList<double>[slots];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = [];
        }

        foreach (var s in result.Slots.Where(s => s.Slot < slots))
        {
            prices[s.Slot] = s.ClearingPriceEurPerMwh is { } p ? [p] : [];
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

        return new ClearingResult
        {
            Mechanism = Name,
            Status = ClearingStatus.Optimal,
            MarketName = market.Name,
            SlotCount = slots,
            PricesEurPerMwh = prices,
            Positions = positions,
            Trades = [.. result.Trades.Select(t => new ClearingTrade(t.Buyer.Value, t.Seller.Value, t.Slot, t.QuantityKwh, t.BuyerPriceEurPerMwh))],
            ImportKw = new double[slots],
            ExportKw = new double[slots],
            WelfareEur = result.WelfareEur,
            OrderFillsKwh = result.Trades
                .SelectMany(t => new[] { (Order: t.BuyOrder.Value, t.QuantityKwh), (Order: t.SellOrder.Value, t.QuantityKwh) })
                .GroupBy(x => x.Order, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(x => x.QuantityKwh), StringComparer.Ordinal),
            Warnings = result.Warnings,
            WallSeconds = clock.Elapsed.TotalSeconds,
        };
    }
}
