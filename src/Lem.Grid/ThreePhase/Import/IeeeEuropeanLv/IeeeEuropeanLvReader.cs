using System.Globalization;
using System.Numerics;
using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>
/// Reads the IEEE PES European LV Test Feeder's CSV package (a folder with Source.csv, Transformer.csv, LineCodes.csv,
/// Lines.csv, Loads.csv, LoadShapes.csv and <c>Load Profiles/</c>) into a <see cref="IeeeEuropeanLvFeeder"/>, following
/// OpenDSS's definitions as docs/three-phase.md ("The IEEE European LV feeder") states them: the source behind its
/// short-circuit impedance in all sequences, the Delta–wye transformer with the LV side lagging by 30° (Dyn1), lines
/// from sequence line codes, constant-PQ wye loads whose kW follow their one-minute profile. Never throws for bad
/// content: every problem is returned with its file, line and column.
/// </summary>
public static class IeeeEuropeanLvReader
{
    /// <summary>The files a package folder holds.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } = ["Source.csv", "Transformer.csv", "LineCodes.csv", "Lines.csv", "Loads.csv", "LoadShapes.csv"];

    /// <summary>The folder of the load profiles inside the package.</summary>
    public const string ProfilesFolder = "Load Profiles";

    // OpenDSS Vsource defaults when only ISC3/ISC1 are given: X1/R1 = 4, X0/R0 = 3.
    private const double X1R1 = 4.0;
    private const double X0R0 = 3.0;

    /// <summary>
    /// True when <paramref name="path"/> is a folder that looks like the package: it holds Lines.csv, Loads.csv or
    /// LoadShapes.csv (a package missing other files is still recognised, so that its reading names them).
    /// </summary>
    public static bool IsPackageFolder(string path) =>
        Directory.Exists(path) && new[] { "Lines.csv", "Loads.csv", "LoadShapes.csv" }.Any(f => File.Exists(Path.Combine(path, f)));

    /// <summary>Reads the package in <paramref name="folder"/> with the loads of minute <paramref name="minute"/> (1-based: minute 1 is the first row of each profile).</summary>
    /// <exception cref="ArgumentException">When <paramref name="folder"/> is null or empty.</exception>
    public static IeeeEuropeanLvImport Read(string folder, int minute = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var errors = new List<ValidationError>();
        var warnings = new List<string>();
        if (!Directory.Exists(folder))
        {
            return new IeeeEuropeanLvImport(null, [new ValidationError(Path.GetFileName(folder.TrimEnd('/', '\\')), ValidationCodes.FileMissing, $"The feeder folder '{folder}' does not exist.")], warnings);
        }

        var source = ReadSource(Path.Combine(folder, "Source.csv"), errors);
        var transformers = IeeeCsvTable.Read(Path.Combine(folder, "Transformer.csv"), ["Name", "bus1", "bus2", "kV_pri", "kV_sec", "MVA", "Conn_pri", "Conn_sec", "%XHL", "%resistance"], errors);
        var codes = IeeeCsvTable.Read(Path.Combine(folder, "LineCodes.csv"), ["Name", "R1", "X1", "R0", "X0", "C1", "C0", "Units"], errors);
        var lines = IeeeCsvTable.Read(Path.Combine(folder, "Lines.csv"), ["Name", "Bus1", "Bus2", "Phases", "Length", "Units", "LineCode"], errors);
        var loads = IeeeCsvTable.Read(Path.Combine(folder, "Loads.csv"), ["Name", "numPhases", "Bus", "phases", "Model", "Connection", "kW", "PF", "Yearly"], errors);
        var shapes = IeeeCsvTable.Read(Path.Combine(folder, "LoadShapes.csv"), ["Name", "npts", "minterval", "File", "useactual"], errors);
        // Each table that exists is checked, so that a package with missing files still reports its other problems.
        var transformer = transformers is null ? null : ReadTransformer(transformers, errors);
        var lineCodes = codes is null ? new Dictionary<string, LineCode>() : ReadLineCodes(codes, errors);
        var profiles = shapes is null ? new Dictionary<string, (double[] Values, bool Actual)>() : ReadShapes(folder, shapes, errors);
        if (source is null || transformers is null || codes is null || lines is null || loads is null || shapes is null)
        {
            return new IeeeEuropeanLvImport(null, errors, warnings);
        }
        // A broken transformer still lets the lines and loads be checked, so that every problem is reported at once.
        var (transformerModel, hvBus, lvBus, hvKv, lvKv) = transformer ?? (null!, "SourceBus", "1", 0, 0);
        var buses = new Dictionary<string, BusId>(StringComparer.OrdinalIgnoreCase);
        var adjacency = new Dictionary<BusId, List<BusId>>();
        var lineModels = new List<ThreePhaseLine>();
        var lineIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, cells) in lines.Rows)
        {
            var name = lines.Text(line, cells, "Name");
            var from = Bus(lines, line, cells, "Bus1", buses, errors);
            var to = Bus(lines, line, cells, "Bus2", buses, errors);
            var phases = lines.Text(line, cells, "Phases");
            var length = lines.Number(line, cells, "Length", 0, 1e6, exclusiveMin: true);
            var unit = lines.Text(line, cells, "Units");
            var codeName = lines.Text(line, cells, "LineCode");
            if (name is not null && !lineIds.Add(name))
            {
                errors.Add(new ValidationError(lines.Where(line, "Name"), ValidationCodes.IdDuplicate, $"The line '{name}' is defined twice."));
            }

            if (phases is not null && !phases.Equals("ABC", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError(lines.Where(line, "Phases"), ValidationCodes.ValueInvalid, $"Phases '{phases}' is not supported: the importer reads three-phase lines (ABC)."));
            }

            var factor = unit is null ? null : KilometresPer(unit);
            if (unit is not null && factor is null)
            {
                errors.Add(new ValidationError(lines.Where(line, "Units"), ValidationCodes.ValueInvalid, $"The length unit '{unit}' is unknown; use m, km, ft, kft or mi."));
            }

            LineCode? code = null;
            if (codeName is not null && !lineCodes.TryGetValue(codeName, out code))
            {
                errors.Add(new ValidationError(lines.Where(line, "LineCode"), ValidationCodes.ValueInvalid, $"The line code '{codeName}' is not in LineCodes.csv."));
            }

            if (name is null || from is null || to is null || length is null || factor is null || code is null)
            {
                continue;
            }

            if (from.Value == to.Value)
            {
                errors.Add(new ValidationError(lines.Where(line, "Bus2"), ValidationCodes.GridInvalid, $"The line '{name}' starts and ends at bus '{from.Value}'."));
                continue;
            }

            var km = length.Value * factor.Value / code.KilometresPerUnit;
            lineModels.Add(new ThreePhaseLine
            {
                Id = name,
                FromBus = from.Value,
                ToBus = to.Value,
                SeriesImpedanceOhm = PhaseMatrix.FromSequence(km * code.Z0OhmPerUnit, km * code.Z1OhmPerUnit),
                ShuntAdmittanceSiemens = PhaseMatrix.FromSequence(km * code.Y0SiemensPerUnit, km * code.Y1SiemensPerUnit),
            });
            Link(adjacency, from.Value, to.Value);
        }

        // Every LV bus must hang from the transformer's LV bus through lines.
        var lvId = buses.TryGetValue(lvBus, out var knownLv) ? knownLv : new BusId(lvBus);
        var hvId = new BusId(hvBus);
        var reached = new HashSet<BusId> { lvId };
        var queue = new Queue<BusId>([lvId]);
        while (queue.Count > 0)
        {
            var bus = queue.Dequeue();
            foreach (var next in adjacency.GetValueOrDefault(bus) ?? [])
            {
                if (next != hvId && reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        foreach (var bus in buses.Values.Where(b => transformer is not null && b != hvId && !reached.Contains(b)).Order().Take(10))
        {
            errors.Add(new ValidationError("Lines.csv", ValidationCodes.GridIslanded, $"Bus '{bus.Value}' is not connected to the transformer's LV bus '{lvBus}' through lines."));
        }

        var loadModels = new List<ThreePhaseLoad>();
        var loadProfiles = new List<IeeeEuropeanLvLoadProfile>();
        var loadIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, cells) in loads.Rows)
        {
            var load = ReadLoad(loads, line, cells, buses, profiles, errors);
            if (load is null)
            {
                continue;
            }

            if (!loadIds.Add(load.Value.Load.Id))
            {
                errors.Add(new ValidationError(loads.Where(line, "Name"), ValidationCodes.IdDuplicate, $"The load '{load.Value.Load.Id}' is defined twice."));
                continue;
            }

            loadModels.Add(load.Value.Load);
            loadProfiles.Add(load.Value.Profile);
        }

        var minutes = loadProfiles.Count == 0 ? 0 : loadProfiles.Min(p => p.PowerKw.Count);
        if (loadProfiles.Count > 0 && loadProfiles.Any(p => p.PowerKw.Count != minutes))
        {
            errors.Add(new ValidationError("LoadShapes.csv", ValidationCodes.SeriesLength, $"The load shapes have different lengths ({minutes} to {loadProfiles.Max(p => p.PowerKw.Count)} points); the loads need profiles of one length."));
        }

        if (errors.Count == 0 && loadProfiles.Count > 0 && (minute < 1 || minute > minutes))
        {
            errors.Add(new ValidationError("minute", ValidationCodes.ValueOutOfRange, $"Minute {minute} is out of range: the load profiles have minutes 1 to {minutes}."));
        }

        if (errors.Count > 0 || transformer is null)
        {
            return new IeeeEuropeanLvImport(null, errors, warnings);
        }

        var busList = new List<ThreePhaseBus> { new() { Id = hvId, NominalVoltageKv = hvKv } };
        busList.AddRange(reached.Order().Select(b => new ThreePhaseBus { Id = b, NominalVoltageKv = lvKv }));
        var network = new ThreePhaseNetwork
        {
            Name = Path.GetFileName(Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)),
            SourcePath = Path.GetFullPath(folder),
            Buses = busList,
            Lines = lineModels,
            Transformers = [transformerModel],
            Sources = [source with { Bus = hvId }],
            Loads = loadModels,
        };
        var feeder = new IeeeEuropeanLvFeeder { Network = network, Minute = 1, Minutes = minutes, Profiles = loadProfiles };
        return new IeeeEuropeanLvImport(minute == 1 || minutes == 0 ? feeder : feeder with { Network = feeder.AtMinute(minute), Minute = minute }, errors, warnings);
    }

    private static ThreePhaseSource? ReadSource(string path, List<ValidationError> errors)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            errors.Add(new ValidationError(fileName, ValidationCodes.FileMissing, $"The file '{fileName}' is missing from the feeder folder."));
            return null;
        }

        var values = new Dictionary<string, (double Value, int Line)>(StringComparer.OrdinalIgnoreCase);
        var lines = File.ReadAllLines(path);
        var before = errors.Count;
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i].Trim().TrimEnd(',');
            if (text.Length == 0 || text[0] is '#' or '[')
            {
                continue;
            }

            var eq = text.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? text : text[..eq].Trim();
            var number = eq < 0 ? string.Empty : text[(eq + 1)..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (eq < 0 || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value <= 0)
            {
                errors.Add(new ValidationError($"{fileName}:{i + 1} [{key}]", ValidationCodes.FieldType, $"'{text}' is not a 'name = positive number [unit]' line."));
                continue;
            }

            values[key] = (value, i + 1);
        }

        foreach (var key in new[] { "Voltage", "pu", "ISC3" }.Where(k => !values.ContainsKey(k)))
        {
            errors.Add(new ValidationError(fileName, ValidationCodes.FieldMissing, $"The source has no '{key}=' line."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        // OpenDSS Vsource: MVAsc = √3 kV I_sc / 1000; Z1 = kV² / MVAsc3 with X1/R1 = 4; |2 Z1 + Z0| = 3 kV² / MVAsc1 with X0/R0 = 3
        // (docs/three-phase.md). The source record takes X0/X1 and R0/X0 for the zero sequence.
        var kv = values["Voltage"].Value;
        var mvaSc3 = Math.Sqrt(3) * kv * values["ISC3"].Value / 1000.0;
        var z1 = kv * kv / mvaSc3;
        var r1 = z1 / Math.Sqrt(1 + (X1R1 * X1R1));
        var x1 = r1 * X1R1;
        var ratio = 1.0;
        if (values.TryGetValue("ISC1", out var isc1))
        {
            var k = 3 * kv * kv / (Math.Sqrt(3) * kv * isc1.Value / 1000.0);
            var a = 1 + (X0R0 * X0R0);
            var b = 4 * (r1 + (x1 * X0R0));
            var c = (4 * ((r1 * r1) + (x1 * x1))) - (k * k);
            var r0 = (-b + Math.Sqrt((b * b) - (4 * a * c))) / (2 * a);
            if (!(r0 > 0))
            {
                errors.Add(new ValidationError($"{fileName}:{isc1.Line} [ISC1]", ValidationCodes.ValueOutOfRange, $"ISC1 = {isc1.Value.ToString(CultureInfo.InvariantCulture)} A is too large for ISC3: the zero-sequence impedance would be negative."));
                return null;
            }

            ratio = r0 * X0R0 / x1; // X0 / X1, with R0 / X0 given separately
        }

        return new ThreePhaseSource
        {
            Id = "source",
            Bus = new BusId("source"),
            VoltagePu = values["pu"].Value,
            ImpedanceModel = SourceImpedanceModel.AllSequences,
            ShortCircuitPowerMva = mvaSc3,
            RxRatio = 1 / X1R1,
            ZeroToPositiveRatio = ratio,
            ZeroSequenceRxRatio = 1 / X0R0,
        };
    }

    private static (ThreePhaseTransformer Model, string HvBus, string LvBus, double HvKv, double LvKv)? ReadTransformer(IeeeCsvTable table, List<ValidationError> errors)
    {
        if (table.Rows.Count != 1)
        {
            errors.Add(new ValidationError(table.FileName, ValidationCodes.ValueInvalid, $"The feeder needs exactly one transformer; {table.FileName} has {table.Rows.Count}."));
            return null;
        }

        var (line, cells) = table.Rows[0];
        var before = errors.Count;
        var name = table.Text(line, cells, "Name");
        var hv = table.Text(line, cells, "bus1");
        var lv = table.Text(line, cells, "bus2");
        var hvKv = table.Number(line, cells, "kV_pri", 0, 1000, exclusiveMin: true);
        var lvKv = table.Number(line, cells, "kV_sec", 0, 1000, exclusiveMin: true);
        var mva = table.Number(line, cells, "MVA", 0, 10_000, exclusiveMin: true);
        var x = table.Number(line, cells, "%XHL", 0, 100, exclusiveMin: true);
        var r = table.Number(line, cells, "%resistance", 0, 100);
        var hvConn = Winding(table, line, cells, "Conn_pri", errors);
        var lvConn = Winding(table, line, cells, "Conn_sec", errors);
        if (hv is not null && lv is not null && hv.Equals(lv, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(table.Where(line, "bus2"), ValidationCodes.GridInvalid, $"The transformer's two sides are the same bus '{hv}'."));
        }

        if (hvKv is not null && lvKv is not null && hvKv <= lvKv)
        {
            errors.Add(new ValidationError(table.Where(line, "kV_sec"), ValidationCodes.ValueOutOfRange, $"kV_sec = {lvKv.Value.ToString(CultureInfo.InvariantCulture)} is not below kV_pri = {hvKv.Value.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (errors.Count > before || name is null || hv is null || lv is null || hvKv is null || lvKv is null || mva is null || x is null || r is null || hvConn is null || lvConn is null)
        {
            return null;
        }

        // OpenDSS (ANSI): in a delta–wye or wye–delta bank the LV side lags the HV side by 30° (clock 1).
        var mixed = (hvConn == WindingConnection.Delta) != (lvConn == WindingConnection.Delta);
        var model = new ThreePhaseTransformer
        {
            Id = name,
            HvBus = new BusId(hv),
            LvBus = new BusId(lv),
            RatedPowerKva = mva.Value * 1000,
            HvVoltageKv = hvKv.Value,
            LvVoltageKv = lvKv.Value,
            ShortCircuitVoltagePercent = Math.Sqrt((x.Value * x.Value) + (r.Value * r.Value)),
            ShortCircuitResistancePercent = r.Value,
            HvWinding = hvConn.Value,
            LvWinding = lvConn.Value,
            ClockNumber = mixed ? 1 : 0,
        };
        return (model, hv, lv, hvKv.Value, lvKv.Value);
    }

    private static WindingConnection? Winding(IeeeCsvTable table, int line, string[] cells, string column, List<ValidationError> errors)
    {
        var text = table.Text(line, cells, column);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "delta" or "d":
                return WindingConnection.Delta;
            case "wye" or "y" or "star":
                return WindingConnection.WyeGrounded;
            default:
                errors.Add(new ValidationError(table.Where(line, column), ValidationCodes.ValueInvalid, $"The winding connection '{text}' is unknown; use Delta or Wye."));
                return null;
        }
    }

    private static Dictionary<string, LineCode> ReadLineCodes(IeeeCsvTable table, List<ValidationError> errors)
    {
        var codes = new Dictionary<string, LineCode>(StringComparer.OrdinalIgnoreCase);
        const double Max = 1e6;
        foreach (var (line, cells) in table.Rows)
        {
            var name = table.Text(line, cells, "Name");
            var r1 = table.Number(line, cells, "R1", 0, Max);
            var x1 = table.Number(line, cells, "X1", 0, Max);
            var r0 = table.Number(line, cells, "R0", 0, Max);
            var x0 = table.Number(line, cells, "X0", 0, Max);
            var c1 = table.Number(line, cells, "C1", 0, Max);
            var c0 = table.Number(line, cells, "C0", 0, Max);
            var unit = table.Text(line, cells, "Units");
            var factor = unit is null ? null : KilometresPer(unit);
            if (unit is not null && factor is null)
            {
                errors.Add(new ValidationError(table.Where(line, "Units"), ValidationCodes.ValueInvalid, $"The length unit '{unit}' is unknown; use m, km, ft, kft or mi."));
            }

            if (name is null || r1 is null || x1 is null || r0 is null || x0 is null || c1 is null || c0 is null || factor is null)
            {
                continue;
            }

            if (r1 == 0 && x1 == 0)
            {
                errors.Add(new ValidationError(table.Where(line, "R1"), ValidationCodes.ValueOutOfRange, $"The line code '{name}' has a zero positive-sequence impedance."));
                continue;
            }

            // OpenDSS line codes give C in nF per unit length; y = j 2π f C at 50 Hz.
            const double Omega = 2 * Math.PI * 50;
            var code = new LineCode(new Complex(r1.Value, x1.Value), new Complex(r0.Value, x0.Value), new Complex(0, Omega * c1.Value * 1e-9), new Complex(0, Omega * c0.Value * 1e-9), factor.Value);
            if (!codes.TryAdd(name, code))
            {
                errors.Add(new ValidationError(table.Where(line, "Name"), ValidationCodes.IdDuplicate, $"The line code '{name}' is defined twice."));
            }
        }

        return codes;
    }

    private static Dictionary<string, (double[] Values, bool Actual)> ReadShapes(string folder, IeeeCsvTable table, List<ValidationError> errors)
    {
        var shapes = new Dictionary<string, (double[], bool)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (line, cells) in table.Rows)
        {
            var name = table.Text(line, cells, "Name");
            var points = table.Number(line, cells, "npts", 1, 1_000_000);
            var interval = table.Number(line, cells, "minterval", 0, 1e6, exclusiveMin: true);
            var file = table.Text(line, cells, "File");
            var actual = table.Text(line, cells, "useactual");
            if (interval is not null && interval != 1)
            {
                errors.Add(new ValidationError(table.Where(line, "minterval"), ValidationCodes.ValueInvalid, $"minterval = {interval.Value.ToString(CultureInfo.InvariantCulture)}: the importer reads one-minute profiles only (minterval 1)."));
            }

            bool? useActual = actual?.ToLowerInvariant() switch { "true" or "yes" or "1" => true, "false" or "no" or "0" => false, null => null, _ => null };
            if (actual is not null && useActual is null)
            {
                errors.Add(new ValidationError(table.Where(line, "useactual"), ValidationCodes.FieldType, $"useactual '{actual}' is not TRUE or FALSE."));
            }

            if (name is null || points is null || file is null || useActual is null || points != Math.Floor(points.Value))
            {
                continue;
            }

            if (file.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(file))
            {
                errors.Add(new ValidationError(table.Where(line, "File"), ValidationCodes.ValueInvalid, $"The profile file '{file}' must be a name inside '{ProfilesFolder}/'."));
                continue;
            }

            var profile = IeeeCsvTable.Read(Path.Combine(folder, ProfilesFolder, file), ["mult"], errors);
            if (profile is null)
            {
                continue;
            }

            var values = new double[profile.Rows.Count];
            var ok = true;
            for (var i = 0; i < values.Length; i++)
            {
                var (row, rowCells) = profile.Rows[i];
                var value = profile.Number(row, rowCells, "mult", -1e6, 1e6);
                ok &= value is not null;
                values[i] = value ?? 0;
            }

            if (ok && values.Length != (int)points.Value)
            {
                errors.Add(new ValidationError(table.Where(line, "npts"), ValidationCodes.SeriesLength, $"The shape '{name}' says npts = {(int)points.Value}, but '{file}' has {values.Length} rows."));
                continue;
            }

            if (ok && !shapes.TryAdd(name, (values, useActual.Value)))
            {
                errors.Add(new ValidationError(table.Where(line, "Name"), ValidationCodes.IdDuplicate, $"The load shape '{name}' is defined twice."));
            }
        }

        return shapes;
    }

    private static (ThreePhaseLoad Load, IeeeEuropeanLvLoadProfile Profile)? ReadLoad(IeeeCsvTable table, int line, string[] cells, Dictionary<string, BusId> buses, Dictionary<string, (double[] Values, bool Actual)> shapes, List<ValidationError> errors)
    {
        var name = table.Text(line, cells, "Name");
        var phaseCount = table.Number(line, cells, "numPhases", 1, 3);
        var busName = table.Text(line, cells, "Bus");
        var phases = table.Text(line, cells, "phases");
        var modelCode = table.Number(line, cells, "Model", 1, 8);
        var connection = table.Text(line, cells, "Connection");
        var kw = table.Number(line, cells, "kW", -1e6, 1e6);
        var pf = table.Number(line, cells, "PF", 0, 1, exclusiveMin: true);
        var shapeName = table.Text(line, cells, "Yearly");
        BusId? bus = null;
        if (busName is not null)
        {
            if (buses.TryGetValue(busName, out var found))
            {
                bus = found;
            }
            else
            {
                errors.Add(new ValidationError(table.Where(line, "Bus"), ValidationCodes.UnknownBus, $"The load's bus '{busName}' is not a bus of Lines.csv."));
            }
        }

        if (phaseCount is not null && phaseCount != 1)
        {
            errors.Add(new ValidationError(table.Where(line, "numPhases"), ValidationCodes.ValueInvalid, $"numPhases = {phaseCount.Value.ToString(CultureInfo.InvariantCulture)}: the importer reads single-phase loads (1)."));
        }

        Phase? phase = phases?.ToUpperInvariant() switch { "A" or "1" => Phase.A, "B" or "2" => Phase.B, "C" or "3" => Phase.C, _ => null };
        if (phases is not null && phase is null)
        {
            errors.Add(new ValidationError(table.Where(line, "phases"), ValidationCodes.ValueInvalid, $"The phase '{phases}' is not A, B or C."));
        }

        // OpenDSS load models: 1 constant PQ, 2 constant impedance, 5 constant current magnitude.
        LoadModel? model = modelCode switch { 1 => LoadModel.ConstantPower, 2 => LoadModel.ConstantImpedance, 5 => LoadModel.ConstantCurrent, null => null, _ => null };
        if (modelCode is not null && model is null)
        {
            errors.Add(new ValidationError(table.Where(line, "Model"), ValidationCodes.ValueInvalid, $"Load model {modelCode.Value.ToString(CultureInfo.InvariantCulture)} is not supported; use 1 (constant PQ), 2 (constant Z) or 5 (constant I)."));
        }

        if (connection is not null && !connection.Equals("wye", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ValidationError(table.Where(line, "Connection"), ValidationCodes.ValueInvalid, $"The connection '{connection}' is not supported: single-phase loads are wye (phase–neutral)."));
        }

        (double[] Values, bool Actual) shape = default;
        if (shapeName is not null && !shapes.TryGetValue(shapeName, out shape))
        {
            errors.Add(new ValidationError(table.Where(line, "Yearly"), ValidationCodes.ValueInvalid, $"The load shape '{shapeName}' is not in LoadShapes.csv (or its profile could not be read)."));
            return null;
        }

        if (name is null || bus is null || phase is null || model is null || kw is null || pf is null || shape.Values is null || phaseCount != 1 || !connection!.Equals("wye", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // useactual: the profile holds kW; otherwise it multiplies the load's kW.
        var scale = shape.Actual ? 1.0 : kw.Value;
        var powers = shape.Values.Select(v => v * scale).ToArray();
        var profile = new IeeeEuropeanLvLoadProfile { LoadId = name, Phase = phase.Value, PowerKw = powers, ReactivePerActive = Math.Tan(Math.Acos(pf.Value)) };
        var load = new ThreePhaseLoad
        {
            Id = name,
            Bus = bus.Value,
            Connection = phase.Value switch { Phase.A => PhaseConnection.A, Phase.B => PhaseConnection.B, _ => PhaseConnection.C },
            Configuration = LoadConfiguration.Wye,
            Model = model.Value,
            PowerKw = IeeeEuropeanLvFeeder.OnPhase(phase.Value, powers[0]),
            ReactivePowerKvar = IeeeEuropeanLvFeeder.OnPhase(phase.Value, powers[0] * profile.ReactivePerActive),
        };
        return (load, profile);
    }

    private static BusId? Bus(IeeeCsvTable table, int line, string[] cells, string column, Dictionary<string, BusId> buses, List<ValidationError> errors)
    {
        var text = table.Text(line, cells, column);
        if (text is null)
        {
            return null;
        }

        if (buses.TryGetValue(text, out var id))
        {
            return id;
        }

        if (!BusId.TryCreate(text, out id))
        {
            errors.Add(new ValidationError(table.Where(line, column), ValidationCodes.IdInvalid, $"'{text}' is not a valid bus name."));
            return null;
        }

        buses[text] = id;
        return id;
    }

    private static void Link(Dictionary<BusId, List<BusId>> adjacency, BusId a, BusId b)
    {
        (adjacency.TryGetValue(a, out var la) ? la : adjacency[a] = []).Add(b);
        (adjacency.TryGetValue(b, out var lb) ? lb : adjacency[b] = []).Add(a);
    }

    private static double? KilometresPer(string unit) => unit.ToLowerInvariant() switch
    {
        "m" => 0.001,
        "km" => 1.0,
        "ft" => 0.0003048,
        "kft" => 0.3048,
        "mi" => 1.609344,
        _ => null,
    };
}
