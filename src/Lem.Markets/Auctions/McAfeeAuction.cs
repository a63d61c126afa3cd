using static Lem.Markets.Auctions.AuctionMath;

namespace Lem.Markets.Auctions;

/// <summary>
/// McAfee's trade-reduction double auction (McAfee 1992; docs/mechanisms/auctions.md#mcafees-trade-reduction) on units: every step is split into units of
/// <see cref="LotKwh"/>; with K the efficient number of units and p0 = (b_(K+1) + s_(K+1)) / 2, all K units trade at p0 when
/// s_(K) ≤ p0 ≤ b_(K); otherwise only the top K − 1 trade, buyers paying b_(K) and sellers receiving s_(K), the operator
/// keeping (K − 1)(b_(K) − s_(K)) lots. Dominant-strategy truthful, individually rational, never in deficit.
/// </summary>
/// <remarks>
/// A missing (K+1)-th bid or ask takes McAfee's dummy value: the price floor (−500 EUR/MWh) for a bid and the price cap
/// (4000 EUR/MWh) for an ask (<see cref="PriceBounds"/>). A step's quantity beyond whole lots is not traded (a warning
/// says so). When units at the price of the cut are tied, the units that trade are shared pro rata to the steps' unit
/// counts (rounded down), the remaining units one each to the earliest orders.
/// </remarks>
public sealed record McAfeeAuction : ICallAuction
{
    /// <summary>The unit size in kWh (1 kWh by default); positive and finite.</summary>
    public double LotKwh { get; init; } = 1.0;

    /// <inheritdoc />
    public string Name => "mcafee";

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">When <see cref="LotKwh"/> is not positive and finite.</exception>
    public AuctionResult Clear(AuctionBook book)
    {
        if (!(LotKwh > 0 && double.IsFinite(LotKwh)))
        {
            throw new ArgumentOutOfRangeException(nameof(LotKwh), LotKwh, "The lot must be positive and finite.");
        }

        List<string> rules =
        [
            $"units: every step is split into units of {F(LotKwh)} kWh; quantity beyond whole units does not trade",
            "price: McAfee trade reduction: K = max{k : b_(k) >= s_(k)}, p0 = (b_(K+1) + s_(K+1)) / 2; if s_(K) <= p0 <= b_(K) all K units trade at p0, otherwise the top K - 1 units trade, buyers paying b_(K) and sellers receiving s_(K)",
            $"dummies: a missing (K+1)-th bid is the price floor {F(PriceBounds.Floor.EurPerMwh)}, a missing (K+1)-th ask the price cap {F(PriceBounds.Cap.EurPerMwh)} EUR/MWh",
            "payment: the operator keeps (b_(K) - s_(K)) per traded unit in the reduction case (surplus >= 0), nothing otherwise",
            "volume: units tied at the price of the cut are shared pro rata to the steps' unit counts (rounded down), the remaining units one each to the earliest orders",
        ];
        return ClearAll(book, Name, rules, ClearSlot);
    }

    private AuctionSlotResult ClearSlot(int slot, List<SideStep> bids, List<SideStep> asks, List<string> warnings)
    {
        var bidUnits = Units(bids, warnings);
        var askUnits = Units(asks, warnings);
        var k = EfficientUnits(bids, bidUnits, asks, askUnits);
        var notes = new List<string>();
        double? low = null, high = null, buyerPrice = null, sellerPrice = null;
        long traded = 0;
        if (k > 0)
        {
            var bK = UnitPrice(bids, bidUnits, k)!.Value;
            var sK = UnitPrice(asks, askUnits, k)!.Value;
            var bNext = UnitPrice(bids, bidUnits, k + 1);
            var sNext = UnitPrice(asks, askUnits, k + 1);
            low = Math.Max(sK, bNext ?? double.NegativeInfinity);
            high = Math.Min(bK, sNext ?? double.PositiveInfinity);
            low = Finite(low.Value);
            high = Finite(high.Value);
            var b1 = bNext ?? PriceBounds.Floor.EurPerMwh;
            var s1 = sNext ?? PriceBounds.Cap.EurPerMwh;
            var p0 = 0.5 * (b1 + s1);
            if (sK <= p0 && p0 <= bK)
            {
                traded = k;
                buyerPrice = sellerPrice = p0;
                notes.Add($"K = {k} units; b_(K) = {F(bK)}, s_(K) = {F(sK)}; p0 = ({F(b1)} + {F(s1)}) / 2 = {F(p0)} in [s_(K), b_(K)]: all {k} units trade at p0");
            }
            else
            {
                traded = k - 1;
                buyerPrice = bK;
                sellerPrice = sK;
                notes.Add($"K = {k} units; b_(K) = {F(bK)}, s_(K) = {F(sK)}; p0 = ({F(b1)} + {F(s1)}) / 2 = {F(p0)} outside [s_(K), b_(K)]: trade reduction, {k - 1} units trade, buyers pay {F(bK)}, sellers receive {F(sK)}");
            }
        }
        else
        {
            notes.Add("K = 0: no bid meets an ask, no trade");
        }

        List<AuctionTrade> trades = [];
        if (traded > 0)
        {
            var bidAccepted = Allocate(bidUnits, bids, traded);
            var askAccepted = Allocate(askUnits, asks, traded);
            var (pb, ps) = (buyerPrice!.Value, sellerPrice!.Value);
            trades = Pair(slot, bids, bidAccepted, asks, askAccepted, (_, _) => (pb, ps));
        }
        else
        {
            buyerPrice = sellerPrice = null;
        }

        return SlotResult(slot, trades, low, high, k * LotKwh, notes, buyerPrice, sellerPrice);
    }

    private long[] Units(List<SideStep> steps, List<string> warnings)
    {
        var units = new long[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            units[i] = (long)Math.Floor((s.QuantityKwh / LotKwh) + 1e-9);
            var rest = s.QuantityKwh - (units[i] * LotKwh);
            if (rest > 1e-9 * Math.Max(1.0, s.QuantityKwh))
            {
                warnings.Add($"order {s.Order.Id} step {s.StepIndex + 1}: {F(rest)} kWh beyond whole lots of {F(LotKwh)} kWh does not trade");
            }
        }

        return units;
    }

    private static long EfficientUnits(List<SideStep> bids, long[] bidUnits, List<SideStep> asks, long[] askUnits)
    {
        long k = 0;
        int i = 0, j = 0;
        long bidLeft = 0, askLeft = 0;
        while (true)
        {
            while (bidLeft == 0 && i < bids.Count)
            {
                bidLeft = bidUnits[i++];
            }

            while (askLeft == 0 && j < asks.Count)
            {
                askLeft = askUnits[j++];
            }

            if (bidLeft == 0 || askLeft == 0 || bids[i - 1].PriceEurPerMwh < asks[j - 1].PriceEurPerMwh)
            {
                return k;
            }

            var m = Math.Min(bidLeft, askLeft);
            k += m;
            bidLeft -= m;
            askLeft -= m;
        }
    }

    /// <summary>The price of the n-th unit (1-based) in merit order; null when there are fewer units.</summary>
    private static double? UnitPrice(List<SideStep> steps, long[] units, long n)
    {
        long seen = 0;
        for (var i = 0; i < steps.Count; i++)
        {
            seen += units[i];
            if (seen >= n)
            {
                return steps[i].PriceEurPerMwh;
            }
        }

        return null;
    }

    /// <summary>The kWh of each step among the first <paramref name="n"/> units; a tied level at the cut shared pro rata, then by rank.</summary>
    private double[] Allocate(long[] units, List<SideStep> steps, long n)
    {
        var alloc = new long[steps.Count];
        var left = n;
        var k = 0;
        while (k < steps.Count && left > 0)
        {
            var end = k;
            long total = 0;
            while (end < steps.Count && steps[end].PriceEurPerMwh == steps[k].PriceEurPerMwh)
            {
                total += units[end++];
            }

            if (total <= left)
            {
                for (var m = k; m < end; m++)
                {
                    alloc[m] = units[m];
                }

                left -= total;
            }
            else
            {
                long given = 0;
                for (var m = k; m < end; m++)
                {
                    alloc[m] = (long)(((Int128)left * units[m]) / total);
                    given += alloc[m];
                }

                var rest = left - given;
                for (var m = k; m < end && rest > 0; m++)
                {
                    if (alloc[m] < units[m])
                    {
                        alloc[m]++;
                        rest--;
                    }
                }

                left = 0;
            }

            k = end;
        }

        return [.. alloc.Select(a => a * LotKwh)];
    }
}
