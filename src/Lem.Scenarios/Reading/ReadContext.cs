using System.Globalization;
using Lem.Domain.Series;
using Lem.Markets.Assets;
using Lem.Scenarios.Series;
using NodaTime;

namespace Lem.Scenarios.Reading;

/// <summary>What the readers of one scenario share: its folder, its horizon, the CSV files read so far and the diagnostics.</summary>
internal sealed class ReadContext(string baseDirectory, Diagnostics diagnostics, ScenarioReadOptions? options = null) : IAssetReadContext
{
    private readonly Dictionary<string, CsvSeriesTable?> _csv = new(StringComparer.Ordinal);

    public string BaseDirectory { get; } = baseDirectory;

    public Diagnostics Diagnostics { get; } = diagnostics;

    /// <summary>The limits the scenario is read under.</summary>
    public ScenarioReadOptions Options { get; } = options ?? ScenarioReadOptions.Default;

    /// <summary>The horizon, once it was read without problems.</summary>
    public Horizon? Horizon { get; set; }

    /// <summary>
    /// Reads a time series property: a number (the same value in every slot), an array with one number per slot, or
    /// <c>{"csv": "file.csv", "column": "name", "scale": 1}</c>. Values are checked against <paramref name="range"/>.
    /// </summary>
    public SlotSeries? Series(ObjectReader owner, string name, bool required, NumberRange range, string unit)
    {
        var element = owner.Element(name, required);
        if (element is null)
        {
            return null;
        }

        var path = owner.PathOf(name);
        var e = element.Value;
        var count = Horizon?.Count;
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
            case JsonValueKind.String:
                var v = ObjectReader.NumberValue(e, path, name, range, unit, Diagnostics);
                return v is null || count is null ? null : SlotSeries.Constant(v.Value, count.Value);
            case JsonValueKind.Array:
                return InlineSeries(e, path, name, range, unit, count);
            case JsonValueKind.Object:
                return CsvSeries(new ObjectReader(e, path, Diagnostics), name, range, unit);
            default:
                owner.TypeError(name, "a number, an array of numbers or a {\"csv\": …, \"column\": …} reference", e);
                return null;
        }
    }

    /// <summary>Reads a time stamp property in the horizon's zone, reporting DST gaps and ambiguous times.</summary>
    public Instant? Time(ObjectReader owner, string name, bool required)
    {
        var s = owner.String(name, required);
        if (s is null || Horizon is null)
        {
            return null;
        }

        return ResolveTime(owner, name, s, Horizon.Zone);
    }

    /// <summary>Resolves a time stamp text in a zone, reporting a gap, an ambiguity or bad text at the property's path.</summary>
    public static Instant? ResolveTime(ObjectReader owner, string name, string text, DateTimeZone zone)
    {
        var r = LocalTimeParser.Resolve(text, zone);
        if (r.IsResolved)
        {
            return r.Instant;
        }

        var code = r.Status switch
        {
            LocalTimeStatus.InGap => ValidationCodes.TimeInDstGap,
            LocalTimeStatus.Ambiguous => ValidationCodes.TimeAmbiguous,
            _ => ValidationCodes.TimeInvalid,
        };
        owner.Diagnostics.Error(owner.PathOf(name), code, r.Message!);
        return null;
    }

    /// <summary>A path made relative to the scenario folder for messages, with forward slashes.</summary>
    public string Display(string relative) => relative.Replace('\\', '/');

    /// <summary>Resolves a file reference relative to the scenario folder.</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(BaseDirectory, relative));

    private SlotSeries? InlineSeries(JsonElement e, string path, string name, NumberRange range, string unit, int? count)
    {
        var n = e.GetArrayLength();
        if (n > Domain.Time.Horizon.MaxSlots)
        {
            Diagnostics.Error(path, ValidationCodes.SizeLimit, $"'{name}' has {n} values; at most {Domain.Time.Horizon.MaxSlots} are allowed.");
            return null;
        }

        if (count is not null && n != count)
        {
            Diagnostics.Error(path, ValidationCodes.SeriesLength, $"'{name}' has {n} values, but the horizon has {count} slots.");
        }

        var values = new double[n];
        var ok = true;
        var i = 0;
        foreach (var item in e.EnumerateArray())
        {
            var v = ObjectReader.NumberValue(item, JsonPaths.Index(path, i), $"{name}[{i}]", range, unit, Diagnostics);
            ok &= v is not null;
            values[i++] = v ?? 0;
        }

        return ok && count == n ? new SlotSeries(values) : null;
    }

    private SlotSeries? CsvSeries(ObjectReader reference, string name, NumberRange range, string unit)
    {
        var file = reference.String("csv", required: true, maxLength: 1024);
        var column = reference.String("column", required: true);
        var scale = reference.Number("scale", required: false, NumberRange.Any) ?? 1.0;
        reference.ReportUnknown();
        if (file is null || column is null || Horizon is null)
        {
            return null;
        }

        var table = Table(file, reference.PathOf("csv"));
        if (table is null || !table.HeaderRead)
        {
            return null;
        }

        var values = table.Column(column);
        if (values is null)
        {
            var known = string.Join(", ", table.ColumnNames.Take(8));
            Diagnostics.Error(reference.PathOf("column"), ValidationCodes.SeriesColumn, $"'{table.DisplayPath}' has no column '{column}'; it has: {known}{(table.ColumnNames.Count() > 8 ? ", …" : string.Empty)}.");
            return null;
        }

        if (!table.IsValid)
        {
            return null;
        }

        var scaled = new double[values.Length];
        var reported = 0;
        for (var i = 0; i < values.Length; i++)
        {
            scaled[i] = values[i] * scale;
            var problem = range.Problem(scaled[i]);
            if (problem is not null && reported++ < 5)
            {
                var u = unit.Length > 0 ? " " + unit : string.Empty;
                Diagnostics.Error($"{table.DisplayPath}:{i + 2}", ValidationCodes.ValueOutOfRange, $"{column} = {scaled[i].ToString("G", CultureInfo.InvariantCulture)}{u} (slot {i}, used as {name} at {reference.Path}) is out of range; it must be {problem}{u}.");
            }
        }

        return reported == 0 ? new SlotSeries(scaled) : null;
    }

    private CsvSeriesTable? Table(string relative, string path)
    {
        var display = Display(relative);
        if (_csv.TryGetValue(display, out var cached))
        {
            return cached;
        }

        if (_csv.Count >= ScenarioLimits.MaxCsvFiles)
        {
            Diagnostics.Error(path, ValidationCodes.SizeLimit, $"A scenario may reference at most {ScenarioLimits.MaxCsvFiles} CSV files.");
            return null;
        }

        if (!File.Exists(Resolve(relative)))
        {
            Diagnostics.Error(path, ValidationCodes.FileMissing, $"The file '{display}' does not exist (paths are relative to the scenario file).");
            _csv[display] = null;
            return null;
        }

        var errors = new List<ValidationError>();
        var table = CsvSeriesTable.Read(Resolve(relative), display, Horizon!, errors, Options.MaxCsvBytes);
        Diagnostics.AddRange(errors);
        _csv[display] = table;
        return table;
    }
}
