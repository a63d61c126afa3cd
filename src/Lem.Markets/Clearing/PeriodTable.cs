namespace Lem.Markets.Clearing;

/// <summary>
/// Aggregates a clearing's per-slot results into periods for tables (docs/mechanisms/README.md#the-period-table): per local clock
/// hour (energy summed over the hour's slots, prices averaged over its slots and locations, with their min and max) or
/// per slot.
/// </summary>
/// <remarks>
/// Hours are the local clock hours of the horizon's zone, keyed by the local start of each slot truncated to the hour
/// together with its UTC offset: on a day when the clocks go back, the repeated hour is two periods, and on a day when
/// they go forward the skipped hour has none, so a 92- or 100-quarter-hour day has 23 or 25 hours. Slots of one period are
/// consecutive, so the energy of every slot is counted in exactly one period and the periods' energy sums to the horizon's.
/// </remarks>
public static class PeriodTable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The option values of <see cref="TableResolution"/> (<c>hour</c>, <c>slot</c>).</summary>
    public static IReadOnlyList<string> ResolutionNames { get; } = ["hour", "slot"];

    /// <summary>The resolution an option value names; throws <see cref="ArgumentException"/> for another value.</summary>
    public static TableResolution ParseResolution(string name) => name switch
    {
        "hour" => TableResolution.Hour,
        "slot" => TableResolution.Slot,
        _ => throw new ArgumentException($"A table resolution is one of {string.Join(", ", ResolutionNames)}, not '{name}'.", nameof(name)),
    };

    /// <summary>Builds the periods of a clearing result over its horizon.</summary>
    /// <param name="result">The clearing result: import and export per slot in kW, prices per slot and location.</param>
    /// <param name="horizon">The horizon the result covers.</param>
    /// <param name="resolution">One row per local hour or per slot.</param>
    /// <returns>The periods in time order.</returns>
    public static IReadOnlyList<PeriodRow> Build(ClearingResult result, Horizon horizon, TableResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(horizon);
        var rows = new List<PeriodRow>();
        var slotHours = horizon.SlotHours;
        var t = 0;
        while (t < horizon.Count)
        {
            var first = t;
            var key = Key(horizon, first, resolution);
            double importMwh = 0, exportMwh = 0, priceSum = 0;
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            var prices = 0;
            do
            {
                importMwh += At(result.ImportKw, t) * slotHours / 1000;
                exportMwh += At(result.ExportKw, t) * slotHours / 1000;
                if (t < result.PricesEurPerMwh.Count)
                {
                    foreach (var p in result.PricesEurPerMwh[t].Where(double.IsFinite))
                    {
                        priceSum += p;
                        min = Math.Min(min, p);
                        max = Math.Max(max, p);
                        prices++;
                    }
                }

                t++;
            }
            while (t < horizon.Count && Key(horizon, t, resolution) == key);

            var start = horizon.Slots[first].Start;
            rows.Add(new PeriodRow(
                start,
                start.InZone(horizon.Zone),
                first,
                t - first,
                importMwh,
                exportMwh,
                prices == 0 ? null : priceSum / prices,
                prices == 0 ? null : min,
                prices == 0 ? null : max));
        }

        return rows;
    }

    /// <summary>The text table of the periods: local start, mean price (min … max), import and export, with headers that say how each column aggregates.</summary>
    /// <param name="rows">The periods (<see cref="Build"/>).</param>
    /// <param name="resolution">The resolution they were built with.</param>
    /// <param name="slotMinutes">The slot length, minutes (named in the title).</param>
    public static ReportTable Text(IReadOnlyList<PeriodRow> rows, TableResolution resolution, int slotMinutes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var multiDay = rows.Select(r => r.LocalStart.Date).Distinct().Count() > 1;
        string BaseLabel(PeriodRow r) => r.LocalStart.ToString(multiDay ? "uuuu-MM-dd HH:mm" : "HH:mm", Inv);
        var repeated = rows.GroupBy(BaseLabel).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var cells = new List<IReadOnlyList<string>>(rows.Count);
        foreach (var r in rows)
        {
            var label = BaseLabel(r);
            if (repeated.Contains(label))
            {
                label += " " + r.LocalStart.Offset.ToString("g", Inv);
            }

            cells.Add([label, Price(r), r.ImportMwh.ToString("0.000", Inv), r.ExportMwh.ToString("0.000", Inv)]);
        }

        // Short title and headers (they wrap at the table's width); docs/mechanisms/README.md has the definitions.
        return resolution == TableResolution.Hour
            ? new ReportTable($"Per local hour ({slotMinutes}-min slots): energy summed, prices averaged", ["Hour", "Price EUR/MWh mean (min … max)", "Import MWh", "Export MWh"], cells)
            : new ReportTable($"Per {slotMinutes}-minute slot", ["Slot", "Price EUR/MWh mean (min … max over buses)", "Import MWh", "Export MWh"], cells);
    }

    private static string Price(PeriodRow r)
    {
        if (r.MeanPriceEurPerMwh is not { } mean)
        {
            return "–";
        }

        var min = r.MinPriceEurPerMwh!.Value;
        var max = r.MaxPriceEurPerMwh!.Value;
        return max - min < 0.005
            ? mean.ToString("0.00", Inv)
            : $"{mean.ToString("0.00", Inv)} ({min.ToString("0.00", Inv)} … {max.ToString("0.00", Inv)})";
    }

    private static double At(IReadOnlyList<double> values, int t) => t < values.Count ? values[t] : 0;

    // A period's key: the slot index for slots; for hours the local date and hour of the slot's start with its offset,
    // so the repeated hour of a clocks-back day is two periods.
    private static (LocalDate Date, int Hour, Offset Offset, int Slot) Key(Horizon horizon, int t, TableResolution resolution)
    {
        if (resolution == TableResolution.Slot)
        {
            return (default, 0, default, t);
        }

        var local = horizon.Slots[t].Start.InZone(horizon.Zone);
        return (local.Date, local.Hour, local.Offset, 0);
    }
}
