using Lem.Grid.Import;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads <c>grid</c>: either a reference to a network file (<c>{"file": "grid.json", "format": "auto"}</c>, MATPOWER
/// <c>.m</c> or pandapower JSON) or an inline network with <c>buses</c>, <c>lines</c> and <c>transformers</c>.
/// </summary>
internal static class GridSpecReader
{
    private const int MaxElements = 200_000;

    public static GridNetwork? Read(ObjectReader r, ReadContext c)
    {
        return r.Has("file") ? ReadFile(r, c) : ReadInline(r, c);
    }

    private static GridNetwork? ReadFile(ObjectReader r, ReadContext c)
    {
        var file = r.String("file", required: true, maxLength: 1024);
        var format = r.Choice("format", required: false, "auto", "matpower", "pandapower") ?? "auto";
        r.ReportUnknown();
        if (file is null)
        {
            return null;
        }

        var full = c.Resolve(file);
        if (!File.Exists(full))
        {
            r.Diagnostics.Error(r.PathOf("file"), ValidationCodes.FileMissing, $"The grid file '{c.Display(file)}' does not exist (paths are relative to the scenario file).");
            return null;
        }

        var result = GridImporter.Import(full, format switch
        {
            "matpower" => GridFileFormat.Matpower,
            "pandapower" => GridFileFormat.Pandapower,
            _ => GridFileFormat.Auto,
        });
        r.Diagnostics.AddRange(result.Errors);
        foreach (var w in result.Warnings)
        {
            r.Diagnostics.Warning($"{c.Display(file)}: {w}");
        }

        return result.Errors.Count == 0 ? result.Network : null;
    }

    private static GridNetwork? ReadInline(ObjectReader r, ReadContext c)
    {
        var d = r.Diagnostics;
        var errorsBefore = d.Errors.Count;
        var name = r.String("name", required: false) ?? "inline grid";
        var baseMva = r.Number("base_mva", required: false, NumberRange.Positive, "MVA") ?? 1.0;
        var frequency = r.Number("frequency_hz", required: false, NumberRange.Between(1, 1000), "Hz") ?? 50.0;
        var busesElement = r.Array("buses", required: true, MaxElements);
        var linesElement = r.Array("lines", required: false, MaxElements);
        var trafosElement = r.Array("transformers", required: false, MaxElements);
        r.ReportUnknown();

        var buses = new List<Bus>();
        var kv = new Dictionary<string, double>(StringComparer.Ordinal);
        var ext = new List<ExternalGrid>();
        Each(busesElement, r.PathOf("buses"), d, br =>
        {
            var id = br.String("id", required: true);
            var vn = br.Number("vn_kv", required: true, NumberRange.Positive, "kV");
            var vmMin = br.Number("vm_min_pu", required: false, NumberRange.Positive) ?? 0.9;
            var vmMax = br.Number("vm_max_pu", required: false, NumberRange.Positive) ?? 1.1;
            var slack = br.Bool("slack", required: false) ?? false;
            var vmSet = br.Number("vm_pu", required: false, NumberRange.Between(0.5, 1.5)) ?? 1.0;
            var inService = br.Bool("in_service", required: false) ?? true;
            var busName = br.String("name", required: false);
            br.ReportUnknown();
            if (vmMin > vmMax)
            {
                d.Error(br.PathOf("vm_min_pu"), ValidationCodes.BoundsInverted, $"vm_min_pu = {vmMin} is above vm_max_pu = {vmMax}.");
            }

            if (id is null || vn is null || !CheckId(br, id, kv.ContainsKey(id), "bus"))
            {
                return;
            }

            kv[id] = vn.Value;
            buses.Add(new Bus { Id = new BusId(id), Name = busName, NominalKv = vn.Value, VmMinPu = vmMin, VmMaxPu = vmMax, Type = slack ? BusType.Slack : BusType.Pq, InService = inService, VmPu = vmSet });
            if (slack)
            {
                ext.Add(new ExternalGrid { Id = $"slack-{id}", Bus = new BusId(id), VmPu = vmSet });
            }
        });

        var branchIds = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<Line>();
        Each(linesElement, r.PathOf("lines"), d, lr =>
        {
            var line = InlineLine(lr, kv, baseMva, frequency, branchIds);
            if (line is not null)
            {
                lines.Add(line);
            }
        });

        var trafos = new List<Transformer>();
        Each(trafosElement, r.PathOf("transformers"), d, tr =>
        {
            var t = InlineTransformer(tr, kv, baseMva, branchIds);
            if (t is not null)
            {
                trafos.Add(t);
            }
        });

        if (d.Errors.Count != errorsBefore)
        {
            return null; // the topology of a grid with bad elements would only produce follow-on errors
        }

        return new GridNetwork
        {
            Name = name,
            BaseMva = baseMva,
            FrequencyHz = frequency,
            Buses = buses,
            Lines = lines,
            Transformers = trafos,
            ExternalGrids = ext,
        };
    }

    private static Line? InlineLine(ObjectReader lr, Dictionary<string, double> kv, double baseMva, double frequency, HashSet<string> ids)
    {
        var d = lr.Diagnostics;
        var id = lr.String("id", required: true);
        var from = BusRef(lr, "from_bus", kv);
        var to = BusRef(lr, "to_bus", kv);
        var perKm = lr.Has("length_km");
        double? length = null, rKm = null, xKm = null, cKm = null, rOhm = null, xOhm = null, bUs = null;
        if (perKm)
        {
            length = lr.Number("length_km", required: true, NumberRange.Positive, "km");
            rKm = lr.Number("r_ohm_per_km", required: true, NumberRange.NonNegative, "ohm/km");
            xKm = lr.Number("x_ohm_per_km", required: true, NumberRange.NonNegative, "ohm/km");
            cKm = lr.Number("c_nf_per_km", required: false, NumberRange.NonNegative, "nF/km") ?? 0;
        }
        else
        {
            rOhm = lr.Number("r_ohm", required: true, NumberRange.NonNegative, "ohm");
            xOhm = lr.Number("x_ohm", required: true, NumberRange.NonNegative, "ohm");
            bUs = lr.Number("b_us", required: false, NumberRange.NonNegative, "µS") ?? 0;
        }

        var maxI = lr.Number("max_i_ka", required: false, NumberRange.Positive, "kA");
        var rating = lr.Number("rating_mva", required: false, NumberRange.Positive, "MVA");
        var inService = lr.Bool("in_service", required: false) ?? true;
        var name = lr.String("name", required: false);
        lr.ReportUnknown();
        var (r, x) = perKm ? (rKm * length, xKm * length) : (rOhm, xOhm);
        if (r == 0 && x == 0)
        {
            d.Error(lr.PathOf(perKm ? "r_ohm_per_km" : "r_ohm"), ValidationCodes.ValueOutOfRange, "A line needs a non-zero impedance; join the buses into one bus instead.");
            return null;
        }

        if (id is null || from is null || to is null || r is null || x is null || !CheckId(lr, id, !ids.Add(id), "branch"))
        {
            return null;
        }

        if (Math.Abs(kv[from] - kv[to]) > 1e-9 * kv[from])
        {
            d.Error(lr.PathOf("to_bus"), ValidationCodes.GridInvalid, $"Line '{id}' joins buses of {kv[from]} kV and {kv[to]} kV; use a transformer between voltage levels.");
            return null;
        }

        var line = perKm
            ? LineModel.FromPerKm(id, new BusId(from), new BusId(to), kv[from], baseMva, frequency, length!.Value, rKm!.Value, xKm!.Value, cKm!.Value, maxCurrentKa: maxI)
            : LineModel.FromOhm(id, new BusId(from), new BusId(to), kv[from], baseMva, rOhm!.Value, xOhm!.Value, bUs!.Value, maxI);
        return line with { Name = name, InService = inService, RatingMva = rating ?? line.RatingMva };
    }

    private static Transformer? InlineTransformer(ObjectReader tr, Dictionary<string, double> kv, double baseMva, HashSet<string> ids)
    {
        var id = tr.String("id", required: true);
        var hv = BusRef(tr, "hv_bus", kv);
        var lv = BusRef(tr, "lv_bus", kv);
        var sn = tr.Number("sn_mva", required: true, NumberRange.Positive, "MVA");
        var vnHv = tr.Number("vn_hv_kv", required: true, NumberRange.Positive, "kV");
        var vnLv = tr.Number("vn_lv_kv", required: true, NumberRange.Positive, "kV");
        var vk = tr.Number("vk_percent", required: true, NumberRange.Between(0.01, 100), "%");
        var vkr = tr.Number("vkr_percent", required: true, NumberRange.Between(0, 100), "%");
        var pfe = tr.Number("pfe_kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        var i0 = tr.Number("i0_percent", required: false, NumberRange.Between(0, 100), "%") ?? 0;
        var shift = tr.Number("shift_degree", required: false, NumberRange.Between(-360, 360), "degree") ?? 0;
        var inService = tr.Bool("in_service", required: false) ?? true;
        var name = tr.String("name", required: false);
        tr.ReportUnknown();
        if (vk is not null && vkr is not null && vkr > vk)
        {
            tr.Diagnostics.Error(tr.PathOf("vkr_percent"), ValidationCodes.BoundsInverted, $"vkr_percent = {vkr} is above vk_percent = {vk}; the resistive part cannot exceed the short-circuit voltage.");
            return null;
        }

        if (id is null || hv is null || lv is null || sn is null || vnHv is null || vnLv is null || vk is null || vkr is null || !CheckId(tr, id, !ids.Add(id), "branch"))
        {
            return null;
        }

        return TransformerModel.FromNameplate(new TransformerNameplate(id, new BusId(hv), new BusId(lv), sn.Value, vnHv.Value, vnLv.Value, vk.Value, vkr.Value, pfe, i0, shift), kv[hv], kv[lv], baseMva) with { Name = name, InService = inService };
    }

    private static string? BusRef(ObjectReader r, string name, Dictionary<string, double> kv)
    {
        var bus = r.String(name, required: true);
        if (bus is null)
        {
            return null;
        }

        if (!kv.ContainsKey(bus))
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.UnknownBus, $"{name} '{bus}' is not one of the grid's buses.");
            return null;
        }

        return bus;
    }

    private static bool CheckId(ObjectReader r, string id, bool duplicate, string what)
    {
        var problem = Domain.Ids.IdRules.Problem(id);
        if (problem is not null)
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdInvalid, problem);
            return false;
        }

        if (duplicate)
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdDuplicate, $"The {what} id '{id}' is used twice in the grid.");
            return false;
        }

        return true;
    }

    internal static void Each(JsonElement? array, string path, Diagnostics d, Action<ObjectReader> read)
    {
        if (array is null)
        {
            return;
        }

        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var p = JsonPaths.Index(path, i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                d.Error(p, ValidationCodes.FieldType, $"Each entry must be an object, not {ObjectReader.KindName(item)}.");
                continue;
            }

            read(new ObjectReader(item, p, d));
        }
    }
}
