namespace Lem.Reports.Figures;

/// <summary>
/// One quantity of <c>grid.csv</c> (columns slot, quantity, element, value) as an element × slot matrix, e.g. the
/// voltage magnitude per bus and slot. Elements are sorted numerically when all are numbers, else ordinally; a missing
/// cell is NaN.
/// </summary>
/// <param name="Elements">The element ids (rows).</param>
/// <param name="Slots">The slot indices (columns).</param>
/// <param name="Values">Values[element, slot].</param>
public sealed record BusSlotMatrix(string[] Elements, double[] Slots, double[,] Values)
{
    /// <summary>Extracts the rows whose quantity is <paramref name="quantity"/>.</summary>
    public static BusSlotMatrix Extract(CsvTable grid, string quantity)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var cells = new Dictionary<(string, int), double>();
        var elements = new HashSet<string>(StringComparer.Ordinal);
        var slots = new SortedSet<int>();
        for (var i = 0; i < grid.Rows.Count; i++)
        {
            if (grid.Text(i, "quantity") != quantity)
            {
                continue;
            }

            var slot = grid.Number(i, "slot");
            var value = grid.Number(i, "value");
            if (!double.IsFinite(slot))
            {
                continue;
            }

            var e = grid.Text(i, "element");
            elements.Add(e);
            slots.Add((int)slot);
            cells[(e, (int)slot)] = value;
        }

        var numeric = elements.All(e => double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        var ordered = numeric
            ? elements.OrderBy(e => double.Parse(e, CultureInfo.InvariantCulture)).ToArray()
            : elements.OrderBy(e => e, StringComparer.Ordinal).ToArray();
        var slotList = slots.ToArray();
        var values = new double[ordered.Length, slotList.Length];
        for (var r = 0; r < ordered.Length; r++)
        {
            for (var c = 0; c < slotList.Length; c++)
            {
                values[r, c] = cells.TryGetValue((ordered[r], slotList[c]), out var v) ? v : double.NaN;
            }
        }

        return new BusSlotMatrix(ordered, [.. slotList.Select(s => (double)s)], values);
    }
}
