using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Lem.Domain.Validation;
using Lem.Grid.Import;
using Lem.Grid.Import.Pandapower;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// Reads a pandapower network (JSON of <c>pp.to_json</c>) into a <see cref="ThreePhaseNetwork"/> (docs/three-phase.md,
/// "Import"): bus, line with r0/x0/c0, trafo with vector_group, vk0_percent, vkr0_percent and the clock from
/// shift_degree, ext_grid with s_sc_max_mva, rx_max, x0x_max, r0x0_max (pandapower's slack: positive sequence fixed,
/// c = 1.1), load (balanced), asymmetric_load (wye or delta), sgen, asymmetric_sgen, switches (an open line or trafo
/// switch opens that end; a closed bus–bus switch becomes a 1 µΩ link). Tables are read with the single-phase
/// reader's <c>PandapowerTable</c>.
/// </summary>
public sealed class PandapowerThreePhaseReader : IThreePhaseNetworkImporter
{
    /// <summary>The impedance of a closed bus–bus switch in Ω per phase.</summary>
    public const double BusSwitchOhm = 1e-6;

    /// <inheritdoc/>
    public string Name => "pandapower";

    /// <inheritdoc/>
    public string Description => "pandapower JSON (pp.to_json) with zero-sequence data, asymmetric loads and generators";

    /// <inheritdoc/>
    public bool Recognises(string path) => JsonNetworkFile.HeadContains(path, "pandapower") && Read(path, ThreePhaseImportOptions.Default).Succeeded;

    /// <inheritdoc/>
    public ThreePhaseNetworkImport Read(string path, ThreePhaseImportOptions options) => JsonNetworkFile.Read(path, text => ReadText(text, Path.GetFileName(path)));

    /// <summary>Reads pandapower JSON text; <paramref name="displayName"/> prefixes the paths of errors.</summary>
    public static ThreePhaseNetworkImport ReadText(string text, string displayName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new ImportDiagnostics();
        var documents = new List<JsonDocument>();
        try
        {
            var root = Parse(text, "$", displayName, diagnostics, documents);
            if (root is not { } net)
            {
                return new ThreePhaseNetworkImport(null, diagnostics.Errors, diagnostics.Warnings);
            }

            if (net.ValueKind == JsonValueKind.Object && net.TryGetProperty("_object", out var inner))
            {
                net = inner.ValueKind == JsonValueKind.String ? Parse(inner.GetString()!, "$._object", displayName, diagnostics, documents) ?? default : inner;
            }

            if (net.ValueKind != JsonValueKind.Object || !net.TryGetProperty("bus", out _))
            {
                diagnostics.Error(displayName, ValidationCodes.FileMalformed, "The file is not a pandapower network: it has no 'bus' table.");
                return new ThreePhaseNetworkImport(null, diagnostics.Errors, diagnostics.Warnings);
            }

            PandapowerTable Table(string name)
            {
                if (!net.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
                {
                    return PandapowerTable.Empty(name, displayName);
                }

                var split = element;
                if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("_object", out var payload))
                {
                    split = payload.ValueKind == JsonValueKind.String ? Parse(payload.GetString()!, $"$.{name}", displayName, diagnostics, documents) ?? default : payload;
                }

                return PandapowerTable.Parse(name, displayName, split, diagnostics) ?? PandapowerTable.Empty(name, displayName);
            }

            var frequency = net.TryGetProperty("f_hz", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetDouble() : 50.0;
            var name = net.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString()) ? n.GetString()! : Path.GetFileNameWithoutExtension(displayName);
            var network = new Builder(diagnostics, 2.0 * Math.PI * frequency).Build(name, frequency, Table);
            return new ThreePhaseNetworkImport(diagnostics.HasErrors ? null : network, diagnostics.Errors, diagnostics.Warnings);
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
            }
        }
    }

    private static JsonElement? Parse(string text, string path, string displayName, ImportDiagnostics diagnostics, List<JsonDocument> documents)
    {
        try
        {
            var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            documents.Add(document);
            return document.RootElement;
        }
        catch (JsonException ex)
        {
            diagnostics.Error($"{displayName}:{path}", ValidationCodes.FileMalformed, $"The JSON text is malformed: {ex.Message}");
            return null;
        }
    }

    /// <summary>Builds the network table by table, collecting every problem.</summary>
    private sealed class Builder(ImportDiagnostics diagnostics, double omega)
    {
        private readonly HashSet<string> _buses = new(StringComparer.Ordinal);

        public ThreePhaseNetwork Build(string name, double frequency, Func<string, PandapowerTable> table)
        {
            var buses = new List<ThreePhaseBus>();
            var bus = table("bus");
            for (var r = 0; r < bus.RowCount; r++)
            {
                var kv = Required(bus, r, "vn_kv", positive: true);
                if (!BusId.TryCreate(bus.Id(r), out var busId))
                {
                    diagnostics.Error(bus.RowPath(r), ValidationCodes.IdInvalid, $"The bus index '{bus.Id(r)}' is not a valid bus id.");
                    continue;
                }

                _buses.Add(bus.Id(r));
                buses.Add(new ThreePhaseBus { Id = busId, Name = bus.Text(r, "name"), NominalVoltageKv = kv, InService = bus.Bool(r, "in_service") ?? true });
            }

            // Switches: open line/trafo switches open that end; closed bus–bus switches become links.
            var openLineEnds = new HashSet<(string Line, string Bus)>();
            var openTrafos = new HashSet<string>(StringComparer.Ordinal);
            var lines = new List<ThreePhaseLine>();
            var sw = table("switch");
            for (var r = 0; r < sw.RowCount; r++)
            {
                var closed = sw.Bool(r, "closed") ?? true;
                var kind = sw.Text(r, "et");
                var element = sw.Cell(r, "element") is { } e ? PandapowerTable.IdText(e) ?? string.Empty : string.Empty;
                var at = BusOf(sw, r, "bus");
                if (kind == "b" && closed)
                {
                    lines.Add(new ThreePhaseLine { Id = $"switch {sw.Id(r)}", FromBus = new BusId(at), ToBus = new BusId(BusOf(sw, r, "element")), SeriesImpedanceOhm = PhaseMatrix.Diagonal(BusSwitchOhm) });
                }
                else if (kind == "l" && !closed)
                {
                    openLineEnds.Add((element, at));
                }
                else if (kind is "t" && !closed)
                {
                    openTrafos.Add(element);
                }
            }

            var line = table("line");
            for (var r = 0; r < line.RowCount; r++)
            {
                var from = BusOf(line, r, "from_bus");
                var to = BusOf(line, r, "to_bus");
                var length = Required(line, r, "length_km", positive: true);
                var parallel = Optional(line, r, "parallel", 1.0);
                var scale = length / parallel;
                var z1 = new Complex(Required(line, r, "r_ohm_per_km"), Required(line, r, "x_ohm_per_km")) * scale;
                var z0 = new Complex(Required(line, r, "r0_ohm_per_km"), Required(line, r, "x0_ohm_per_km")) * scale;
                var y1 = new Complex(Optional(line, r, "g_us_per_km", 0.0) * 1e-6, omega * Required(line, r, "c_nf_per_km") * 1e-9) * length * parallel;
                var y0 = new Complex(Optional(line, r, "g0_us_per_km", 0.0) * 1e-6, omega * Required(line, r, "c0_nf_per_km") * 1e-9) * length * parallel;
                var maxI = Optional(line, r, "max_i_ka", double.NaN);
                lines.Add(new ThreePhaseLine
                {
                    Id = line.Id(r),
                    Name = line.Text(r, "name"),
                    FromBus = new BusId(from),
                    ToBus = new BusId(to),
                    SeriesImpedanceOhm = PhaseMatrix.FromSequence(z0, z1),
                    ShuntAdmittanceSiemens = PhaseMatrix.FromSequence(y0, y1),
                    MaxCurrentA = double.IsFinite(maxI) ? maxI * 1000.0 * parallel * Optional(line, r, "df", 1.0) : null,
                    FromClosed = !openLineEnds.Contains((line.Id(r), from)),
                    ToClosed = !openLineEnds.Contains((line.Id(r), to)),
                    InService = line.Bool(r, "in_service") ?? true,
                });
            }

            var transformers = new List<ThreePhaseTransformer>();
            var trafo = table("trafo");
            for (var r = 0; r < trafo.RowCount; r++)
            {
                var group = trafo.Text(r, "vector_group");
                var windings = ParseVectorGroup(group);
                if (windings is null)
                {
                    diagnostics.Error(trafo.Path(r, "vector_group"), ValidationCodes.ValueInvalid, $"vector_group of trafo {trafo.Id(r)} is '{group}'; expected Dyn, YNyn, Yyn, YNd, Yzn, Dd, Yy, … .");
                }

                var parallel = Optional(trafo, r, "parallel", 1.0);
                var shift = Optional(trafo, r, "shift_degree", 0.0);
                var vk = Required(trafo, r, "vk_percent", positive: true);
                var vkr = Required(trafo, r, "vkr_percent");
                transformers.Add(new ThreePhaseTransformer
                {
                    Id = trafo.Id(r),
                    Name = trafo.Text(r, "name"),
                    HvBus = new BusId(BusOf(trafo, r, "hv_bus")),
                    LvBus = new BusId(BusOf(trafo, r, "lv_bus")),
                    RatedPowerKva = Required(trafo, r, "sn_mva", positive: true) * 1000.0 * parallel,
                    HvVoltageKv = Required(trafo, r, "vn_hv_kv", positive: true),
                    LvVoltageKv = Required(trafo, r, "vn_lv_kv", positive: true),
                    ShortCircuitVoltagePercent = vk,
                    ShortCircuitResistancePercent = vkr,
                    ZeroSequenceVoltagePercent = Optional(trafo, r, "vk0_percent", vk),
                    ZeroSequenceResistancePercent = Optional(trafo, r, "vkr0_percent", vkr),
                    NoLoadCurrentPercent = Optional(trafo, r, "i0_percent", 0.0),
                    NoLoadLossKw = Optional(trafo, r, "pfe_kw", 0.0) * parallel,
                    HvWinding = windings?.Hv ?? WindingConnection.Delta,
                    LvWinding = windings?.Lv ?? WindingConnection.WyeGrounded,
                    ClockNumber = ((int)Math.Round(shift / 30.0) % 12 + 12) % 12,
                    TapOnHvSide = trafo.Text(r, "tap_side") != "lv",
                    TapPosition = (int)Optional(trafo, r, "tap_pos", 0.0),
                    TapNeutral = (int)Optional(trafo, r, "tap_neutral", 0.0),
                    TapStepPercent = Optional(trafo, r, "tap_step_percent", 0.0),
                    InService = (trafo.Bool(r, "in_service") ?? true) && !openTrafos.Contains(trafo.Id(r)),
                    TModel = true,
                    ZeroSequenceMagnetisingRatio = Optional(trafo, r, "mag0_percent", double.NaN) is var mag0 && double.IsFinite(mag0) && mag0 > 0 ? mag0 : null,
                    ZeroSequenceMagnetisingRx = Optional(trafo, r, "mag0_rx", 0.0),
                    ZeroSequenceHvShare = Optional(trafo, r, "si0_hv_partial", 0.5),
                });
            }

            var sources = new List<ThreePhaseSource>();
            var grid = table("ext_grid");
            for (var r = 0; r < grid.RowCount; r++)
            {
                var ssc = Optional(grid, r, "s_sc_max_mva", double.NaN);
                sources.Add(new ThreePhaseSource
                {
                    Id = grid.Id(r),
                    Bus = new BusId(BusOf(grid, r, "bus")),
                    VoltagePu = Optional(grid, r, "vm_pu", 1.0),
                    AngleDegree = Optional(grid, r, "va_degree", 0.0),
                    ImpedanceModel = double.IsFinite(ssc) ? SourceImpedanceModel.NegativeAndZeroSequences : SourceImpedanceModel.Ideal,
                    ShortCircuitPowerMva = double.IsFinite(ssc) ? ssc : null,
                    RxRatio = Optional(grid, r, "rx_max", 0.1),
                    ZeroToPositiveRatio = Optional(grid, r, "x0x_max", 1.0),
                    ZeroSequenceRxRatio = Optional(grid, r, "r0x0_max", Optional(grid, r, "rx_max", 0.1)),
                    ShortCircuitVoltageFactor = 1.1,
                    InService = grid.Bool(r, "in_service") ?? true,
                });
            }

            var loads = new List<ThreePhaseLoad>();
            var generators = new List<ThreePhaseGenerator>();
            ReadBalanced(table("load"), (id, bus, p, q, on, label) => loads.Add(new ThreePhaseLoad { Id = id, Bus = bus, PowerKw = p, ReactivePowerKvar = q, InService = on, Name = label }));
            ReadBalanced(table("sgen"), (id, bus, p, q, on, label) => generators.Add(new ThreePhaseGenerator { Id = $"sgen {id}", Bus = bus, PowerKw = p, ReactivePowerKvar = q, InService = on, Name = label }));
            ReadAsymmetric(table("asymmetric_load"), (id, bus, p, q, on, label, delta) => loads.Add(new ThreePhaseLoad { Id = $"asymmetric_load {id}", Bus = bus, PowerKw = p, ReactivePowerKvar = q, InService = on, Name = label, Configuration = delta ? LoadConfiguration.Delta : LoadConfiguration.Wye }));
            ReadAsymmetric(table("asymmetric_sgen"), (id, bus, p, q, on, label, delta) => generators.Add(new ThreePhaseGenerator { Id = $"asymmetric_sgen {id}", Bus = bus, PowerKw = p, ReactivePowerKvar = q, InService = on, Name = label, Configuration = delta ? LoadConfiguration.Delta : LoadConfiguration.Wye }));

            foreach (var ignored in new[] { "shunt", "gen", "trafo3w", "impedance", "ward", "xward", "storage" })
            {
                if (table(ignored).RowCount > 0)
                {
                    diagnostics.Warn($"$.{ignored}: {table(ignored).RowCount} row(s) are not modelled by the three-phase reader and are ignored");
                }
            }

            return new ThreePhaseNetwork
            {
                Name = name,
                FrequencyHz = frequency,
                Buses = buses,
                Lines = lines,
                Transformers = transformers,
                Sources = sources,
                Loads = loads,
                Generators = generators,
            };
        }

        private void ReadBalanced(PandapowerTable t, Action<string, BusId, double[], double[], bool, string?> add)
        {
            for (var r = 0; r < t.RowCount; r++)
            {
                var scaling = Optional(t, r, "scaling", 1.0);
                var p = Required(t, r, "p_mw") * scaling * 1000.0 / 3.0;
                var q = Optional(t, r, "q_mvar", 0.0) * scaling * 1000.0 / 3.0;
                if (Optional(t, r, "const_z_percent", 0.0) != 0.0 || Optional(t, r, "const_i_percent", 0.0) != 0.0)
                {
                    diagnostics.Warn($"{t.RowPath(r)}: const_z_percent/const_i_percent are not modelled; the load is constant power");
                }

                add(t.Id(r), new BusId(BusOf(t, r, "bus")), [p, p, p], [q, q, q], t.Bool(r, "in_service") ?? true, t.Text(r, "name"));
            }
        }

        private void ReadAsymmetric(PandapowerTable t, Action<string, BusId, double[], double[], bool, string?, bool> add)
        {
            for (var r = 0; r < t.RowCount; r++)
            {
                var scaling = Optional(t, r, "scaling", 1.0) * 1000.0;
                var type = t.Text(r, "type") ?? "wye";
                if (type is not ("wye" or "delta"))
                {
                    diagnostics.Error(t.Path(r, "type"), ValidationCodes.ValueInvalid, $"type of {t.Name} {t.Id(r)} is '{type}'; expected 'wye' or 'delta'.");
                }

                double[] p = [.. new[] { "p_a_mw", "p_b_mw", "p_c_mw" }.Select(c => Optional(t, r, c, 0.0) * scaling)];
                double[] q = [.. new[] { "q_a_mvar", "q_b_mvar", "q_c_mvar" }.Select(c => Optional(t, r, c, 0.0) * scaling)];
                add(t.Id(r), new BusId(BusOf(t, r, "bus")), p, q, t.Bool(r, "in_service") ?? true, t.Text(r, "name"), type == "delta");
            }
        }

        private static (WindingConnection Hv, WindingConnection Lv)? ParseVectorGroup(string? group)
        {
            if (string.IsNullOrEmpty(group))
            {
                return null;
            }

            var text = new string([.. group.TakeWhile(char.IsLetter)]);
            var split = text.Length;
            for (var i = 1; i < text.Length; i++)
            {
                if (char.IsLower(text[i]) && !(text[i] == 'n' && i > 0 && char.IsUpper(text[i - 1])))
                {
                    split = i;
                    break;
                }
            }

            var hv = Winding(text[..split].ToLowerInvariant());
            var lv = Winding(text[split..]);
            return hv is { } h && lv is { } l ? (h, l) : null;
        }

        private static WindingConnection? Winding(string letters) => letters switch
        {
            "y" => WindingConnection.Wye,
            "yn" => WindingConnection.WyeGrounded,
            "d" => WindingConnection.Delta,
            "z" => WindingConnection.Zigzag,
            "zn" => WindingConnection.ZigzagGrounded,
            _ => null,
        };

        private string BusOf(PandapowerTable t, int row, string column)
        {
            var id = t.Cell(row, column) is { } e ? PandapowerTable.IdText(e) : null;
            if (id is null || !_buses.Contains(id))
            {
                diagnostics.Error(t.Path(row, column), ValidationCodes.UnknownBus, $"{column} of {t.Name} {t.Id(row)} names no bus of the network ('{id}').");
                return "_unknown";
            }

            return id;
        }

        private double Required(PandapowerTable t, int row, string column, bool positive = false)
        {
            var v = t.Number(row, column);
            if (!double.IsFinite(v) || (positive && v <= 0))
            {
                diagnostics.Error(t.Path(row, column), double.IsFinite(v) ? ValidationCodes.ValueOutOfRange : ValidationCodes.ValueNotFinite, $"{column} of {t.Name} {t.Id(row)} must be a finite{(positive ? " positive" : string.Empty)} number, not {v.ToString("R", CultureInfo.InvariantCulture)}.");
                return double.NaN;
            }

            return v;
        }

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
    }
}
