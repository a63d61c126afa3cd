namespace Lem.Reports.Figures;

/// <summary>
/// Series per group and slot summed from a long table (one row per slot and item), e.g. the net injection per asset kind.
/// Groups are sorted by name (ordinal); slots ascending; a slot a group lacks counts 0.
/// </summary>
/// <param name="Slots">The slot indices.</param>
/// <param name="Groups">The group names.</param>
/// <param name="Values">Values[g][s]: the sum of the group's rows in slot s.</param>
public sealed record StackedSeries(double[] Slots, string[] Groups, double[][] Values)
{
    /// <summary>Sums <paramref name="valueColumn"/> by <paramref name="groupColumn"/> and slot, keeping rows <paramref name="keep"/> accepts.</summary>
    public static StackedSeries Extract(CsvTable table, string groupColumn, string valueColumn, Func<string, bool>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sums = new SortedDictionary<string, SortedDictionary<int, double>>(StringComparer.Ordinal);
        var slots = new SortedSet<int>();
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var group = table.Text(i, groupColumn);
            var slot = table.Number(i, "slot");
            var value = table.Number(i, valueColumn);
            if (!double.IsFinite(slot) || !double.IsFinite(value) || (keep is not null && !keep(group)))
            {
                continue;
            }

            slots.Add((int)slot);
            if (!sums.TryGetValue(group, out var perSlot))
            {
                perSlot = [];
                sums[group] = perSlot;
            }

            perSlot[(int)slot] = perSlot.GetValueOrDefault((int)slot) + value;
        }

        return new StackedSeries(
            [.. slots.Select(s => (double)s)],
            [.. sums.Keys],
            [.. sums.Values.Select(perSlot => slots.Select(s => perSlot.GetValueOrDefault(s)).ToArray())]);
    }
}
