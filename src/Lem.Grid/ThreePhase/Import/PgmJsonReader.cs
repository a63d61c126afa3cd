using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>
/// Reads power-grid-model JSON input (format version 1.0; docs/three-phase.md, "Import"): node, line, asym_line
/// (3×3, or 4×4 Kron-reduced), transformer, source, sym/asym load and gen, shunt. Units as in PGM: V, Ω, F, S, W, var,
/// VA. A batch update (PGM's update_batch.json, one scenario) can be applied before building the network.
/// </summary>
public sealed class PgmJsonReader : IThreePhaseNetworkImporter
{
    private static readonly string[] Known = ["node", "line", "asym_line", "transformer", "source", "sym_load", "asym_load", "sym_gen", "asym_gen", "shunt"];

    /// <inheritdoc/>
    public string Name => "pgm";

    /// <inheritdoc/>
    public string Description => "power-grid-model input JSON (format 1.0), asymmetric components";

    /// <inheritdoc/>
    public bool Recognises(string path) => JsonNetworkFile.HeadContains(path, "\"type\"", "\"data\"", "\"node\"") && Read(path, ThreePhaseImportOptions.Default).Succeeded;

    /// <inheritdoc/>
    public ThreePhaseNetworkImport Read(string path, ThreePhaseImportOptions options) => JsonNetworkFile.Read(path, text => ReadText(text, Path.GetFileNameWithoutExtension(path)));

    /// <summary>
    /// Reads PGM input JSON text; <paramref name="update"/> is one scenario of a batch update (an object of component
    /// arrays whose records override the input's records of the same id).
    /// </summary>
    public static ThreePhaseNetworkImport ReadText(string text, string name, JsonElement? update = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<ValidationError>();
        var warnings = new List<string>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return new ThreePhaseNetworkImport(null, [new ValidationError("$", ValidationCodes.JsonMalformed, ex.Message)], []);
        }

        if (root?["data"] is not JsonObject data)
        {
            return new ThreePhaseNetworkImport(null, [new ValidationError("$.data", ValidationCodes.FieldMissing, "PGM input needs a 'data' object of component arrays.")], []);
        }

        if (update is { ValueKind: JsonValueKind.Object } scenario)
        {
            ApplyUpdate(data, scenario, errors);
        }

        using var document = JsonDocument.Parse(root.ToJsonString());
        var components = document.RootElement.GetProperty("data");
        foreach (var property in components.EnumerateObject())
        {
            if (Array.IndexOf(Known, property.Name) < 0)
            {
                warnings.Add($"$.data.{property.Name}: the component is not read (not part of the three-phase power flow)");
            }
        }

        var buses = new List<ThreePhaseBus>();
        var lines = new List<ThreePhaseLine>();
        var transformers = new List<ThreePhaseTransformer>();
        var sources = new List<ThreePhaseSource>();
        var loads = new List<ThreePhaseLoad>();
        var generators = new List<ThreePhaseGenerator>();
        var shunts = new List<ThreePhaseShunt>();
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        var omega = 2.0 * Math.PI * 50.0;

        foreach (var r in Records(components, "node", errors))
        {
            var id = r.Id("id");
            var uRated = r.Number("u_rated");
            if (id.Length > 0 && !nodeIds.Add(id))
            {
                r.Error("id", ValidationCodes.IdDuplicate, $"Node id '{id}' appears twice.");
            }

            if (uRated <= 0)
            {
                r.Error("u_rated", ValidationCodes.ValueOutOfRange, "u_rated must be positive (line-to-line V).");
            }

            if (id.Length > 0 && !BusId.TryCreate(id, out _))
            {
                r.Error("id", ValidationCodes.IdInvalid, $"Node id '{id}' is not a valid bus id.");
            }
            else if (id.Length > 0 && double.IsFinite(uRated))
            {
                buses.Add(new ThreePhaseBus { Id = new BusId(id), NominalVoltageKv = uRated / 1000.0 });
            }
        }

        BusId Node(JsonRecord r, string field)
        {
            var id = r.Id(field);
            if (id.Length > 0 && !nodeIds.Contains(id))
            {
                r.Error(field, ValidationCodes.UnknownBus, $"No node '{id}'.");
            }

            return BusId.TryCreate(id, out var busId) ? busId : new BusId("_unknown");
        }

        foreach (var r in Records(components, "line", errors))
        {
            var z1 = new Complex(r.Number("r1"), r.Number("x1"));
            var z0 = new Complex(r.Number("r0"), r.Number("x0"));
            var y1 = omega * r.Number("c1", 0.0) * new Complex(r.Number("tan1", 0.0), 1.0);
            var y0 = omega * r.Number("c0", 0.0) * new Complex(r.Number("tan0", 0.0), 1.0);
            lines.Add(Line(r, Node(r, "from_node"), Node(r, "to_node"), PhaseMatrix.FromSequence(z0, z1), PhaseMatrix.FromSequence(y0, y1)));
        }

        foreach (var r in Records(components, "asym_line", errors))
        {
            var withNeutral = r.Has("r_nn") || r.Has("x_nn");
            PhaseMatrix series;
            if (withNeutral)
            {
                var z = new Complex[4, 4];
                string[] names = ["a", "b", "c", "n"];
                for (var i = 0; i < 4; i++)
                {
                    for (var j = 0; j <= i; j++)
                    {
                        var key = $"{names[i]}{names[j]}";
                        z[i, j] = z[j, i] = new Complex(r.Number($"r_{key}"), r.Number($"x_{key}"));
                    }
                }

                series = double.IsNaN(z[3, 3].Real) || z[3, 3] == Complex.Zero ? PhaseMatrix.Zero : PhaseMatrix.KronReduce(z);
            }
            else
            {
                series = Symmetric(r, "r_", "x_");
            }

            PhaseMatrix shunt;
            if (r.Has("c0") && r.Has("c1"))
            {
                shunt = PhaseMatrix.FromSequence(new Complex(0, omega * r.Number("c0")), new Complex(0, omega * r.Number("c1")));
            }
            else if (r.Has("c_aa"))
            {
                shunt = new Complex(0, omega) * Symmetric(r, "c_", null);
            }
            else
            {
                shunt = PhaseMatrix.Zero;
            }

            lines.Add(Line(r, Node(r, "from_node"), Node(r, "to_node"), series, shunt));
        }

        foreach (var r in Records(components, "transformer", errors))
        {
            transformers.Add(Transformer(r, Node(r, "from_node"), Node(r, "to_node"), warnings));
        }

        foreach (var r in Records(components, "source", errors))
        {
            sources.Add(new ThreePhaseSource
            {
                Id = r.Id("id"),
                Bus = Node(r, "node"),
                InService = r.Number("status", 1) != 0,
                VoltagePu = r.Number("u_ref", 1.0),
                AngleDegree = r.Number("u_ref_angle", 0.0) * 180.0 / Math.PI,
                ImpedanceModel = SourceImpedanceModel.AllSequences,
                ShortCircuitPowerMva = r.Number("sk", 1e10) / 1e6,
                RxRatio = r.Number("rx_ratio", 0.1),
                ZeroToPositiveRatio = r.Number("z01_ratio", 1.0),
            });
        }

        foreach (var (component, symmetric, isGenerator) in new[] { ("sym_load", true, false), ("asym_load", false, false), ("sym_gen", true, true), ("asym_gen", false, true) })
        {
            foreach (var r in Records(components, component, errors))
            {
                var bus = Node(r, "node");
                var model = (int)r.Number("type", 0) switch
                {
                    0 => LoadModel.ConstantPower,
                    1 => LoadModel.ConstantImpedance,
                    2 => LoadModel.ConstantCurrent,
                    _ => Invalid(r),
                };
                double[] p;
                double[] q;
                if (symmetric)
                {
                    var pTotal = r.Number("p_specified") / 3000.0;
                    var qTotal = r.Number("q_specified") / 3000.0;
                    p = [pTotal, pTotal, pTotal];
                    q = [qTotal, qTotal, qTotal];
                }
                else
                {
                    p = [.. r.Triple("p_specified").Select(v => v / 1000.0)];
                    q = [.. r.Triple("q_specified").Select(v => v / 1000.0)];
                }

                var inService = r.Number("status", 1) != 0;
                if (isGenerator)
                {
                    generators.Add(new ThreePhaseGenerator { Id = r.Id("id"), Bus = bus, Model = model, PowerKw = p, ReactivePowerKvar = q, InService = inService });
                }
                else
                {
                    loads.Add(new ThreePhaseLoad { Id = r.Id("id"), Bus = bus, Model = model, PowerKw = p, ReactivePowerKvar = q, InService = inService });
                }
            }
        }

        foreach (var r in Records(components, "shunt", errors))
        {
            shunts.Add(new ThreePhaseShunt
            {
                Id = r.Id("id"),
                Bus = Node(r, "node"),
                InService = r.Number("status", 1) != 0,
                AdmittanceSiemens = PhaseMatrix.FromSequence(new Complex(r.Number("g0"), r.Number("b0")), new Complex(r.Number("g1"), r.Number("b1"))),
            });
        }

        if (errors.Count > 0)
        {
            return new ThreePhaseNetworkImport(null, errors, warnings);
        }

        var network = new ThreePhaseNetwork
        {
            Name = name,
            Buses = buses,
            Lines = lines,
            Transformers = transformers,
            Sources = sources,
            Loads = loads,
            Generators = generators,
            Shunts = shunts,
        };
        return new ThreePhaseNetworkImport(network, errors, warnings);
    }

    private static LoadModel Invalid(JsonRecord r)
    {
        r.Error("type", ValidationCodes.ValueInvalid, "type must be 0 (constant power), 1 (constant impedance) or 2 (constant current).");
        return LoadModel.ConstantPower;
    }

    private static ThreePhaseLine Line(JsonRecord r, BusId from, BusId to, PhaseMatrix series, PhaseMatrix shunt)
    {
        var fromClosed = r.Number("from_status", 1) != 0;
        var toClosed = r.Number("to_status", 1) != 0;
        return new ThreePhaseLine
        {
            Id = r.Id("id"),
            FromBus = from,
            ToBus = to,
            SeriesImpedanceOhm = series,
            ShuntAdmittanceSiemens = shunt,
            MaxCurrentA = r.OptionalNumber("i_n"),
            FromClosed = fromClosed,
            ToClosed = toClosed,
            InService = fromClosed || toClosed,
        };
    }

    private static PhaseMatrix Symmetric(JsonRecord r, string realPrefix, string? imaginaryPrefix)
    {
        string[] names = ["a", "b", "c"];
        var values = new Complex[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var key = $"{names[i]}{names[j]}";
                var value = new Complex(r.Number($"{realPrefix}{key}"), imaginaryPrefix is null ? 0.0 : r.Number($"{imaginaryPrefix}{key}"));
                values[(3 * i) + j] = value;
                values[(3 * j) + i] = value;
            }
        }

        return PhaseMatrix.FromRows(values);
    }

    private static ThreePhaseTransformer Transformer(JsonRecord r, BusId from, BusId to, List<string> warnings)
    {
        var u1 = r.Number("u1");
        var u2 = r.Number("u2");
        var sn = r.Number("sn");
        var tapMin = (int)r.Number("tap_min", 0);
        var tapMax = (int)r.Number("tap_max", 0);
        var tapNom = (int)r.Number("tap_nom", 0);
        var tapPos = (int)r.Number("tap_pos", tapNom);
        tapPos = Math.Clamp(tapPos, Math.Min(tapMin, tapMax), Math.Max(tapMin, tapMax));
        var direction = tapMax > tapMin ? 1.0 : -1.0;
        var tapOnFrom = r.Number("tap_side", 0) == 0;
        var fromClosed = r.Number("from_status", 1) != 0;
        var toClosed = r.Number("to_status", 1) != 0;
        if (fromClosed != toClosed)
        {
            warnings.Add($"{r.Path}: a transformer open at one end only is taken as out of service");
        }

        if (r.Has("r_grounding_from") || r.Has("x_grounding_from") || r.Has("r_grounding_to") || r.Has("x_grounding_to"))
        {
            warnings.Add($"{r.Path}: grounding impedances are not modelled (solid grounding)");
        }

        var clock = (int)r.Number("clock", 0);
        return new ThreePhaseTransformer
        {
            Id = r.Id("id"),
            HvBus = from,
            LvBus = to,
            RatedPowerKva = sn / 1000.0,
            HvVoltageKv = u1 / 1000.0,
            LvVoltageKv = u2 / 1000.0,
            ShortCircuitVoltagePercent = 100.0 * r.Number("uk"),
            ShortCircuitResistancePercent = 100.0 * r.Number("pk", 0.0) / sn,
            NoLoadCurrentPercent = 100.0 * r.Number("i0", 0.0),
            NoLoadLossKw = r.Number("p0", 0.0) / 1000.0,
            ZeroSequenceNoLoadCurrentPercent = r.OptionalNumber("i0_zero_sequence") is { } i0z ? 100.0 * i0z : null,
            HvWinding = Winding(r, "winding_from"),
            LvWinding = Winding(r, "winding_to"),
            ClockNumber = ((clock % 12) + 12) % 12,
            TapOnHvSide = tapOnFrom,
            TapPosition = tapPos,
            TapNeutral = tapNom,
            TapStepPercent = direction * 100.0 * r.Number("tap_size", 0.0) / (tapOnFrom ? u1 : u2),
            InService = fromClosed && toClosed,
        };
    }

    private static WindingConnection Winding(JsonRecord r, string field)
    {
        var value = r.Number(field, 0);
        switch (value)
        {
            case 0: return WindingConnection.Wye;
            case 1: return WindingConnection.WyeGrounded;
            case 2: return WindingConnection.Delta;
            case 3: return WindingConnection.Zigzag;
            case 4: return WindingConnection.ZigzagGrounded;
            default:
                r.Error(field, ValidationCodes.ValueInvalid, "The winding must be 0 (wye), 1 (wye_n), 2 (delta), 3 (zigzag) or 4 (zigzag_n).");
                return WindingConnection.Wye;
        }
    }

    private static IEnumerable<JsonRecord> Records(JsonElement components, string name, List<ValidationError> errors)
    {
        if (!components.TryGetProperty(name, out var array))
        {
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ValidationError($"$.data.{name}", ValidationCodes.FieldType, $"'{name}' must be an array of records."));
            yield break;
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.data.{name}[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new ValidationError(path, ValidationCodes.FieldType, "A record must be a JSON object."));
                continue;
            }

            yield return new JsonRecord(element, path, errors);
        }
    }

    private static void ApplyUpdate(JsonObject data, JsonElement scenario, List<ValidationError> errors)
    {
        foreach (var component in scenario.EnumerateObject())
        {
            if (data[component.Name] is not JsonArray records || component.Value.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new ValidationError($"update.{component.Name}", ValidationCodes.FieldUnknown, $"The update names '{component.Name}', which the input does not have."));
                continue;
            }

            var index = 0;
            foreach (var change in component.Value.EnumerateArray())
            {
                var id = change.TryGetProperty("id", out var idElement) ? idElement.GetRawText() : null;
                var target = records.OfType<JsonObject>().FirstOrDefault(o => o["id"]?.ToJsonString() == id);
                if (target is null)
                {
                    errors.Add(new ValidationError($"update.{component.Name}[{index}].id", ValidationCodes.FieldUnknown, $"No {component.Name} with id {id}."));
                }
                else
                {
                    foreach (var field in change.EnumerateObject())
                    {
                        target[field.Name] = JsonNode.Parse(field.Value.GetRawText());
                    }
                }

                index++;
            }
        }
    }
}
