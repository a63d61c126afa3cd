using System.Text.Json;
using Lem.Domain.Reading;
using Lem.Domain.Validation;
using NodaTime;

namespace Lem.Simulation.Synthetic;

/// <summary>
/// The parameters of a synthetic community (docs/synthetic.md): how many households, which shares own PV, a home
/// battery, an electric vehicle and a heat pump, where and when it lies, its slot length, its feeder and its seed.
/// Read from a small JSON file <c>{"synthetic": {...}}</c> by <see cref="Read"/>; equal specs give equal days.
/// </summary>
public sealed record SyntheticSpec
{
    /// <summary>The largest number of households a spec may ask for.</summary>
    public const int MaxHouseholds = 20_000;

    /// <summary>The community's name (for reports).</summary>
    public string Name { get; init; } = "synthetic";

    /// <summary>The number of households (one participant each).</summary>
    public int Households { get; init; } = 100;

    /// <summary>The share of households with a rooftop PV system, in [0, 1].</summary>
    public double PvShare { get; init; } = 0.5;

    /// <summary>The share of households with a home battery, in [0, 1] (given to PV households first).</summary>
    public double BatteryShare { get; init; } = 0.3;

    /// <summary>The share of households with an electric vehicle, in [0, 1].</summary>
    public double EvShare { get; init; } = 0.2;

    /// <summary>The share of households heated by a heat pump, in [0, 1].</summary>
    public double HeatPumpShare { get; init; } = 0.2;

    /// <summary>The first day (day 0) of the simulation.</summary>
    public LocalDate Start { get; init; } = new(2026, 1, 1);

    /// <summary>The time zone of the community.</summary>
    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    /// <summary>The slot length.</summary>
    public SlotLength SlotLength { get; init; } = SlotLength.QuarterHour;

    /// <summary>The feeder: "radial" (a transformer and radial LV cables, docs/synthetic.md#feeder) or "none" (copper plate).</summary>
    public string Feeder { get; init; } = "radial";

    /// <summary>The rating of the MV/LV transformer in kVA, or null for the default (1.6 kVA per household, at least 50 kVA).</summary>
    public double? TransformerKva { get; init; }

    /// <summary>The latitude of the site in degrees north.</summary>
    public double LatitudeDeg { get; init; } = 48.40;

    /// <summary>The longitude of the site in degrees east.</summary>
    public double LongitudeDeg { get; init; } = 9.99;

    /// <summary>The seed of every random process of the community.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The transformer rating actually used, kVA.</summary>
    public double EffectiveTransformerKva => TransformerKva ?? Math.Max(50, Math.Round(1.6 * Households / 10) * 10);

    /// <summary>The feeder names <see cref="Feeder"/> accepts.</summary>
    public static IReadOnlyList<string> FeederNames { get; } = ["radial", "none"];

    /// <summary>Reads and validates a synthetic community file; reports every problem with its JSON path.</summary>
    public static SyntheticReadResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return SyntheticReadResult.Fail(new ValidationError(path, ValidationCodes.FileMissing, $"The file '{path}' does not exist."));
        }

        const long maxBytes = 1 << 20;
        if (new FileInfo(path).Length > maxBytes)
        {
            return SyntheticReadResult.Fail(new ValidationError(Path.GetFileName(path), ValidationCodes.SizeLimit, $"The file is larger than {maxBytes} bytes."));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SyntheticReadResult.Fail(new ValidationError(path, ValidationCodes.FileMissing, $"The file '{path}' cannot be read: {ex.Message}"));
        }

        return Parse(bytes);
    }

    /// <summary>Parses and validates synthetic community JSON held in memory.</summary>
    public static SyntheticReadResult Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return SyntheticReadResult.Fail(new ValidationError("$", ValidationCodes.JsonMalformed, $"The file is not valid JSON: {ex.Message}"));
        }

        using (doc)
        {
            var diagnostics = new Diagnostics();
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return SyntheticReadResult.Fail(new ValidationError("$", ValidationCodes.FieldType, "The file must hold a JSON object with a 'synthetic' object."));
            }

            var root = new ObjectReader(doc.RootElement, "$", diagnostics);
            _ = root.String("$schema", false, 1024);
            var s = root.Object("synthetic", true);
            root.ReportUnknown();
            var spec = s is null ? null : ReadSpec(s);
            return diagnostics.HasErrors || spec is null
                ? new SyntheticReadResult(null, null, diagnostics.Errors, diagnostics.Warnings)
                : new SyntheticReadResult(spec, new SyntheticDaySource(spec), diagnostics.Errors, diagnostics.Warnings);
        }
    }

    private static SyntheticSpec? ReadSpec(ObjectReader s)
    {
        var d = new SyntheticSpec();
        var name = s.String("name", false, 64);
        var households = s.Integer("households", true, 1, MaxHouseholds);
        var pv = s.Number("pv_share", false, NumberRange.Fraction);
        var battery = s.Number("battery_share", false, NumberRange.Fraction);
        var ev = s.Number("ev_share", false, NumberRange.Fraction);
        var hp = s.Number("heat_pump_share", false, NumberRange.Fraction);
        var start = s.String("start", false, 32);
        var zoneId = s.String("zone", false, 64);
        var slot = s.Integer("slot_minutes", false, 1, 60);
        var feeder = s.Choice("feeder", false, [.. FeederNames]);
        var kva = s.Number("transformer_kva", false, NumberRange.Positive, "kVA");
        var lat = s.Number("latitude_deg", false, NumberRange.Between(-66, 66), "°");
        var lon = s.Number("longitude_deg", false, NumberRange.Between(-180, 180), "°");
        var seed = s.Number("seed", false, NumberRange.Between(0, 9_007_199_254_740_991));
        s.ReportUnknown();

        var ok = true;
        LocalDate startDate = d.Start;
        if (start is not null)
        {
            var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(start);
            if (parsed.Success)
            {
                startDate = parsed.Value;
            }
            else
            {
                s.Diagnostics.Error(s.PathOf("start"), ValidationCodes.TimeInvalid, $"'{start}' is not an ISO date (yyyy-MM-dd).");
                ok = false;
            }
        }

        var zone = d.Zone;
        if (zoneId is not null)
        {
            var z = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
            if (z is null)
            {
                s.Diagnostics.Error(s.PathOf("zone"), ValidationCodes.ValueInvalid, $"'{zoneId}' is not an IANA time zone (for example Europe/Berlin).");
                ok = false;
            }
            else
            {
                zone = z;
            }
        }

        var slotLength = d.SlotLength;
        if (slot is { } m)
        {
            if (SlotLength.TryFromMinutes(m, out var sl))
            {
                slotLength = sl;
            }
            else
            {
                s.Diagnostics.Error(s.PathOf("slot_minutes"), ValidationCodes.ValueInvalid, $"slot_minutes must be one of {string.Join(", ", SlotLength.AllowedMinutes)}; it is {m}.");
                ok = false;
            }
        }

        if (seed is { } sd && sd != Math.Floor(sd))
        {
            s.Diagnostics.Error(s.PathOf("seed"), ValidationCodes.ValueInvalid, $"seed must be a whole number; it is {sd}.");
            ok = false;
        }

        if (name is not null && IdRules.Problem(name) is { } problem)
        {
            s.Diagnostics.Error(s.PathOf("name"), ValidationCodes.IdInvalid, problem);
            ok = false;
        }

        if (!ok || households is null || s.Diagnostics.HasErrors)
        {
            return null;
        }

        return new SyntheticSpec
        {
            Name = name ?? d.Name,
            Households = households.Value,
            PvShare = pv ?? d.PvShare,
            BatteryShare = battery ?? d.BatteryShare,
            EvShare = ev ?? d.EvShare,
            HeatPumpShare = hp ?? d.HeatPumpShare,
            Start = startDate,
            Zone = zone,
            SlotLength = slotLength,
            Feeder = feeder ?? d.Feeder,
            TransformerKva = kva,
            LatitudeDeg = lat ?? d.LatitudeDeg,
            LongitudeDeg = lon ?? d.LongitudeDeg,
            Seed = seed is { } v ? (ulong)v : d.Seed,
        };
    }
}
