using Lem.Reports.Figures;

namespace Lem.Reports.Tests;

/// <summary>The figures' data extraction against hand-worked tables and a naive recomputation from a run's CSV.</summary>
public sealed class FigureDataTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("lem-figure-data-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Price_band_of_a_hand_made_table()
    {
        // Slot 0: buses 90, 100, 95 -> min 90, max 100, mean 95; slot 1: 50, 70, NaN (skipped) -> 50, 70, 60.
        var csv = CsvTable.Parse("slot,time,bus,price_eur_per_mwh\n1,t1,a,50\n0,t0,a,90\n0,t0,b,100\n0,t0,c,95\n1,t1,b,70\n1,t1,c,NaN\n");
        var band = PriceBand.Extract(csv);
        Assert.Equal([0.0, 1.0], band.Slots);
        Assert.Equal([90.0, 50.0], band.MinEurPerMwh);
        Assert.Equal([100.0, 70.0], band.MaxEurPerMwh);
        Assert.Equal([95.0, 60.0], band.MeanEurPerMwh);
        Assert.Equal(3, band.BusCount);
    }

    [Fact]
    public void Price_band_min_and_max_equal_the_run_csv_min_and_max_per_slot()
    {
        var outDir = Path.Combine(dir, "pool");
        var (exit, _, err) = ReportChecks.Lem("run", RepoPaths.InRepo("examples", "tiny", "scenario.json"), "--out", outDir, "--format", "json");
        Assert.True(exit == 0, err);
        var path = Path.Combine(outDir, "prices.csv");

        // Naive reference: split the lines by hand.
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).Select(f => (Slot: int.Parse(f[0], CultureInfo.InvariantCulture), Price: double.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        var band = PriceBand.Extract(CsvTable.Read(path));
        var slots = rows.Select(r => r.Slot).Distinct().Order().ToList();
        Assert.Equal(slots.Select(s => (double)s), band.Slots);
        for (var i = 0; i < slots.Count; i++)
        {
            Assert.Equal(rows.Where(r => r.Slot == slots[i]).Min(r => r.Price), band.MinEurPerMwh[i]);
            Assert.Equal(rows.Where(r => r.Slot == slots[i]).Max(r => r.Price), band.MaxEurPerMwh[i]);
        }

        Assert.Equal(3, band.BusCount); // the tiny feeder's three buses
    }

    [Fact]
    public void Stacked_series_sums_by_group_and_slot_and_fills_missing_slots_with_zero()
    {
        var csv = CsvTable.Parse("slot,kind,net_injection_kw\n0,pv,3\n0,pv,2\n1,pv,4\n0,load,-1\n2,load,-2\n1,import,9\n");
        var s = StackedSeries.Extract(csv, "kind", "net_injection_kw", k => k != "import");
        Assert.Equal([0.0, 1.0, 2.0], s.Slots);
        Assert.Equal(["load", "pv"], s.Groups);
        Assert.Equal([-1.0, 0.0, -2.0], s.Values[0]);
        Assert.Equal([5.0, 4.0, 0.0], s.Values[1]);
    }

    [Fact]
    public void Bus_slot_matrix_orders_buses_numerically_and_marks_missing_cells()
    {
        var csv = CsvTable.Parse("slot,time,quantity,element,value\n0,t,vm_pu,10,0.98\n0,t,vm_pu,2,1.01\n1,t,vm_pu,2,1.02\n0,t,p_from_mw,2,5\n");
        var m = BusSlotMatrix.Extract(csv, "vm_pu");
        Assert.Equal(["2", "10"], m.Elements);
        Assert.Equal([0.0, 1.0], m.Slots);
        Assert.Equal(1.01, m.Values[0, 0]);
        Assert.Equal(1.02, m.Values[0, 1]);
        Assert.Equal(0.98, m.Values[1, 0]);
        Assert.True(double.IsNaN(m.Values[1, 1]));
    }

    [Fact]
    public void Csv_fields_may_be_quoted()
    {
        var csv = CsvTable.Parse("design,note\r\n\"a, b\",\"say \"\"hi\"\"\"\r\nc,\r\n");
        Assert.Equal("a, b", csv.Text(0, "design"));
        Assert.Equal("say \"hi\"", csv.Text(0, "note"));
        Assert.Equal(string.Empty, csv.Text(1, "note"));
        Assert.True(double.IsNaN(csv.Number(1, "missing")));
    }

    [Fact]
    public void Every_registered_figure_has_a_unique_name_and_declares_its_files()
    {
        var names = FigureRegistry.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(FigureRegistry.All, f => Assert.NotEmpty(f.RequiredFiles));
        Assert.Throws<ArgumentException>(() => FigureRegistry.Register(FigureRegistry.All[0]));
    }
}
