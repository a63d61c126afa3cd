namespace Lem.Reports.Figures;

/// <summary>
/// The price band of <c>prices.csv</c>: per slot the minimum, maximum and mean price over the buses (the DLMP spread;
/// one value per slot on a copper plate). Slots in ascending order; NaN prices are skipped.
/// </summary>
/// <param name="Slots">The slot indices.</param>
/// <param name="MinEurPerMwh">The lowest bus price per slot.</param>
/// <param name="MaxEurPerMwh">The highest bus price per slot.</param>
/// <param name="MeanEurPerMwh">The mean bus price per slot (unweighted over buses).</param>
/// <param name="BusCount">The number of distinct buses (price locations).</param>
public sealed record PriceBand(double[] Slots, double[] MinEurPerMwh, double[] MaxEurPerMwh, double[] MeanEurPerMwh, int BusCount)
{
    /// <summary>Extracts the band from a <c>prices.csv</c> table (columns slot, bus, price_eur_per_mwh).</summary>
    public static PriceBand Extract(CsvTable prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var bySlot = new SortedDictionary<int, List<double>>();
        var buses = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < prices.Rows.Count; i++)
        {
            var slot = prices.Number(i, "slot");
            var price = prices.Number(i, "price_eur_per_mwh");
            if (!double.IsFinite(slot) || !double.IsFinite(price))
            {
                continue;
            }

            buses.Add(prices.Text(i, "bus"));
            if (!bySlot.TryGetValue((int)slot, out var list))
            {
                list = [];
                bySlot[(int)slot] = list;
            }

            list.Add(price);
        }

        return new PriceBand(
            [.. bySlot.Keys.Select(k => (double)k)],
            [.. bySlot.Values.Select(v => v.Min())],
            [.. bySlot.Values.Select(v => v.Max())],
            [.. bySlot.Values.Select(v => v.Average())],
            buses.Count);
    }
}
