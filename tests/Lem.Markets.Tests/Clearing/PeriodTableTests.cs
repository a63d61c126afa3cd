using System.Globalization;
using Lem.Domain.Time;
using Lem.Markets.Clearing;
using Lem.Testing;
using NodaTime;

namespace Lem.Markets.Tests.Clearing;

/// <summary>
/// <see cref="PeriodTable"/> (docs/mechanisms/README.md#the-period-table) against a naive grouping of the slots by the
/// text of their local start hour, on an ordinary day and on both daylight-saving days (92 and 100 quarter-hours).
/// </summary>
public sealed class PeriodTableTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Theory]
    [InlineData("2026-06-21", 96, 24)]
    [InlineData("2026-03-29", 92, 23)] // clocks forward: 02:00–03:00 does not exist
    [InlineData("2026-10-25", 100, 25)] // clocks back: 02:00–03:00 twice, at +02 and +01
    public void Hours_MatchANaiveGroupingByLocalHour(string day, int slots, int hours)
    {
        var horizon = Horizon.ForMarketDay(MarketDay.Parse(day, "Europe/Berlin"), SlotLength.QuarterHour);
        Assert.Equal(slots, horizon.Count);
        var result = Result(horizon, seed: slots);

        var rows = PeriodTable.Build(result, horizon, TableResolution.Hour);

        // Naive reference: group the slot indices by "date hour offset" of their local start, in order of appearance.
        var groups = Enumerable.Range(0, horizon.Count)
            .GroupBy(t => horizon.Slots[t].Start.InZone(Berlin).ToString("uuuu-MM-dd HH o<g>", CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(hours, groups.Count);
        Assert.Equal(groups.Count, rows.Count);
        for (var h = 0; h < rows.Count; h++)
        {
            var g = groups[h].ToList();
            var row = rows[h];
            Assert.Equal(g[0], row.FirstSlot);
            Assert.Equal(g.Count, row.SlotCount);
            Assert.Equal(horizon.Slots[g[0]].Start, row.Start);
            Approx.Equal(g.Sum(t => result.ImportKw[t] * 0.25 / 1000), row.ImportMwh, 1e-12, what: $"import of {groups[h].Key}");
            Approx.Equal(g.Sum(t => result.ExportKw[t] * 0.25 / 1000), row.ExportMwh, 1e-12, what: $"export of {groups[h].Key}");
            var prices = g.SelectMany(t => result.PricesEurPerMwh[t]).ToList();
            Approx.Equal(prices.Average(), row.MeanPriceEurPerMwh!.Value, 1e-9, what: "mean price");
            Assert.Equal(prices.Min(), row.MinPriceEurPerMwh);
            Assert.Equal(prices.Max(), row.MaxPriceEurPerMwh);
        }

        // Every slot's energy is in exactly one hour.
        Approx.Equal(result.ImportKw.Sum() * 0.25 / 1000, rows.Sum(r => r.ImportMwh), 1e-12);
        Approx.Equal(result.ExportKw.Sum() * 0.25 / 1000, rows.Sum(r => r.ExportMwh), 1e-12);
    }

    [Fact]
    public void ClocksBackDay_RepeatedHour_IsTwoRowsLabelledByTheirOffsets()
    {
        var horizon = Horizon.ForMarketDay(MarketDay.Parse("2026-10-25", "Europe/Berlin"), SlotLength.QuarterHour);
        var rows = PeriodTable.Build(Result(horizon, seed: 1), horizon, TableResolution.Hour);

        var table = PeriodTable.Text(rows, TableResolution.Hour, 15);

        var labels = table.Rows.Select(r => r[0]).ToList();
        Assert.Equal(25, labels.Count);
        Assert.Equal(labels.Count, labels.Distinct().Count());
        Assert.Equal(["01:00", "02:00 +02", "02:00 +01", "03:00"], labels.Skip(1).Take(4));
        Assert.StartsWith("Per local hour", table.Title, StringComparison.Ordinal);
        Assert.Equal("Hour", table.Columns[0]);
    }

    [Fact]
    public void Slots_AreOneRowEach_WithTheSlotsOwnEnergyAndBusRange()
    {
        var horizon = Horizon.ForMarketDay(MarketDay.Parse("2026-06-21", "Europe/Berlin"), SlotLength.QuarterHour);
        var result = Result(horizon, seed: 7);

        var rows = PeriodTable.Build(result, horizon, TableResolution.Slot);

        Assert.Equal(96, rows.Count);
        for (var t = 0; t < 96; t++)
        {
            Assert.Equal(t, rows[t].FirstSlot);
            Assert.Equal(1, rows[t].SlotCount);
            Approx.Equal(result.ImportKw[t] / 4000, rows[t].ImportMwh, 1e-15);
            Assert.Equal(result.PricesEurPerMwh[t].Min(), rows[t].MinPriceEurPerMwh);
            Assert.Equal(result.PricesEurPerMwh[t].Max(), rows[t].MaxPriceEurPerMwh);
        }

        var table = PeriodTable.Text(rows, TableResolution.Slot, 15);
        Assert.Equal("Slot", table.Columns[0]);
        Assert.Equal("Per 15-minute slot", table.Title);
        Assert.Equal("23:45", table.Rows[95][0]);
    }

    [Fact]
    public void ParseResolution_UnknownName_Throws()
    {
        Assert.Equal(TableResolution.Slot, PeriodTable.ParseResolution("slot"));
        var e = Assert.Throws<ArgumentException>(() => PeriodTable.ParseResolution("day"));
        Assert.Contains("hour, slot", e.Message, StringComparison.Ordinal);
    }

    // Deterministic import, export and two bus prices per slot that differ from slot to slot within an hour.
    private static ClearingResult Result(Horizon horizon, int seed)
    {
        var rng = new Random(seed);
        var n = horizon.Count;
        var import = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 0 : rng.NextDouble() * 200).ToArray();
        var export = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5 ? 0 : rng.NextDouble() * 150).ToArray();
        var prices = Enumerable.Range(0, n).Select(_ => (IReadOnlyList<double>)[rng.NextDouble() * 100, rng.NextDouble() * 100]).ToArray();
        return new ClearingResult
        {
            Mechanism = "test",
            SlotCount = n,
            Positions = [],
            ImportKw = import,
            ExportKw = export,
            PriceLocations = ["a", "b"],
            PricesEurPerMwh = prices,
        };
    }
}
