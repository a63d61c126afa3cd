using System.Globalization;
using System.Numerics;
using Lem.Domain.Validation;
using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.Import;
using Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;
using Lem.Grid.ThreePhase.PowerFlow;
using Lem.Grid.ThreePhase.TimeSeries;
using Lem.Testing;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>
/// The IEEE PES European LV Test Feeder read from its CSV package (docs/three-phase.md, "The IEEE European LV feeder"):
/// the import against the package's own numbers, the minute-1 power flow against the published OpenDSS solution, and
/// errors for broken packages.
/// </summary>
public sealed class IeeeEuropeanLvTests
{
    private static string Package => Path.Combine(RepoPaths.Shared, "data", "threephase", "ieee_eu_lv", "European_LV_CSV");

    private static string Solution => Path.Combine(RepoPaths.Shared, "data", "threephase", "ieee_eu_lv", "solutions_t1", "opendss_t1_voltages.csv");

    /// <summary>906 LV buses plus the 11 kV source bus, 905 lines, 55 single-phase loads; each load's power at minute N is row N of its profile file, read here independently.</summary>
    [SharedFact]
    public void Import_matches_the_package_files()
    {
        var read = IeeeEuropeanLvReader.Read(Package, 700);
        Assert.True(read.Succeeded, string.Join("\n", read.Errors));
        var feeder = read.Feeder!;
        var network = feeder.Network;
        Assert.Equal(907, network.Buses.Count);
        Assert.Equal(905, network.Lines.Count);
        Assert.Equal(55, network.Loads.Count);
        Assert.Equal(1440, feeder.Minutes);
        Assert.Equal(11.0, network.Bus(new BusId("SourceBus")).NominalVoltageKv);
        Assert.Equal(0.416, network.Bus(new BusId("906")).NominalVoltageKv);

        // Naive reference: Loads.csv names the shape, LoadShapes.csv its file, row 700 of the file holds the kW.
        var shapes = File.ReadLines(Path.Combine(Package, "LoadShapes.csv")).Skip(2).Select(l => l.Split(',')).ToDictionary(c => c[0], c => c[3]);
        var rows = File.ReadLines(Path.Combine(Package, "Loads.csv")).Skip(3).Select(l => l.Split(',')).ToList();
        Assert.Equal(rows.Count, network.Loads.Count);
        foreach (var (cells, load) in rows.Zip(network.Loads))
        {
            var profile = File.ReadLines(Path.Combine(Package, "Load Profiles", shapes[cells[9]])).ElementAt(700).Split(',');
            var kw = double.Parse(profile[1], CultureInfo.InvariantCulture);
            var phase = cells[3] switch { "A" => 0, "B" => 1, _ => 2 };
            Assert.Equal(cells[0], load.Id);
            Assert.Equal(cells[2], load.Bus.Value);
            Assert.Equal(kw, load.PowerKw[phase], 12);
            Assert.Equal(kw * Math.Sqrt(1 - (0.95 * 0.95)) / 0.95, load.ReactivePowerKvar[phase], 12);
            Assert.Equal(0.0, load.PowerKw.Sum() - load.PowerKw[phase]);
        }

        // LINE1: 1.098 m of 4c_70 (R1 0.446, X1 0.071, R0 1.505, X0 0.083 Ω/km): self (Z0 + 2 Z1)/3, mutual (Z0 − Z1)/3.
        var line = network.Lines[0];
        var km = 1.098e-3;
        Assert.Equal(((1.505 + (2 * 0.446)) / 3) * km, line.SeriesImpedanceOhm[0, 0].Real, 12);
        Assert.Equal(((0.083 + (2 * 0.071)) / 3) * km, line.SeriesImpedanceOhm[1, 1].Imaginary, 12);
        Assert.Equal(((1.505 - 0.446) / 3) * km, line.SeriesImpedanceOhm[0, 2].Real, 12);
        Assert.True(line.ShuntAdmittanceSiemens.IsZero);

        var transformer = Assert.Single(network.Transformers);
        Assert.Equal("Dyn1", transformer.VectorGroup);
        Assert.Equal(800.0, transformer.RatedPowerKva);
        Assert.Equal(Math.Sqrt(16.16), transformer.ShortCircuitVoltagePercent, 12);
    }

    /// <summary>
    /// The source's sequence impedances follow OpenDSS's Vsource from ISC3 = 3000 A and ISC1 = 5 A at 11 kV:
    /// √3 · 11 kV · 3000 A = 57.16 MVA, and the single-phase fault current 3 V / |2 Z1 + Z0| is 5 A.
    /// </summary>
    [SharedFact]
    public void Source_reproduces_the_short_circuit_currents()
    {
        var source = Assert.Single(IeeeEuropeanLvReader.Read(Package).Feeder!.Network.Sources);
        Assert.Equal(Math.Sqrt(3) * 11 * 3, source.ShortCircuitPowerMva!.Value, 9);
        Assert.Equal(SourceImpedanceModel.AllSequences, source.ImpedanceModel);
        Assert.Equal(1.05, source.VoltagePu);
        var x1 = 11.0 * 11.0 / source.ShortCircuitPowerMva.Value / Math.Sqrt(1 + (source.RxRatio * source.RxRatio));
        var z1 = new Complex(source.RxRatio * x1, x1);
        var x0 = source.ZeroToPositiveRatio * x1;
        var z0 = new Complex(source.ZeroSequenceRxRatio!.Value * x0, x0);
        Assert.Equal(3000.0, 11000 / Math.Sqrt(3) / z1.Magnitude, 6);
        Assert.Equal(5.0, 3 * 11000 / Math.Sqrt(3) / ((2 * z1) + z0).Magnitude, 6);
    }

    /// <summary>
    /// Minute 1 against the published OpenDSS solution: every bus (906 LV buses and the source bus) and phase within
    /// 0.01 V in magnitude and 0.1° in angle (the published angles are rounded to 0.1°), by Newton–Raphson (auto) and
    /// by the Z-bus fixed point of the time series.
    /// </summary>
    [SharedTheory(NativeLibraries.Klu)]
    [InlineData(ThreePhaseAlgorithm.Auto)]
    [InlineData(ThreePhaseAlgorithm.ZBusFixedPoint)]
    public void Minute_one_matches_the_published_OpenDSS_solution(ThreePhaseAlgorithm algorithm)
    {
        var network = IeeeEuropeanLvReader.Read(Package, 1).Feeder!.Network;
        var result = ThreePhasePowerFlow.Solve(network, new ThreePhasePowerFlowOptions { Algorithm = algorithm });
        Assert.True(result.Converged, result.Message);
        Assert.Equal(algorithm == ThreePhaseAlgorithm.Auto ? ThreePhaseAlgorithm.NewtonRaphson : algorithm, result.Algorithm);
        var byId = result.Buses.ToDictionary(b => b.Id.Value, StringComparer.OrdinalIgnoreCase);
        var worstMagnitude = (Error: 0.0, Where: string.Empty);
        var worstAngle = (Error: 0.0, Where: string.Empty);
        var compared = 0;
        foreach (var cells in File.ReadLines(Solution).Skip(1).Select(l => l.Split(',')))
        {
            var bus = byId[cells[0]];
            for (var k = 0; k < 3; k++)
            {
                var magnitude = double.Parse(cells[3 + (4 * k)], CultureInfo.InvariantCulture);
                var angle = double.Parse(cells[4 + (4 * k)], CultureInfo.InvariantCulture);
                var phase = bus.Phases.Single(p => (int)p.Phase == k);
                var dm = Math.Abs(phase.MagnitudeV - magnitude);
                var da = Math.Abs(Math.IEEERemainder(phase.AngleDegree - angle, 360));
                if (dm > worstMagnitude.Error)
                {
                    worstMagnitude = (dm, $"{cells[0]}.{k + 1}: {phase.MagnitudeV:0.0000} V vs {magnitude}");
                }

                if (da > worstAngle.Error)
                {
                    worstAngle = (da, $"{cells[0]}.{k + 1}: {phase.AngleDegree:0.000}° vs {angle}");
                }

                compared++;
            }
        }

        Assert.Equal(907 * 3, compared);
        Console.WriteLine($"IEEE EU LV minute 1: largest magnitude error {worstMagnitude.Error:0.000000} V at {worstMagnitude.Where}; largest angle error {worstAngle.Error:0.0000}° at {worstAngle.Where}");
        Assert.True(worstMagnitude.Error <= 0.01, $"largest magnitude error {worstMagnitude.Error:0.00000} V at {worstMagnitude.Where}");
        Assert.True(worstAngle.Error <= 0.1, $"largest angle error {worstAngle.Error:0.0000}° at {worstAngle.Where}");
    }

    /// <summary>
    /// The Z-bus fixed point of the time series against prepared Newton–Raphson (the previous time-series solver) on
    /// every 37th minute of the day: every bus and phase voltage within 1e-9 pu (complex difference over the phase
    /// base), the losses within 1e-6 kW, and the step summaries taken straight from the node voltages equal to the
    /// summaries of the full Newton–Raphson results.
    /// </summary>
    [SharedFact(NativeLibraries.Klu)]
    public void Z_bus_series_matches_Newton_Raphson_on_sampled_minutes()
    {
        var read = new IeeeEuropeanLvImporter().Read(Package, ThreePhaseImportOptions.Default);
        Assert.True(read.Succeeded, string.Join("\n", read.Errors));
        var network = read.Network!;
        var series = read.LoadSeries!;
        using var fast = ThreePhasePowerFlow.Prepare(network, new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.ZBusFixedPoint });
        using var newton = ThreePhasePowerFlow.Prepare(network, new ThreePhasePowerFlowOptions { Algorithm = ThreePhaseAlgorithm.NewtonRaphson });
        using var summaries = ThreePhasePowerFlow.Prepare(network);
        var worst = 0.0;
        var minutes = 0;
        for (var minute = 1; minute <= series.Steps; minute += 37)
        {
            var loads = series.LoadsAt(minute);
            var a = fast.Solve(loads, []);
            var b = newton.Solve(loads, []);
            Assert.True(a.Converged && b.Converged, $"minute {minute}: {a.Message} {b.Message}");
            Assert.Equal(ThreePhaseAlgorithm.ZBusFixedPoint, a.Algorithm);
            Assert.Equal(ThreePhaseAlgorithm.NewtonRaphson, b.Algorithm);
            foreach (var (x, y) in a.Buses.Zip(b.Buses))
            {
                Assert.Equal(x.Id, y.Id);
                foreach (var (p, q) in x.Phases.Zip(y.Phases))
                {
                    var basePhase = p.MagnitudeV / p.MagnitudePu;
                    var difference = (Complex.FromPolarCoordinates(p.MagnitudeV, p.AngleDegree * Math.PI / 180) - Complex.FromPolarCoordinates(q.MagnitudeV, q.AngleDegree * Math.PI / 180)).Magnitude / basePhase;
                    worst = Math.Max(worst, difference);
                }
            }

            Assert.Equal(b.LossesKw, a.LossesKw, 1e-6);
            var summary = summaries.SolveSummary(minute, loads, []);
            var reference = ThreePhaseStepSummary.Of(minute, b);
            Assert.True(summary.Converged);
            Assert.Equal(minute, summary.Step);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(reference.MinVoltagePu[k], summary.MinVoltagePu[k], 1e-9);
                Assert.Equal(reference.MaxVoltagePu[k], summary.MaxVoltagePu[k], 1e-9);
                Assert.Equal(reference.MinVoltageBus[k], summary.MinVoltageBus[k]);
            }

            Assert.Equal(reference.MaxUnbalancePercent, summary.MaxUnbalancePercent, 1e-7);
            Assert.Equal(reference.MaxUnbalanceBus, summary.MaxUnbalanceBus);
            Assert.Equal(reference.LossesKw, summary.LossesKw, 1e-6);
            minutes++;
        }

        Console.WriteLine($"IEEE EU LV, {minutes} minutes: largest Z-bus vs Newton–Raphson voltage difference {worst:G3} pu");
        Assert.Equal(39, minutes);
        Assert.True(worst <= 1e-9, $"largest voltage difference {worst:G3} pu");
    }

    /// <summary>Minute N outside the profiles (1..1440) is an error naming the range.</summary>
    [SharedFact]
    public void Minute_out_of_range_is_an_error()
    {
        foreach (var minute in new[] { 0, 1441 })
        {
            var read = IeeeEuropeanLvReader.Read(Package, minute);
            Assert.Null(read.Feeder);
            var error = Assert.Single(read.Errors);
            Assert.Equal(ValidationCodes.ValueOutOfRange, error.Code);
            Assert.Contains("1 to 1440", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A broken package: every problem at once, each with its file, line and column.</summary>
    [SharedFact]
    public void Broken_package_reports_every_problem_with_file_line_and_column()
    {
        var folder = CopyPackage();
        try
        {
            Replace(folder, "Lines.csv", "LINE2,2,3,ABC,0.11511,m,4c_70", "LINE2,2,3,ABC,-0.1,m,4c_70");
            Replace(folder, "Lines.csv", "LINE3,3,4,ABC,0.10784,m,4c_70", "LINE3,3,4,ABC,0.10784,m,no_such_code");
            Replace(folder, "Loads.csv", "LOAD2,1,47,B,0.23,1,wye,1,0.95,Shape_2", "LOAD2,1,47,D,0.23,1,wye,1,0.95,Shape_2");
            Replace(folder, "Transformer.csv", ", Delta, Wye,4,0.4", ", Delta, Wye,x,0.4");
            var read = IeeeEuropeanLvReader.Read(folder);
            Assert.Null(read.Feeder);
            var paths = read.Errors.Select(e => e.Path).ToList();
            Assert.Contains("Lines.csv:4 [Length]", paths);
            Assert.Contains("Lines.csv:5 [LineCode]", paths);
            Assert.Contains("Loads.csv:5 [phases]", paths);
            Assert.Contains("Transformer.csv:3 [%XHL]", paths);

            File.Delete(Path.Combine(folder, "LineCodes.csv"));
            File.Delete(Path.Combine(folder, "Source.csv"));
            var missing = IeeeEuropeanLvReader.Read(folder);
            Assert.Contains(missing.Errors, e => e.Path == "LineCodes.csv" && e.Code == ValidationCodes.FileMissing);
            Assert.Contains(missing.Errors, e => e.Path == "Source.csv" && e.Code == ValidationCodes.FileMissing);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The registry recognises the package folder and gives its 1440 minutes as a load series.</summary>
    [SharedFact]
    public void Registry_recognises_the_package()
    {
        var importer = ThreePhaseImporters.Find(Package);
        Assert.NotNull(importer);
        Assert.Null(ThreePhaseImporters.Find(Solution));
        var read = importer.Read(Package, new ThreePhaseImportOptions { Step = 2 });
        Assert.Equal(1440, read.LoadSeries!.Steps);
        Assert.Equal(read.Network!.Loads.Select(l => l.PowerKw.Sum()), read.LoadSeries.LoadsAt(2).Select(l => l.PowerKw.Sum()));
    }

    private static string CopyPackage()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lem-eulv-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, IeeeEuropeanLvReader.ProfilesFolder));
        foreach (var file in Directory.GetFiles(Package))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(Package, IeeeEuropeanLvReader.ProfilesFolder)))
        {
            File.Copy(file, Path.Combine(folder, IeeeEuropeanLvReader.ProfilesFolder, Path.GetFileName(file)));
        }

        return folder;
    }

    private static void Replace(string folder, string file, string from, string to)
    {
        var path = Path.Combine(folder, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }
}
