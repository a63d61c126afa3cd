namespace Lem.Markets.Auctions;

/// <summary>The steps, efficient allocation, rounding, pairing and totals shared by the call-auction mechanisms.</summary>
internal static class AuctionMath
{
    /// <summary>The resolution of accepted quantities when a tied price level is split pro rata (1 Wh).</summary>
    public const double QuantumKwh = 0.001;

    /// <summary>Quantities below this (kWh) are treated as zero when pairing.</summary>
    public const double EpsilonKwh = 1e-7;

    public const string PairingRule =
        "pairing: accepted bids sorted by price descending are matched with accepted asks sorted by price ascending (highest bids with lowest asks), ties at equal prices by time, then sequence, then order id";

    public const string TieRule =
        "ties: orders at equal prices are ranked by time (earlier first; orders without a time after those with one), then sequence, then order id (ordinal)";

    public static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The tie rank of every order: by time (nulls last), sequence, id.</summary>
    public static Dictionary<OrderId, int> Ranks(AuctionBook book)
    {
        var sorted = book.Orders
            .OrderBy(o => o.Time is null ? 1 : 0)
            .ThenBy(o => o.Time ?? default)
            .ThenBy(o => o.Sequence)
            .ThenBy(o => o.Id.Value, StringComparer.Ordinal)
            .ToList();
        var ranks = new Dictionary<OrderId, int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            ranks[sorted[i].Id] = i;
        }

        return ranks;
    }

    /// <summary>The steps of one side in one slot in merit order: bids by price descending, asks ascending, ties by rank then step.</summary>
    public static List<SideStep> Steps(AuctionBook book, int slot, OrderSide side, Dictionary<OrderId, int> ranks)
    {
        var steps = new List<SideStep>();
        foreach (var o in book.Orders)
        {
            if (o.Slot != slot || o.Side != side)
            {
                continue;
            }

            for (var i = 0; i < o.Steps.Count; i++)
            {
                // The clearing arithmetic is in double; the order's decimal steps are read here, once (docs/auction-orders.md).
                steps.Add(new SideStep(o, i, (double)o.Steps[i].PriceEurPerMwh, (double)o.Steps[i].QuantityKwh, ranks[o.Id]));
            }
        }

        var sign = side == OrderSide.Buy ? -1.0 : 1.0;
        return [.. steps.OrderBy(s => sign * s.PriceEurPerMwh).ThenBy(s => s.Rank).ThenBy(s => s.StepIndex)];
    }

    /// <summary>
    /// The efficient allocation by the §1 merit-order clearing: largest welfare-maximising volume, the price interval, the
    /// marginal level split pro rata to quantity, then rounded to <see cref="QuantumKwh"/> with the remainder to the earliest orders.
    /// </summary>
    public static EfficientAllocation ClearEfficient(List<SideStep> bids, List<SideStep> asks)
    {
        var r = MeritOrderClearing.ClearSlot(
            [.. asks.Select(s => new MeritOrderStep(s.PriceEurPerMwh, s.QuantityKwh / 1000.0))],
            [.. bids.Select(s => new MeritOrderStep(s.PriceEurPerMwh, s.QuantityKwh / 1000.0))],
            PriceRule.Midpoint);
        var volume = r.VolumeMwh * 1000.0;
        var bidAccepted = Round(bids, r.AcceptedBidsMwh, volume);
        var askAccepted = Round(asks, r.AcceptedOffersMwh, volume);
        return new EfficientAllocation(bidAccepted, askAccepted, volume, r.PriceLowEurPerMwh, r.PriceHighEurPerMwh);
    }

    private static double[] Round(List<SideStep> steps, IReadOnlyList<double> acceptedMwh, double volumeKwh)
    {
        var accepted = new double[steps.Count];
        var partial = new List<int>();
        var full = 0.0;
        for (var i = 0; i < steps.Count; i++)
        {
            var a = acceptedMwh[i] * 1000.0;
            var q = steps[i].QuantityKwh;
            if (a >= q - (1e-9 * Math.Max(1.0, q)))
            {
                accepted[i] = q;
                full += q;
            }
            else if (a > 1e-9 * Math.Max(1.0, volumeKwh))
            {
                accepted[i] = Math.Floor((a / QuantumKwh) + 1e-9) * QuantumKwh;
                partial.Add(i);
            }
        }

        // Partial steps are all on the marginal price level (merit order); hand the rounding remainder out by rank.
        var residual = volumeKwh - full - partial.Sum(i => accepted[i]);
        foreach (var i in partial)
        {
            if (residual <= EpsilonKwh)
            {
                break;
            }

            var give = Math.Min(residual, Math.Min(QuantumKwh, steps[i].QuantityKwh - accepted[i]));
            accepted[i] += give;
            residual -= give;
        }

        return accepted;
    }

    /// <summary>Pairs accepted bids with accepted asks in merit order; <paramref name="prices"/> gives (buyer's, seller's) price per pair.</summary>
    public static List<AuctionTrade> Pair(int slot, List<SideStep> bids, double[] bidAcceptedKwh, List<SideStep> asks, double[] askAcceptedKwh, Func<SideStep, SideStep, (double Buyer, double Seller)> prices)
    {
        var trades = new List<AuctionTrade>();
        int i = Next(bidAcceptedKwh, 0), j = Next(askAcceptedKwh, 0);
        var bidLeft = i < bids.Count ? bidAcceptedKwh[i] : 0;
        var askLeft = j < asks.Count ? askAcceptedKwh[j] : 0;
        while (i < bids.Count && j < asks.Count)
        {
            var q = Math.Min(bidLeft, askLeft);
            if (q > EpsilonKwh)
            {
                var (bid, ask) = (bids[i], asks[j]);
                var (buyer, seller) = prices(bid, ask);
                trades.Add(new AuctionTrade(slot, bid.Order.Participant, ask.Order.Participant, bid.Order.Id, ask.Order.Id, q, buyer, seller, bid.PriceEurPerMwh, ask.PriceEurPerMwh));
            }

            bidLeft -= q;
            askLeft -= q;
            if (bidLeft <= EpsilonKwh)
            {
                i = Next(bidAcceptedKwh, i + 1);
                bidLeft = i < bids.Count ? bidAcceptedKwh[i] : 0;
            }

            if (askLeft <= EpsilonKwh)
            {
                j = Next(askAcceptedKwh, j + 1);
                askLeft = j < asks.Count ? askAcceptedKwh[j] : 0;
            }
        }

        return trades;
    }

    private static int Next(double[] accepted, int from)
    {
        while (from < accepted.Length && accepted[from] <= EpsilonKwh)
        {
            from++;
        }

        return from;
    }

    /// <summary>Welfare Σ (bid − ask) q and operator surplus Σ (buyer's price − seller's price) q in EUR, rounded to 1e-6.</summary>
    public static (decimal WelfareEur, decimal SurplusEur) Totals(IEnumerable<AuctionTrade> trades)
    {
        decimal welfare = 0, surplus = 0;
        foreach (var t in trades)
        {
            var mwh = (decimal)t.QuantityKwh / 1000m;
            welfare += mwh * ((decimal)t.BidEurPerMwh - (decimal)t.AskEurPerMwh);
            surplus += mwh * ((decimal)t.BuyerPriceEurPerMwh - (decimal)t.SellerPriceEurPerMwh);
        }

        return (Math.Round(welfare, 6, MidpointRounding.ToEven), Math.Round(surplus, 6, MidpointRounding.ToEven));
    }

    /// <summary>The value when finite, null otherwise.</summary>
    public static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>
    /// A slot's result from its trades (traded volume, welfare and operator surplus) with the price interval, the efficient
    /// volume, the notes and the uniform prices, if any; <see cref="ClearAll"/> sets the label.
    /// </summary>
    public static AuctionSlotResult SlotResult(
        int slot,
        IReadOnlyList<AuctionTrade> trades,
        double? priceLowEurPerMwh,
        double? priceHighEurPerMwh,
        double efficientVolumeKwh,
        IReadOnlyList<string> notes,
        double? buyerPriceEurPerMwh = null,
        double? sellerPriceEurPerMwh = null)
    {
        var (welfare, surplus) = Totals(trades);
        var tradedKwh = trades.Sum(t => t.QuantityKwh);
        return new AuctionSlotResult(slot, string.Empty, buyerPriceEurPerMwh, sellerPriceEurPerMwh, priceLowEurPerMwh, priceHighEurPerMwh, efficientVolumeKwh, tradedKwh, trades, welfare, surplus, notes);
    }

    /// <summary>
    /// Clears every slot of a book with <paramref name="clearSlot"/> and collects the result; the mechanism's
    /// <paramref name="rules"/> are followed by the tie and pairing rules all call auctions share.
    /// </summary>
    public static AuctionResult ClearAll(AuctionBook book, string mechanism, IReadOnlyList<string> rules, Func<int, List<SideStep>, List<SideStep>, List<string>, AuctionSlotResult> clearSlot)
    {
        ArgumentNullException.ThrowIfNull(book);
        var ranks = Ranks(book);
        var warnings = new List<string>();
        var slots = new List<AuctionSlotResult>();
        foreach (var slot in book.Slots)
        {
            var result = clearSlot(slot, Steps(book, slot, OrderSide.Buy, ranks), Steps(book, slot, OrderSide.Sell, ranks), warnings);
            slots.Add(result with { Label = book.SlotLabel(slot) });
        }

        return new AuctionResult { Mechanism = mechanism, Rules = [.. rules, TieRule, PairingRule], Slots = slots, Warnings = warnings };
    }
}
