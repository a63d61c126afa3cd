using System.Globalization;
using Lem.Domain.Validation;

namespace Lem.Grid.Import.Matpower;

/// <summary>Runs a MATPOWER case file through <see cref="MInterpreter"/> and turns the resulting case struct into a <see cref="GridNetwork"/>.</summary>
internal static class MatpowerReader
{
    private static readonly HashSet<string> UsedFields = ["version", "baseMVA", "bus", "gen", "branch", "gencost", "bus_name", "gentype", "genfuel"];

    private static readonly string[] BusColumns = ["BUS_I", "BUS_TYPE", "PD", "QD", "GS", "BS", "BUS_AREA", "VM", "VA", "BASE_KV", "ZONE", "VMAX", "VMIN"];

    public static GridImportResult Read(string text, string displayName)
    {
        var diagnostics = new ImportDiagnostics();
        var interpreter = new MInterpreter();
        var lastLine = 1;
        try
        {
            Run(text, displayName, interpreter, diagnostics, line => lastLine = line);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Error($"{displayName}:{lastLine}", ValidationCodes.FileMalformed, $"The case file could not be read near this line: {ex.Message}");
            return new GridImportResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        var outputName = interpreter.OutputName ?? "mpc";
        if (!interpreter.TryGetVariable(outputName, out var caseValue))
        {
            if (!diagnostics.HasErrors)
            {
                diagnostics.Error(displayName, ValidationCodes.FileMalformed, $"The file does not define the MATPOWER case struct '{outputName}'.");
            }

            return new GridImportResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        if (caseValue is not MStruct mpc)
        {
            if (caseValue is not MPoison)
            {
                diagnostics.Error(displayName, ValidationCodes.FileMalformed, $"'{outputName}' is {caseValue.Describe()}, not a MATPOWER case struct.");
            }

            return new GridImportResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        GridNetwork? network;
        try
        {
            network = new CaseBuilder(mpc, outputName, displayName, diagnostics, diagnostics.HasErrors).Build(interpreter.FunctionName ?? Path.GetFileNameWithoutExtension(displayName));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            diagnostics.Error(displayName, ValidationCodes.FileMalformed, $"The case data could not be read: {ex.Message}");
            network = null;
        }

        return new GridImportResult(diagnostics.HasErrors ? null : network, diagnostics.Errors, diagnostics.Warnings);
    }

    private static void Run(string text, string displayName, MInterpreter interpreter, ImportDiagnostics diagnostics, Action<int> onLine)
    {
        var lexProblems = new List<(int Line, string Message)>();
        var tokens = MLexer.Tokenize(text, lexProblems);
        foreach (var (line, message) in lexProblems)
        {
            diagnostics.Error($"{displayName}:{line}", ValidationCodes.FileMalformed, message);
        }

        var parser = new MParser(tokens);
        while (true)
        {
            var statement = parser.Next((line, message) =>
                diagnostics.Error($"{displayName}:{line}", ValidationCodes.FileMalformed, message));
            if (statement is null)
            {
                break;
            }

            onLine(statement.Line);
            try
            {
                interpreter.Execute(statement);
            }
            catch (MEvalException ex)
            {
                if (!ex.Silent)
                {
                    diagnostics.Error($"{displayName}:{statement.Line}", ValidationCodes.FileMalformed, ex.Message);
                }
            }
        }
    }

    /// <summary>Reads the case struct's matrices into network elements, checking references and values.</summary>
    /// <remarks>When statements already failed (<paramref name="earlierErrors"/>), a missing field is not reported again: it is most likely a consequence.</remarks>
    private sealed class CaseBuilder(MStruct mpc, string structName, string displayName, ImportDiagnostics diagnostics, bool earlierErrors)
    {
        private readonly Dictionary<long, Bus> _busByNumber = [];

        public GridNetwork? Build(string name)
        {
            foreach (var field in mpc.FieldNames)
            {
                if (UsedFields.Contains(field) || !mpc.TryGet(field, out var value) || value is MPoison)
                {
                    continue;
                }

                var rows = value switch
                {
                    MMatrix m => m.Rows,
                    MCell c => c.Rows,
                    _ => 0,
                };
                diagnostics.Warn(field == "dcline"
                    ? $"{FieldPath(field)}: {rows} DC line(s) in {structName}.dcline are ignored; only AC branches are modelled."
                    : $"{FieldPath(field)}: {structName}.{field} is not used and is ignored.");
            }

            if (mpc.TryGet("version", out var version) && version is MString v && v.Text != "2")
            {
                diagnostics.Warn($"{FieldPath("version")}: case format version '{v.Text}' is read with the version 2 column layout (the first columns are the same).");
            }

            var baseMva = ReadBaseMva();
            var busMatrix = RequireMatrix("bus", 13);
            var genMatrix = RequireMatrix("gen", 10);
            var branchMatrix = RequireMatrix("branch", 11);
            var busNames = OptionalStrings("bus_name", busMatrix?.Rows);
            var genTypes = OptionalStrings("gentype", genMatrix?.Rows);
            var genFuels = OptionalStrings("genfuel", genMatrix?.Rows);

            var buses = new List<Bus>();
            var loads = new List<Load>();
            var shunts = new List<Shunt>();
            if (busMatrix is not null)
            {
                ReadBuses(busMatrix, busNames, buses, loads, shunts);
            }

            var generators = genMatrix is null ? [] : ReadGenerators(genMatrix, genTypes, genFuels, busMatrix is not null);
            var lines = new List<Line>();
            var transformers = new List<Transformer>();
            if (branchMatrix is not null)
            {
                ReadBranches(branchMatrix, busMatrix is not null, lines, transformers);
            }

            var costs = ReadCosts(genMatrix?.Rows);
            if (baseMva is not { } mva)
            {
                return null;
            }

            return new GridNetwork
            {
                Name = name,
                BaseMva = mva,
                Buses = buses,
                Lines = lines,
                Transformers = transformers,
                Loads = loads,
                Shunts = shunts,
                Generators = generators,
                GeneratorCosts = costs,
            };
        }

        private string FieldPath(string field) => mpc.LineOf(field) > 0 ? $"{displayName}:{mpc.LineOf(field)}" : displayName;

        private string RowPath(MMatrix m, int row, string field)
        {
            var line = m.LineOfRow(row);
            return line > 0 ? $"{displayName}:{line}" : FieldPath(field);
        }

        private double? ReadBaseMva()
        {
            if (!mpc.TryGet("baseMVA", out var value))
            {
                if (earlierErrors)
                {
                    return null;
                }

                diagnostics.Error(displayName, ValidationCodes.FieldMissing, $"The case does not set {structName}.baseMVA (the system base power).");
                return null;
            }

            if (value is MPoison)
            {
                return null;
            }

            if (value is not MMatrix { IsScalar: true } m)
            {
                diagnostics.Error(FieldPath("baseMVA"), ValidationCodes.FieldType, $"{structName}.baseMVA must be a single number, not {value.Describe()}.");
                return null;
            }

            var b = m.Data[0];
            if (!double.IsFinite(b))
            {
                diagnostics.Error(FieldPath("baseMVA"), ValidationCodes.ValueNotFinite, $"{structName}.baseMVA is {Format(b)}; it must be a finite positive number.");
                return null;
            }

            if (b <= 0)
            {
                diagnostics.Error(FieldPath("baseMVA"), ValidationCodes.ValueOutOfRange, $"{structName}.baseMVA is {Format(b)}; it must be positive.");
                return null;
            }

            return b;
        }

        private MMatrix? RequireMatrix(string field, int minColumns)
        {
            if (!mpc.TryGet(field, out var value))
            {
                if (!earlierErrors)
                {
                    diagnostics.Error(displayName, ValidationCodes.FieldMissing, $"The case does not set {structName}.{field}.");
                }

                return null;
            }

            if (value is MPoison)
            {
                return null;
            }

            if (value is not MMatrix m)
            {
                diagnostics.Error(FieldPath(field), ValidationCodes.FieldType, $"{structName}.{field} must be a numeric matrix, not {value.Describe()}.");
                return null;
            }

            if (m.Rows > 0 && m.Cols < minColumns)
            {
                diagnostics.Error(FieldPath(field), ValidationCodes.FileMalformed, $"{structName}.{field} has {m.Cols} columns; at least {minColumns} are required.");
                return null;
            }

            return m;
        }

        private string?[]? OptionalStrings(string field, int? expectedCount)
        {
            if (!mpc.TryGet(field, out var value) || value is MPoison)
            {
                return null;
            }

            if (value is not MCell cell || cell.Items.Any(i => i is not MString))
            {
                diagnostics.Warn($"{FieldPath(field)}: {structName}.{field} is not a cell array of strings and is ignored.");
                return null;
            }

            if (expectedCount is { } n && cell.Items.Length != n)
            {
                diagnostics.Warn($"{FieldPath(field)}: {structName}.{field} has {cell.Items.Length} entries but there are {n} rows; it is ignored.");
                return null;
            }

            return cell.Items.Select(i => ((MString)i).Text).ToArray();
        }

        private bool CheckFinite(MMatrix m, int row, string field, IReadOnlyList<int> columns, IReadOnlyList<string> names, bool allowInfinite = false)
        {
            var ok = true;
            for (var k = 0; k < columns.Count; k++)
            {
                var c = columns[k];
                if (c >= m.Cols)
                {
                    continue;
                }

                var v = m[row, c];
                if (double.IsNaN(v) || (!allowInfinite && double.IsInfinity(v)))
                {
                    diagnostics.Error(
                        RowPath(m, row, field),
                        ValidationCodes.ValueNotFinite,
                        $"Row {row + 1} of {structName}.{field} has {Format(v)} in column {c + 1} ({names[k]}); a finite number is required.");
                    ok = false;
                }
            }

            return ok;
        }

        private void ReadBuses(MMatrix m, string?[]? names, List<Bus> buses, List<Load> loads, List<Shunt> shunts)
        {
            var columns = Enumerable.Range(0, 13).ToArray();
            for (var r = 0; r < m.Rows; r++)
            {
                if (!CheckFinite(m, r, "bus", columns, BusColumns))
                {
                    continue;
                }

                var path = RowPath(m, r, "bus");
                var number = m[r, 0];
                if (number != Math.Floor(number) || number < 1 || number > long.MaxValue / 2)
                {
                    diagnostics.Error(path, ValidationCodes.IdInvalid, $"The bus number {Format(number)} is not a positive whole number.");
                    continue;
                }

                var typeCode = m[r, 1];
                BusType type;
                switch (typeCode)
                {
                    case 1:
                        type = BusType.Pq;
                        break;
                    case 2:
                        type = BusType.Pv;
                        break;
                    case 3:
                        type = BusType.Slack;
                        break;
                    case 4:
                        type = BusType.Isolated;
                        break;
                    default:
                        diagnostics.Error(path, ValidationCodes.GridInvalid, $"Bus {Format(number)} has type {Format(typeCode)}; MATPOWER bus types are 1 (PQ), 2 (PV), 3 (reference) and 4 (isolated).");
                        continue;
                }

                var baseKv = m[r, 9];
                if (baseKv < 0)
                {
                    diagnostics.Error(path, ValidationCodes.ValueOutOfRange, $"Bus {Format(number)} has a negative base voltage {Format(baseKv)} kV.");
                    continue;
                }

                var id = new BusId(((long)number).ToString(CultureInfo.InvariantCulture));
                var bus = new Bus
                {
                    Id = id,
                    Name = names?[r],
                    NominalKv = baseKv,
                    Type = type,
                    InService = type != BusType.Isolated,
                    Zone = Format(m[r, 10]),
                    VmPu = m[r, 7],
                    VaDegree = m[r, 8],
                    VmMaxPu = m[r, 11],
                    VmMinPu = m[r, 12],
                };
                if (!_busByNumber.TryAdd((long)number, bus))
                {
                    diagnostics.Error(path, ValidationCodes.IdDuplicate, $"Bus number {id} is used by more than one row of {structName}.bus.");
                    continue;
                }

                buses.Add(bus);
                double pd = m[r, 2], qd = m[r, 3], gs = m[r, 4], bs = m[r, 5];
                if (pd != 0 || qd != 0)
                {
                    loads.Add(new Load { Id = id.Value, Bus = id, PMw = pd, QMvar = qd });
                }

                if (gs != 0 || bs != 0)
                {
                    shunts.Add(new Shunt { Id = id.Value, Bus = id, PMw = gs, QMvar = -bs });
                }
            }
        }

        private bool TryBus(MMatrix m, int row, string field, double number, string role, bool busesKnown, out BusId id)
        {
            id = default;
            if (number == Math.Floor(number) && number >= 1 && number < long.MaxValue / 2 && _busByNumber.TryGetValue((long)number, out var bus))
            {
                id = bus.Id;
                return true;
            }

            if (busesKnown)
            {
                diagnostics.Error(RowPath(m, row, field), ValidationCodes.GridInvalid, $"Row {row + 1} of {structName}.{field} refers to {role} bus {Format(number)}, which is not in {structName}.bus.");
            }

            return false;
        }

        private List<Generator> ReadGenerators(MMatrix m, string?[]? types, string?[]? fuels, bool busesKnown)
        {
            var result = new List<Generator>();
            string[] names = ["GEN_BUS", "PG", "QG", "QMAX", "QMIN", "VG", "MBASE", "GEN_STATUS", "PMAX", "PMIN"];
            for (var r = 0; r < m.Rows; r++)
            {
                var finite = CheckFinite(m, r, "gen", [0, 1, 2, 5, 7], [names[0], names[1], names[2], names[5], names[7]]);
                finite &= CheckFinite(m, r, "gen", [3, 4, 8, 9], [names[3], names[4], names[8], names[9]], allowInfinite: true);
                if (!finite || !TryBus(m, r, "gen", m[r, 0], "the", busesKnown, out var bus))
                {
                    continue;
                }

                result.Add(new Generator
                {
                    Id = (r + 1).ToString(CultureInfo.InvariantCulture),
                    Bus = bus,
                    PMw = m[r, 1],
                    QMvar = m[r, 2],
                    QMaxMvar = m[r, 3],
                    QMinMvar = m[r, 4],
                    VmSetpointPu = m[r, 5],
                    InService = m[r, 7] > 0,
                    PMaxMw = m[r, 8],
                    PMinMw = m[r, 9],
                    UnitType = types?[r],
                    Fuel = fuels?[r],
                });
            }

            return result;
        }

        private void ReadBranches(MMatrix m, bool busesKnown, List<Line> lines, List<Transformer> transformers)
        {
            string[] names = ["F_BUS", "T_BUS", "BR_R", "BR_X", "BR_B", "RATE_A", "RATE_B", "RATE_C", "TAP", "SHIFT", "BR_STATUS"];
            for (var r = 0; r < m.Rows; r++)
            {
                var finite = CheckFinite(m, r, "branch", [0, 1, 2, 3, 4, 8, 9, 10], [names[0], names[1], names[2], names[3], names[4], names[8], names[9], names[10]]);
                finite &= CheckFinite(m, r, "branch", [5], [names[5]], allowInfinite: true);
                if (!finite)
                {
                    continue;
                }

                var fromOk = TryBus(m, r, "branch", m[r, 0], "the from", busesKnown, out var from);
                var toOk = TryBus(m, r, "branch", m[r, 1], "the to", busesKnown, out var to);
                if (!fromOk || !toOk)
                {
                    continue;
                }

                var id = (r + 1).ToString(CultureInfo.InvariantCulture);
                var rateA = m[r, 5];
                double? rating = rateA > 0 && double.IsFinite(rateA) ? rateA : null;
                var tap = m[r, 8];
                var shift = m[r, 9];
                var inService = m[r, 10] > 0;
                var fromKv = _busByNumber[(long)m[r, 0]].NominalKv;
                var toKv = _busByNumber[(long)m[r, 1]].NominalKv;
                var (rPu, xPu, bPu) = (m[r, 2], m[r, 3], m[r, 4]);
                if (tap != 0 || shift != 0 || fromKv != toKv)
                {
                    transformers.Add(new Transformer
                    {
                        Id = id,
                        TapRatio = tap == 0 ? 1.0 : tap,
                        ShiftDegree = shift,
                        HvBus = from,
                        LvBus = to,
                        RPu = rPu,
                        XPu = xPu,
                        BPu = bPu,
                        RatingMva = rating,
                        InService = inService,
                    });
                }
                else
                {
                    lines.Add(new Line
                    {
                        Id = id,
                        FromBus = from,
                        ToBus = to,
                        RPu = rPu,
                        XPu = xPu,
                        BPu = bPu,
                        RatingMva = rating,
                        InService = inService,
                    });
                }
            }
        }

        private List<GeneratorCost> ReadCosts(int? generatorCount)
        {
            var result = new List<GeneratorCost>();
            if (!mpc.TryGet("gencost", out var value) || value is MPoison)
            {
                return result;
            }

            if (value is not MMatrix m)
            {
                diagnostics.Error(FieldPath("gencost"), ValidationCodes.FieldType, $"{structName}.gencost must be a numeric matrix, not {value.Describe()}.");
                return result;
            }

            if (m.Rows == 0)
            {
                return result;
            }

            var rows = m.Rows;
            if (generatorCount is { } ng)
            {
                if (rows == 2 * ng && ng > 0)
                {
                    diagnostics.Warn($"{FieldPath("gencost")}: {structName}.gencost has {rows} rows for {ng} generators; the second half (reactive power costs) is ignored.");
                    rows = ng;
                }
                else if (rows != ng)
                {
                    diagnostics.Error(FieldPath("gencost"), ValidationCodes.GridInvalid, $"{structName}.gencost has {rows} rows but there are {ng} generators; it needs one row per generator (or two per generator with reactive costs).");
                    return result;
                }
            }

            if (m.Cols < 4)
            {
                diagnostics.Error(FieldPath("gencost"), ValidationCodes.FileMalformed, $"{structName}.gencost has {m.Cols} columns; at least 4 (MODEL, STARTUP, SHUTDOWN, NCOST) are required.");
                return result;
            }

            for (var r = 0; r < rows; r++)
            {
                var path = RowPath(m, r, "gencost");
                if (!CheckFinite(m, r, "gencost", [0, 1, 2, 3], ["MODEL", "STARTUP", "SHUTDOWN", "NCOST"]))
                {
                    continue;
                }

                var model = m[r, 0];
                var n = m[r, 3];
                if (n != Math.Floor(n) || n < 0)
                {
                    diagnostics.Error(path, ValidationCodes.FileMalformed, $"Row {r + 1} of {structName}.gencost has NCOST = {Format(n)}; it must be a whole number.");
                    continue;
                }

                var count = (int)Math.Min(n, int.MaxValue / 4);
                var needed = model == 1 ? 2 * count : count;
                if (4 + needed > m.Cols)
                {
                    diagnostics.Error(path, ValidationCodes.FileMalformed, $"Row {r + 1} of {structName}.gencost announces {count} cost entries but has room for only {m.Cols - 4} numbers.");
                    continue;
                }

                var costColumns = Enumerable.Range(4, needed).ToArray();
                if (!CheckFinite(m, r, "gencost", costColumns, costColumns.Select(c => $"COST+{c - 4}").ToArray()))
                {
                    continue;
                }

                var generatorId = (r + 1).ToString(CultureInfo.InvariantCulture);
                if (model == 1)
                {
                    var points = new CostPoint[count];
                    for (var k = 0; k < count; k++)
                    {
                        points[k] = new CostPoint(m[r, 4 + (2 * k)], m[r, 5 + (2 * k)]);
                    }

                    for (var k = 1; k < count; k++)
                    {
                        if (points[k].PMw < points[k - 1].PMw)
                        {
                            diagnostics.Error(path, ValidationCodes.CurveInvalid, $"Row {r + 1} of {structName}.gencost has piecewise-linear points whose outputs are not in increasing order.");
                            break;
                        }
                    }

                    result.Add(new PiecewiseLinearCost { GeneratorId = generatorId, StartupCost = m[r, 1], ShutdownCost = m[r, 2], Points = points });
                }
                else if (model == 2)
                {
                    var coefficients = new double[count];
                    for (var k = 0; k < count; k++)
                    {
                        coefficients[k] = m[r, 4 + k];
                    }

                    result.Add(new PolynomialCost { GeneratorId = generatorId, StartupCost = m[r, 1], ShutdownCost = m[r, 2], Coefficients = coefficients });
                }
                else
                {
                    diagnostics.Error(path, ValidationCodes.FileMalformed, $"Row {r + 1} of {structName}.gencost has cost model {Format(model)}; MATPOWER's models are 1 (piecewise linear) and 2 (polynomial).");
                }
            }

            return result;
        }
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
