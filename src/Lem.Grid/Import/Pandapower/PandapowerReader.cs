using System.Globalization;
using System.Text.Json;
using Lem.Domain.Validation;

namespace Lem.Grid.Import.Pandapower;

/// <summary>
/// Reads a pandapower network saved with <c>to_json</c> (pandapower 2.x): the tables are pandas DataFrames in
/// split orientation, themselves stored as JSON strings. Lines and transformers are converted to per unit as
/// pandapower's <c>build_branch.py</c> does.
/// </summary>
internal static class PandapowerReader
{
    private static readonly string[] IgnoredTables =
        ["impedance", "trafo3w", "ward", "xward", "dcline", "storage", "motor", "svc", "ssc", "tcsc", "asymmetric_sgen", "pwl_cost", "controller", "measurement"];

    public static GridImportResult Read(string text, string displayName)
    {
        var diagnostics = new ImportDiagnostics();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            diagnostics.Error($"{displayName}:{line}", ValidationCodes.FileMalformed, $"The file is not valid JSON (line {line}, byte {column}): {FirstSentence(ex.Message)}");
            return new GridImportResult(null, diagnostics.Errors, diagnostics.Warnings);
        }

        using (document)
        {
            try
            {
                var builder = new NetworkBuilder(displayName, diagnostics);
                var network = builder.Build(document.RootElement);
                return new GridImportResult(diagnostics.HasErrors ? null : network, diagnostics.Errors, diagnostics.Warnings) { AsymmetricElements = builder.AsymmetricElements };
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                diagnostics.Error(displayName, ValidationCodes.FileMalformed, $"The pandapower network could not be read: {ex.Message}");
                return new GridImportResult(null, diagnostics.Errors, diagnostics.Warnings);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Builds the network table by table, collecting every problem.</summary>
    private sealed class NetworkBuilder(string displayName, ImportDiagnostics diagnostics)
    {
        private readonly List<JsonDocument> _innerDocuments = [];

        /// <summary>The rows of the asymmetric tables (asymmetric_load, asymmetric_sgen) the file holds.</summary>
        public int AsymmetricElements { get; private set; }
        private readonly Dictionary<string, Bus> _buses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (BusId From, BusId To)> _lineEnds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (BusId Hv, BusId Lv)> _trafoEnds = new(StringComparer.Ordinal);
        private readonly HashSet<string> _generatorIds = new(StringComparer.Ordinal);
        private JsonElement _net;

        public GridNetwork? Build(JsonElement root)
        {
            try
            {
                return BuildCore(root);
            }
            finally
            {
                foreach (var d in _innerDocuments)
                {
                    d.Dispose();
                }
            }
        }

        private GridNetwork? BuildCore(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                diagnostics.Error(displayName, ValidationCodes.FileMalformed, "The file is not a pandapower network: the JSON root is not an object.");
                return null;
            }

            _net = root;
            if (root.TryGetProperty("_object", out var inner))
            {
                if (root.TryGetProperty("_class", out var cls) && cls.ValueKind == JsonValueKind.String && cls.GetString() != "pandapowerNet")
                {
                    diagnostics.Error($"{displayName}:$._class", ValidationCodes.FileMalformed, $"The file holds a '{cls.GetString()}', not a pandapowerNet.");
                    return null;
                }

                _net = inner.ValueKind == JsonValueKind.String ? ParseInner(inner.GetString()!, "$._object") ?? default : inner;
                if (_net.ValueKind != JsonValueKind.Object)
                {
                    diagnostics.Error($"{displayName}:$._object", ValidationCodes.FileMalformed, "The pandapowerNet '_object' is not a JSON object.");
                    return null;
                }
            }

            if (!_net.TryGetProperty("bus", out _))
            {
                diagnostics.Error(displayName, ValidationCodes.FieldMissing, "The file is not a pandapower network: it has no 'bus' table.");
                return null;
            }

            var snMva = ReadScalar("sn_mva", 1.0, positive: true);
            var fHz = ReadScalar("f_hz", 50.0, positive: true);
            var name = _net.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(nameElement.GetString())
                ? nameElement.GetString()!
                : Path.GetFileNameWithoutExtension(displayName);
            var tModel = ReadTrafoModel();

            foreach (var ignored in IgnoredTables)
            {
                var table = Table(ignored);
                if (table.RowCount > 0)
                {
                    diagnostics.Warn($"{displayName}:$.{ignored}: {table.RowCount} row(s) of pandapower table '{ignored}' are ignored; this element type is not modelled.");
                }
            }

            AsymmetricElements = Table("asymmetric_load").RowCount + Table("asymmetric_sgen").RowCount;
            var busList = ReadBuses(Table("bus"));
            var externalGrids = ReadExternalGrids(Table("ext_grid"));
            var generators = ReadGenerators(Table("gen"));
            var loads = ReadLoads(Table("load"));
            loads.AddRange(ReadAsymmetricLoads(Table("asymmetric_load")));
            var staticGenerators = ReadStaticGenerators(Table("sgen"));
            var shunts = ReadShunts(Table("shunt"));
            var lines = ReadLines(Table("line"), snMva, fHz);
            var transformers = ReadTransformers(Table("trafo"), snMva, tModel);
            var switches = ReadSwitches(Table("switch"));
            var costs = ReadPolynomialCosts(Table("poly_cost"));

            // Bus roles: external grids make slack buses, generators PV buses (or slack when flagged so).
            var slack = new HashSet<string>(StringComparer.Ordinal);
            var pv = new HashSet<string>(StringComparer.Ordinal);
            foreach (var g in externalGrids.Where(g => g.InService))
            {
                slack.Add(g.Bus.Value);
            }

            foreach (var (g, isSlack) in generators.Where(g => g.Generator.InService))
            {
                (isSlack ? slack : pv).Add(g.Bus.Value);
            }

            var buses = busList
                .Select(b => slack.Contains(b.Id.Value) ? b with { Type = BusType.Slack } : pv.Contains(b.Id.Value) ? b with { Type = BusType.Pv } : b)
                .ToList();

            if (snMva is not { } baseMva || fHz is not { } frequencyHz)
            {
                return null;
            }

            return new GridNetwork
            {
                Name = name,
                BaseMva = baseMva,
                FrequencyHz = frequencyHz,
                Buses = buses,
                Lines = lines,
                Transformers = transformers,
                Shunts = shunts,
                Loads = loads,
                StaticGenerators = staticGenerators,
                Generators = generators.Select(g => g.Generator).ToList(),
                ExternalGrids = externalGrids,
                Switches = switches,
                GeneratorCosts = costs,
            };
        }

        private JsonElement? ParseInner(string json, string path)
        {
            try
            {
                var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
                _innerDocuments.Add(doc);
                return doc.RootElement;
            }
            catch (JsonException ex)
            {
                diagnostics.Error($"{displayName}:{path}", ValidationCodes.FileMalformed, $"The embedded JSON text is malformed: {FirstSentence(ex.Message)}");
                return null;
            }
        }

        private double? ReadScalar(string name, double fallback, bool positive)
        {
            if (!_net.TryGetProperty(name, out var e))
            {
                diagnostics.Warn($"{displayName}:$.{name}: not given; {fallback.ToString(CultureInfo.InvariantCulture)} is used.");
                return fallback;
            }

            if (e.ValueKind != JsonValueKind.Number)
            {
                diagnostics.Error($"{displayName}:$.{name}", ValidationCodes.FieldType, $"'{name}' must be a number.");
                return null;
            }

            var v = e.GetDouble();
            if (!double.IsFinite(v) || (positive && v <= 0))
            {
                diagnostics.Error($"{displayName}:$.{name}", ValidationCodes.ValueOutOfRange, $"'{name}' is {v.ToString("R", CultureInfo.InvariantCulture)}; it must be a positive number.");
                return null;
            }

            return v;
        }

        private bool ReadTrafoModel()
        {
            if (_net.TryGetProperty("user_pf_options", out var options) && options.ValueKind == JsonValueKind.Object &&
                options.TryGetProperty("trafo_model", out var model) && model.ValueKind == JsonValueKind.String)
            {
                return model.GetString() != "pi";
            }

            return true;
        }

        private PandapowerTable Table(string name)
        {
            if (!_net.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                return PandapowerTable.Empty(name, displayName);
            }

            JsonElement split;
            if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("_object", out var payload))
            {
                if (element.TryGetProperty("orient", out var orient) && orient.ValueKind == JsonValueKind.String && orient.GetString() != "split")
                {
                    diagnostics.Error($"{displayName}:$.{name}", ValidationCodes.FileMalformed, $"The table '{name}' is stored in '{orient.GetString()}' orientation; only 'split' is supported.");
                    return PandapowerTable.Empty(name, displayName);
                }

                if (payload.ValueKind == JsonValueKind.String)
                {
                    if (ParseInner(payload.GetString()!, $"$.{name}") is not { } parsed)
                    {
                        return PandapowerTable.Empty(name, displayName);
                    }

                    split = parsed;
                }
                else
                {
                    split = payload;
                }
            }
            else
            {
                split = element;
            }

            return PandapowerTable.Parse(name, displayName, split, diagnostics) ?? PandapowerTable.Empty(name, displayName);
        }

        private bool RequireColumns(PandapowerTable table, params string[] columns)
        {
            if (table.RowCount == 0)
            {
                return true;
            }

            var ok = true;
            foreach (var c in columns)
            {
                if (!table.Has(c))
                {
                    diagnostics.Error($"{displayName}:$.{table.Name}", ValidationCodes.FieldMissing, $"The table '{table.Name}' has no column '{c}'.");
                    ok = false;
                }
            }

            return ok;
        }

        /// <summary>A required finite number; reports and returns NaN when missing or not finite.</summary>
        private double Required(PandapowerTable t, int row, string column, bool positive = false, bool nonNegative = false)
        {
            var v = t.Number(row, column);
            if (t.IsNonNumeric(row, column))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.FieldType, $"{column} of {t.Name} {t.Id(row)} must be a number.");
                return double.NaN;
            }

            if (!double.IsFinite(v))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.ValueNotFinite, $"{column} of {t.Name} {t.Id(row)} is {(double.IsNaN(v) ? "missing (null or NaN)" : "infinite")}; a finite number is required.");
                return double.NaN;
            }

            if ((positive && v <= 0) || (nonNegative && v < 0))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.ValueOutOfRange, $"{column} of {t.Name} {t.Id(row)} is {v.ToString("R", CultureInfo.InvariantCulture)}; it must be {(positive ? "positive" : "zero or positive")}.");
                return double.NaN;
            }

            return v;
        }

        /// <summary>An optional number: <paramref name="fallback"/> when missing, null or NaN; reports non-numbers.</summary>
        private double Optional(PandapowerTable t, int row, string column, double fallback)
        {
            if (t.IsNonNumeric(row, column))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.FieldType, $"{column} of {t.Name} {t.Id(row)} must be a number.");
                return fallback;
            }

            var v = t.Number(row, column);
            return double.IsNaN(v) ? fallback : v;
        }

        private static bool InService(PandapowerTable t, int row) => t.Bool(row, "in_service") ?? true;

        private bool TryBus(PandapowerTable t, int row, string column, out Bus bus)
        {
            bus = null!;
            var id = t.Cell(row, column) is { } e ? PandapowerTable.IdText(e) : null;
            if (id is null)
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.GridInvalid, $"{column} of {t.Name} {t.Id(row)} is missing; it must name a bus.");
                return false;
            }

            if (!_buses.TryGetValue(id, out var found))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.GridInvalid, $"{t.Name} {t.Id(row)} refers to bus {id}, which is not in the bus table.");
                return false;
            }

            bus = found;
            return true;
        }

        private List<Bus> ReadBuses(PandapowerTable t)
        {
            var result = new List<Bus>();
            if (!RequireColumns(t, "vn_kv"))
            {
                return result;
            }

            if (t.RowCount == 0)
            {
                diagnostics.Error($"{displayName}:$.bus", ValidationCodes.GridInvalid, "The network has no buses.");
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var vn = Required(t, r, "vn_kv", positive: true);
                var vmMax = Optional(t, r, "max_vm_pu", 1.1);
                var vmMin = Optional(t, r, "min_vm_pu", 0.9);
                if (vmMin > vmMax)
                {
                    diagnostics.Error(t.Path(r, "min_vm_pu"), ValidationCodes.BoundsInverted, $"min_vm_pu ({vmMin}) of bus {t.Id(r)} is above max_vm_pu ({vmMax}).");
                }

                var bus = new Bus
                {
                    Id = new BusId(t.Id(r)),
                    Name = t.Text(r, "name"),
                    NominalKv = vn,
                    VmMaxPu = vmMax,
                    VmMinPu = vmMin,
                    InService = InService(t, r),
                    Zone = t.Text(r, "zone"),
                };
                if (!_buses.TryAdd(bus.Id.Value, bus))
                {
                    diagnostics.Error(t.RowPath(r), ValidationCodes.IdDuplicate, $"Bus index {bus.Id} occurs more than once.");
                    continue;
                }

                if (!double.IsNaN(vn))
                {
                    result.Add(bus);
                }
            }

            return result;
        }

        private List<ExternalGrid> ReadExternalGrids(PandapowerTable t)
        {
            var result = new List<ExternalGrid>();
            if (!RequireColumns(t, "bus"))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var vm = Optional(t, r, "vm_pu", 1.0);
                var va = Optional(t, r, "va_degree", 0.0);
                if (TryBus(t, r, "bus", out var bus))
                {
                    result.Add(new ExternalGrid { Id = t.Id(r), Bus = bus.Id, VmPu = vm, VaDegree = va, InService = InService(t, r), Name = t.Text(r, "name") });
                }
            }

            return result;
        }

        private List<(Generator Generator, bool Slack)> ReadGenerators(PandapowerTable t)
        {
            var result = new List<(Generator, bool)>();
            if (!RequireColumns(t, "bus", "p_mw"))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var p = Required(t, r, "p_mw");
                var scaling = Optional(t, r, "scaling", 1.0);
                var vm = Optional(t, r, "vm_pu", 1.0);
                if (!TryBus(t, r, "bus", out var bus) || double.IsNaN(p))
                {
                    continue;
                }

                _generatorIds.Add(t.Id(r));
                var generator = new Generator
                {
                    Id = t.Id(r),
                    Bus = bus.Id,
                    PMw = p * scaling,
                    QMinMvar = Optional(t, r, "min_q_mvar", double.NegativeInfinity),
                    QMaxMvar = Optional(t, r, "max_q_mvar", double.PositiveInfinity),
                    PMinMw = Optional(t, r, "min_p_mw", double.NegativeInfinity),
                    PMaxMw = Optional(t, r, "max_p_mw", double.PositiveInfinity),
                    VmSetpointPu = vm,
                    InService = InService(t, r),
                    Name = t.Text(r, "name"),
                    UnitType = t.Text(r, "type"),
                };
                result.Add((generator, t.Bool(r, "slack") ?? false));
            }

            return result;
        }

        private List<Load> ReadLoads(PandapowerTable t)
        {
            var result = new List<Load>();
            if (!RequireColumns(t, "bus", "p_mw", "q_mvar"))
            {
                return result;
            }

            var voltageDependent = 0;
            for (var r = 0; r < t.RowCount; r++)
            {
                var p = Required(t, r, "p_mw");
                var q = Required(t, r, "q_mvar");
                var scaling = Optional(t, r, "scaling", 1.0);
                if (Optional(t, r, "const_z_percent", 0) != 0 || Optional(t, r, "const_i_percent", 0) != 0)
                {
                    voltageDependent++;
                }

                if (!TryBus(t, r, "bus", out var bus) || double.IsNaN(p) || double.IsNaN(q))
                {
                    continue;
                }

                result.Add(new Load { Id = t.Id(r), Bus = bus.Id, PMw = p, QMvar = q, Scaling = scaling, InService = InService(t, r), Name = t.Text(r, "name") });
            }

            if (voltageDependent > 0)
            {
                diagnostics.Warn($"{displayName}:$.load: {voltageDependent} load(s) have constant-impedance or constant-current shares; all loads are modelled as constant power.");
            }

            return result;
        }

        private List<Load> ReadAsymmetricLoads(PandapowerTable t)
        {
            var result = new List<Load>();
            string[] columns = ["p_a_mw", "q_a_mvar", "p_b_mw", "q_b_mvar", "p_c_mw", "q_c_mvar"];
            if (!RequireColumns(t, ["bus", .. columns]))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var values = columns.Select(c => Required(t, r, c)).ToArray();
                var scaling = Optional(t, r, "scaling", 1.0);
                if (!TryBus(t, r, "bus", out var bus) || values.Any(double.IsNaN))
                {
                    continue;
                }

                result.Add(new Load
                {
                    Id = $"asym-{t.Id(r)}",
                    Bus = bus.Id,
                    PMw = values[0] + values[2] + values[4],
                    QMvar = values[1] + values[3] + values[5],
                    Scaling = scaling,
                    InService = InService(t, r),
                    Name = t.Text(r, "name"),
                    FromAsymmetric = true,
                });
            }

            if (t.RowCount > 0)
            {
                diagnostics.Warn($"{displayName}:$.asymmetric_load: {t.RowCount} asymmetric load(s) are modelled as balanced loads (the sum of their three phases); phase imbalance is not modelled.");
            }

            return result;
        }

        private List<StaticGenerator> ReadStaticGenerators(PandapowerTable t)
        {
            var result = new List<StaticGenerator>();
            if (!RequireColumns(t, "bus", "p_mw"))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var p = Required(t, r, "p_mw");
                var q = Optional(t, r, "q_mvar", 0.0);
                var scaling = Optional(t, r, "scaling", 1.0);
                if (!TryBus(t, r, "bus", out var bus) || double.IsNaN(p))
                {
                    continue;
                }

                result.Add(new StaticGenerator
                {
                    Id = t.Id(r),
                    Bus = bus.Id,
                    PMw = p,
                    QMvar = q,
                    Scaling = scaling,
                    Type = t.Text(r, "type"),
                    InService = InService(t, r),
                    Name = t.Text(r, "name"),
                });
            }

            return result;
        }

        private List<Shunt> ReadShunts(PandapowerTable t)
        {
            var result = new List<Shunt>();
            if (!RequireColumns(t, "bus", "q_mvar"))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var q = Required(t, r, "q_mvar");
                var p = Optional(t, r, "p_mw", 0.0);
                var step = Optional(t, r, "step", 1.0);
                if (!TryBus(t, r, "bus", out var bus) || double.IsNaN(q))
                {
                    continue;
                }

                // pandapower scales the rated shunt power by (bus nominal voltage / shunt rated voltage)^2.
                var vn = Optional(t, r, "vn_kv", bus.NominalKv);
                var ratio = vn > 0 ? Math.Pow(bus.NominalKv / vn, 2) : 1.0;
                result.Add(new Shunt { Id = t.Id(r), Bus = bus.Id, PMw = p * step * ratio, QMvar = q * step * ratio, InService = InService(t, r), Name = t.Text(r, "name") });
            }

            return result;
        }

        private List<Line> ReadLines(PandapowerTable t, double? snMva, double? fHz)
        {
            var result = new List<Line>();
            if (!RequireColumns(t, "from_bus", "to_bus", "length_km", "r_ohm_per_km", "x_ohm_per_km", "c_nf_per_km", "max_i_ka"))
            {
                return result;
            }

            for (var r = 0; r < t.RowCount; r++)
            {
                var length = Required(t, r, "length_km", positive: true);
                var rOhm = Required(t, r, "r_ohm_per_km", nonNegative: true);
                var xOhm = Required(t, r, "x_ohm_per_km");
                var cNf = Required(t, r, "c_nf_per_km", nonNegative: true);
                var gUs = t.Has("g_us_per_km") ? Optional(t, r, "g_us_per_km", 0.0) : 0.0;
                var maxI = Required(t, r, "max_i_ka", nonNegative: true);
                var df = Optional(t, r, "df", 1.0);
                var parallelValue = Optional(t, r, "parallel", 1.0);
                if (parallelValue < 1 || parallelValue != Math.Floor(parallelValue))
                {
                    diagnostics.Error(t.Path(r, "parallel"), ValidationCodes.ValueOutOfRange, $"parallel of line {t.Id(r)} is {parallelValue}; it must be a whole number of at least 1.");
                    continue;
                }

                var fromOk = TryBus(t, r, "from_bus", out var from);
                var toOk = TryBus(t, r, "to_bus", out var to);
                if (!fromOk || !toOk || snMva is null || fHz is null || new[] { length, rOhm, xOhm, cNf, maxI }.Any(double.IsNaN))
                {
                    continue;
                }

                var parallel = (int)parallelValue;
                _lineEnds[t.Id(r)] = (from.Id, to.Id);
                result.Add(LineModel.FromPerKm(t.Id(r), from.Id, to.Id, from.NominalKv, snMva.Value, fHz.Value, length, rOhm, xOhm, cNf, gUs, maxI, df, parallel) with
                {
                    InService = InService(t, r),
                    Name = t.Text(r, "name"),
                });
            }

            return result;
        }

        private List<Transformer> ReadTransformers(PandapowerTable t, double? snMva, bool tModel)
        {
            var result = new List<Transformer>();
            if (!RequireColumns(t, "hv_bus", "lv_bus", "sn_mva", "vn_hv_kv", "vn_lv_kv", "vk_percent", "vkr_percent", "pfe_kw", "i0_percent"))
            {
                return result;
            }

            var tapDependent = 0;
            for (var r = 0; r < t.RowCount; r++)
            {
                var sn = Required(t, r, "sn_mva", positive: true);
                var vnHv = Required(t, r, "vn_hv_kv", positive: true);
                var vnLv = Required(t, r, "vn_lv_kv", positive: true);
                var vk = Required(t, r, "vk_percent", positive: true);
                var vkr = Required(t, r, "vkr_percent", nonNegative: true);
                var pfe = Required(t, r, "pfe_kw", nonNegative: true);
                var i0 = Required(t, r, "i0_percent");
                var shift = Optional(t, r, "shift_degree", 0.0);
                var df = Optional(t, r, "df", 1.0);
                var parallelValue = Optional(t, r, "parallel", 1.0);
                if (t.Bool(r, "tap_dependent_impedance") == true)
                {
                    tapDependent++;
                }

                if (parallelValue < 1 || parallelValue != Math.Floor(parallelValue))
                {
                    diagnostics.Error(t.Path(r, "parallel"), ValidationCodes.ValueOutOfRange, $"parallel of trafo {t.Id(r)} is {parallelValue}; it must be a whole number of at least 1.");
                    continue;
                }

                if (df <= 0)
                {
                    diagnostics.Error(t.Path(r, "df"), ValidationCodes.ValueOutOfRange, $"df of trafo {t.Id(r)} is {df}; the rating factor must be positive.");
                    continue;
                }

                var tapSideText = t.Text(r, "tap_side");
                TapSide? tapSide = tapSideText switch
                {
                    null => null,
                    "hv" => TapSide.Hv,
                    "lv" => TapSide.Lv,
                    _ => null,
                };
                if (tapSideText is not null && tapSide is null)
                {
                    diagnostics.Error(t.Path(r, "tap_side"), ValidationCodes.ValueInvalid, $"tap_side of trafo {t.Id(r)} is '{tapSideText}'; it must be 'hv' or 'lv' (or null).");
                    continue;
                }

                var hvOk = TryBus(t, r, "hv_bus", out var hv);
                var lvOk = TryBus(t, r, "lv_bus", out var lv);
                if (!hvOk || !lvOk || snMva is null || new[] { sn, vnHv, vnLv, vk, vkr, pfe, i0 }.Any(double.IsNaN))
                {
                    continue;
                }

                var nameplate = new TransformerNameplate(t.Id(r), hv.Id, lv.Id, sn, vnHv, vnLv, vk, vkr, pfe, i0, shift)
                {
                    TapSide = tapSide,
                    TapPos = NullIfNan(t.Number(r, "tap_pos")),
                    TapNeutral = NullIfNan(t.Number(r, "tap_neutral")),
                    TapStepPercent = NullIfNan(t.Number(r, "tap_step_percent")),
                    TapStepDegree = NullIfNan(t.Number(r, "tap_step_degree")),
                    TapPhaseShifter = t.Bool(r, "tap_phase_shifter") ?? false,
                    Parallel = (int)parallelValue,
                    Df = df,
                };
                var (transformer, error) = TransformerModel.TryBuild(nameplate, hv.NominalKv, lv.NominalKv, snMva.Value, tModel);
                if (transformer is null)
                {
                    diagnostics.Error(t.RowPath(r), ValidationCodes.ValueInvalid, $"Trafo {t.Id(r)}: {error}");
                    continue;
                }

                _trafoEnds[t.Id(r)] = (hv.Id, lv.Id);
                result.Add(transformer with { InService = InService(t, r), Name = t.Text(r, "name") });
            }

            if (tapDependent > 0)
            {
                diagnostics.Warn($"{displayName}:$.trafo: {tapDependent} transformer(s) have tap-dependent impedance; the nameplate impedance is used.");
            }

            return result;
        }

        private static double? NullIfNan(double v) => double.IsNaN(v) ? null : v;

        private List<Switch> ReadSwitches(PandapowerTable t)
        {
            var result = new List<Switch>();
            if (!RequireColumns(t, "bus", "element", "et"))
            {
                return result;
            }

            var ignored = 0;
            for (var r = 0; r < t.RowCount; r++)
            {
                var et = t.Text(r, "et");
                var element = t.Cell(r, "element") is { } e ? PandapowerTable.IdText(e) : null;
                var busOk = TryBus(t, r, "bus", out var bus);
                if (element is null)
                {
                    diagnostics.Error(t.Path(r, "element"), ValidationCodes.GridInvalid, $"element of switch {t.Id(r)} is missing.");
                    continue;
                }

                SwitchElementType type;
                switch (et)
                {
                    case "b":
                        type = SwitchElementType.Bus;
                        if (!_buses.ContainsKey(element))
                        {
                            diagnostics.Error(t.Path(r, "element"), ValidationCodes.GridInvalid, $"Switch {t.Id(r)} connects to bus {element}, which is not in the bus table.");
                            continue;
                        }

                        break;
                    case "l":
                        type = SwitchElementType.Line;
                        if (!CheckBranchSwitch(t, r, element, _lineEnds, "line", "an end of", busOk ? bus.Id : null))
                        {
                            continue;
                        }

                        break;
                    case "t":
                        type = SwitchElementType.Transformer;
                        if (!CheckBranchSwitch(t, r, element, _trafoEnds, "trafo", "a side of", busOk ? bus.Id : null))
                        {
                            continue;
                        }

                        break;
                    case "t3":
                        ignored++;
                        continue;
                    default:
                        diagnostics.Error(t.Path(r, "et"), ValidationCodes.ValueInvalid, $"et of switch {t.Id(r)} is '{et}'; it must be 'b', 'l', 't' or 't3'.");
                        continue;
                }

                if (busOk)
                {
                    result.Add(new Switch(t.Id(r), bus.Id, element, type, t.Bool(r, "closed") ?? true, t.Text(r, "name")));
                }
            }

            if (ignored > 0)
            {
                diagnostics.Warn($"{displayName}:$.switch: {ignored} switch(es) at three-winding transformers are ignored.");
            }

            return result;
        }

        // Whether a switch's line or trafo is in its table and, when the switch's bus is known, has that bus at one end; errors reported.
        private bool CheckBranchSwitch(PandapowerTable t, int r, string element, Dictionary<string, (BusId, BusId)> ends, string table, string endWording, BusId? bus)
        {
            if (!ends.TryGetValue(element, out var end))
            {
                diagnostics.Error(t.Path(r, "element"), ValidationCodes.GridInvalid, $"Switch {t.Id(r)} refers to {table} {element}, which is not in the {table} table.");
                return false;
            }

            if (bus is { } b && end.Item1 != b && end.Item2 != b)
            {
                diagnostics.Error(t.Path(r, "bus"), ValidationCodes.GridInvalid, $"Switch {t.Id(r)} sits at bus {b}, which is not {endWording} {table} {element}.");
                return false;
            }

            return true;
        }

        private List<GeneratorCost> ReadPolynomialCosts(PandapowerTable t)
        {
            var result = new List<GeneratorCost>();
            if (!RequireColumns(t, "element", "et"))
            {
                return result;
            }

            var ignored = 0;
            for (var r = 0; r < t.RowCount; r++)
            {
                var element = t.Cell(r, "element") is { } e ? PandapowerTable.IdText(e) : null;
                if (t.Text(r, "et") != "gen" || element is null)
                {
                    ignored++;
                    continue;
                }

                if (!_generatorIds.Contains(element))
                {
                    diagnostics.Error(t.Path(r, "element"), ValidationCodes.GridInvalid, $"poly_cost {t.Id(r)} refers to gen {element}, which is not in the gen table.");
                    continue;
                }

                result.Add(new PolynomialCost
                {
                    GeneratorId = element,
                    Coefficients = [Optional(t, r, "cp2_eur_per_mw2", 0.0), Optional(t, r, "cp1_eur_per_mw", 0.0), Optional(t, r, "cp0_eur", 0.0)],
                });
            }

            if (ignored > 0)
            {
                diagnostics.Warn($"{displayName}:$.poly_cost: {ignored} cost(s) of elements other than gen are ignored.");
            }

            return result;
        }
    }
}
