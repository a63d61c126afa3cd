namespace Lem.Markets.Pool;

/// <summary>
/// The exact single-slot clearing of stepwise curves (docs/mechanisms/pool.md#the-merit-order-re-clear): offers ascending, bids descending, walk the two
/// cumulative curves while the bid price is at least the offer price, then compute the price interval
/// [p_low, p_high] and apply the tie rules. O(n log n) for the sorts, linear afterwards.
/// </summary>
/// <remarks>
/// Tie rules: volume is maximised first (steps at equal bid and offer prices trade); the volume of the marginal price
/// level is split pro rata to the quantities of the tied steps (unlimited steps of a tied level share it equally and
/// limited ones get nothing, the limit of pro rata); the price is chosen in the interval by a <see cref="PriceRule"/>.
/// Two unlimited steps at equal prices have no finite largest volume; the walk stops there (they do not trade with each other).
/// </remarks>
public static class MeritOrderClearing
{
    private enum Acceptance
    {
        Ignored, // zero quantity (the default for steps the sort leaves out)
        Rejected,
        Partial,
        Full,
    }

    /// <summary>Clears one slot: offers (sell steps) against bids (buy steps).</summary>
    /// <exception cref="ArgumentException">When a price or quantity is NaN, a quantity is negative, or an offer's price is not finite.</exception>
    public static MeritOrderResult ClearSlot(IReadOnlyList<MeritOrderStep> offers, IReadOnlyList<MeritOrderStep> bids, PriceRule rule = PriceRule.Midpoint)
    {
        ArgumentNullException.ThrowIfNull(offers);
        ArgumentNullException.ThrowIfNull(bids);
        Check(offers, "offer", allowInfinitePrice: false);
        Check(bids, "bid", allowInfinitePrice: true);

        var offerOrder = Sorted(offers, ascending: true);
        var bidOrder = Sorted(bids, ascending: false);
        var volume = TradedVolume(offers, offerOrder, bids, bidOrder);

        var acceptedOffers = new double[offers.Count];
        var acceptedBids = new double[bids.Count];
        var offerStatus = new Acceptance[offers.Count];
        var bidStatus = new Acceptance[bids.Count];
        Allocate(offers, offerOrder, volume, acceptedOffers, offerStatus);
        Allocate(bids, bidOrder, volume, acceptedBids, bidStatus);

        var low = double.NegativeInfinity;
        var high = double.PositiveInfinity;
        NarrowInterval(offers, offerStatus, offers: true, ref low, ref high);
        NarrowInterval(bids, bidStatus, offers: false, ref low, ref high);

        var welfare = 0.0;
        for (var i = 0; i < bids.Count; i++)
        {
            if (double.IsFinite(bids[i].PriceEurPerMwh))
            {
                welfare += bids[i].PriceEurPerMwh * acceptedBids[i];
            }
        }

        for (var i = 0; i < offers.Count; i++)
        {
            welfare -= offers[i].PriceEurPerMwh * acceptedOffers[i];
        }

        return new MeritOrderResult
        {
            Rule = rule,
            VolumeMwh = volume,
            AcceptedOffersMwh = acceptedOffers,
            AcceptedBidsMwh = acceptedBids,
            PriceLowEurPerMwh = low,
            PriceHighEurPerMwh = high,
            PriceEurPerMwh = ChoosePrice(low, high, rule),
            WelfareEur = (decimal)Math.Round(welfare, 6, MidpointRounding.ToEven),
        };
    }

    /// <summary>
    /// The price a rule picks in [<paramref name="low"/>, <paramref name="high"/>]: midpoint or lower end when both ends
    /// are finite, the finite end when only one is, null when neither is.
    /// </summary>
    public static double? ChoosePrice(double low, double high, PriceRule rule)
    {
        var lowFinite = double.IsFinite(low);
        var highFinite = double.IsFinite(high);
        if (lowFinite && highFinite)
        {
            return rule == PriceRule.Midpoint ? 0.5 * (low + high) : low;
        }

        return lowFinite ? low : highFinite ? high : null;
    }

    /// <summary>
    /// Narrows the market-clearing interval [low, high] by one side's steps: an offer that trades (fully or partly) or a bid
    /// that is not (fully) served raises low to its price; an offer that is not (fully) used or a bid that trades lowers high.
    /// </summary>
    private static void NarrowInterval(IReadOnlyList<MeritOrderStep> steps, Acceptance[] status, bool offers, ref double low, ref double high)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var p = steps[i].PriceEurPerMwh;
            var trades = status[i] is Acceptance.Full or Acceptance.Partial;
            var left = status[i] is Acceptance.Partial or Acceptance.Rejected;
            if (offers ? trades : left)
            {
                low = Math.Max(low, p);
            }

            if (offers ? left : trades)
            {
                high = Math.Min(high, p);
            }
        }
    }

    private static void Check(IReadOnlyList<MeritOrderStep> steps, string what, bool allowInfinitePrice)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (double.IsNaN(s.PriceEurPerMwh) || (!allowInfinitePrice && !double.IsFinite(s.PriceEurPerMwh)) || double.IsNegativeInfinity(s.PriceEurPerMwh))
            {
                throw new ArgumentException($"The price of {what} step {i} is {s.PriceEurPerMwh}; it must be finite{(allowInfinitePrice ? " or +∞" : string.Empty)}.");
            }

            if (double.IsNaN(s.QuantityMwh) || s.QuantityMwh < 0)
            {
                throw new ArgumentException($"The quantity of {what} step {i} is {s.QuantityMwh}; it must be ≥ 0 (or +∞).");
            }
        }
    }

    private static int[] Sorted(IReadOnlyList<MeritOrderStep> steps, bool ascending)
    {
        var order = Enumerable.Range(0, steps.Count).Where(i => steps[i].QuantityMwh > 0).ToArray();

        // A stable sort by price: equal prices keep the input order.
        var keys = order.Select(i => ascending ? steps[i].PriceEurPerMwh : -steps[i].PriceEurPerMwh).ToArray();
        return [.. order.Zip(keys).OrderBy(p => p.Second).Select(p => p.First)];
    }

    private static double TradedVolume(IReadOnlyList<MeritOrderStep> offers, int[] offerOrder, IReadOnlyList<MeritOrderStep> bids, int[] bidOrder)
    {
        var volume = 0.0;
        int i = 0, j = 0;
        var offerLeft = offerOrder.Length > 0 ? offers[offerOrder[0]].QuantityMwh : 0;
        var bidLeft = bidOrder.Length > 0 ? bids[bidOrder[0]].QuantityMwh : 0;
        while (i < offerOrder.Length && j < bidOrder.Length && bids[bidOrder[j]].PriceEurPerMwh >= offers[offerOrder[i]].PriceEurPerMwh)
        {
            var trade = Math.Min(offerLeft, bidLeft);
            if (double.IsPositiveInfinity(trade))
            {
                break; // two unlimited steps: no finite largest volume
            }

            volume += trade;
            offerLeft -= trade;
            bidLeft -= trade;
            if (offerLeft <= 0 && ++i < offerOrder.Length)
            {
                offerLeft = offers[offerOrder[i]].QuantityMwh;
            }

            if (bidLeft <= 0 && ++j < bidOrder.Length)
            {
                bidLeft = bids[bidOrder[j]].QuantityMwh;
            }
        }

        return volume;
    }

    private static void Allocate(IReadOnlyList<MeritOrderStep> steps, int[] order, double volume, double[] accepted, Acceptance[] status)
    {
        var tolerance = 1e-12 * Math.Max(1.0, volume);
        var remaining = volume;
        var k = 0;
        while (k < order.Length)
        {
            var price = steps[order[k]].PriceEurPerMwh;
            var end = k;
            var levelQuantity = 0.0;
            var unlimited = 0;
            while (end < order.Length && steps[order[end]].PriceEurPerMwh == price)
            {
                var q = steps[order[end]].QuantityMwh;
                levelQuantity += q;
                unlimited += double.IsPositiveInfinity(q) ? 1 : 0;
                end++;
            }

            if (remaining <= tolerance)
            {
                SetLevel(order, k, end, status, Acceptance.Rejected);
            }
            else if (unlimited == 0 && remaining >= levelQuantity - tolerance)
            {
                for (var m = k; m < end; m++)
                {
                    accepted[order[m]] = steps[order[m]].QuantityMwh;
                    status[order[m]] = Acceptance.Full;
                }

                remaining = Math.Max(0.0, remaining - levelQuantity);
            }
            else
            {
                // The marginal level: split pro rata to quantity (unlimited steps share equally).
                for (var m = k; m < end; m++)
                {
                    var q = steps[order[m]].QuantityMwh;
                    var share = unlimited > 0
                        ? (double.IsPositiveInfinity(q) ? remaining / unlimited : 0.0)
                        : remaining * (q / levelQuantity);
                    accepted[order[m]] = share;
                    status[order[m]] = share <= 0 ? Acceptance.Rejected : Acceptance.Partial;
                }

                remaining = 0;
            }

            k = end;
        }
    }

    private static void SetLevel(int[] order, int from, int to, Acceptance[] status, Acceptance value)
    {
        for (var m = from; m < to; m++)
        {
            status[order[m]] = value;
        }
    }
}
