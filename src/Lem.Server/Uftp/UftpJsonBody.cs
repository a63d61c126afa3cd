namespace Lem.Server.Uftp;

/// <summary>The JSON body of a UFTP API call, read field by field; every problem is collected with its path and reported at once.</summary>
internal sealed class UftpJsonBody(JsonObject body)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>The problems by field path.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>A string field that must be a valid value of <paramref name="type"/>.</summary>
    public string? Text(string name, UftpValueType type, bool required = true) => Text(body, name, name, type, required);

    /// <summary>A number field.</summary>
    public decimal? Number(string name, bool required = true) => Number(body, name, name, required);

    /// <summary>The ISP list of a flex request: at least one, each with start, optional duration, min_power_w, max_power_w and disposition.</summary>
    public List<UftpIsp>? Isps(string name)
    {
        _known.Add(name);
        if (Objects(body, name, name) is not { } items)
        {
            return null;
        }

        var isps = new List<UftpIsp>();
        foreach (var (o, path) in items)
        {
            var start = Whole(o, "start", $"{path}.start", true);
            var duration = Whole(o, "duration", $"{path}.duration", false) ?? 1;
            var min = Whole(o, "min_power_w", $"{path}.min_power_w", true);
            var max = Whole(o, "max_power_w", $"{path}.max_power_w", true);
            var disposition = Text(o, "disposition", $"{path}.disposition", UftpValueType.Text, true);
            Unknown(o, path, "start", "duration", "min_power_w", "max_power_w", "disposition");

            if (disposition is not null and not ("requested" or "available"))
            {
                Errors[$"{path}.disposition"] = "must be requested or available";
            }

            if (start is { } s && min is { } lo && max is { } hi && disposition is not null)
            {
                isps.Add(new UftpIsp(s, duration, lo, hi, disposition == "requested"));
            }
        }

        return isps;
    }

    /// <summary>The meter readings of a settlement: at least one, each with congestion_point, period and isps [{start, duration, power_w}].</summary>
    public List<UftpMeterReading>? Meters(string name)
    {
        _known.Add(name);
        if (Objects(body, name, name) is not { } items)
        {
            return null;
        }

        var meters = new List<UftpMeterReading>();
        foreach (var (o, path) in items)
        {
            var congestionPoint = Text(o, "congestion_point", $"{path}.congestion_point", UftpValueType.EntityAddress, true);
            var period = Text(o, "period", $"{path}.period", UftpValueType.Date, true);
            Unknown(o, path, "congestion_point", "period", "isps");
            if (Objects(o, "isps", $"{path}.isps") is not { } ispItems)
            {
                continue;
            }

            var isps = new List<UftpIsp>();
            foreach (var (isp, ispPath) in ispItems)
            {
                var start = Whole(isp, "start", $"{ispPath}.start", true);
                var duration = Whole(isp, "duration", $"{ispPath}.duration", false) ?? 1;
                var power = Whole(isp, "power_w", $"{ispPath}.power_w", true);
                Unknown(isp, ispPath, "start", "duration", "power_w");
                if (start is { } s && power is { } p)
                {
                    isps.Add(new UftpIsp(s, duration, p));
                }
            }

            if (congestionPoint is not null && period is not null)
            {
                UftpValues.TryDate(period, out var day);
                meters.Add(new UftpMeterReading(congestionPoint, day, isps));
            }
        }

        return meters;
    }

    /// <summary>The 400 problem listing every error and every unknown field, or null.</summary>
    public CommandResult? Problem()
    {
        foreach (var (name, _) in body)
        {
            if (!_known.Contains(name))
            {
                Errors[name] = "unknown field";
            }
        }

        return Errors.Count == 0 ? null
            : new CommandResult(400, Views.Problem(400, "One or more fields are invalid.", string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}")), Errors));
    }

    /// <summary>The objects of a non-empty array field with their paths (an error for each item that is not an object), or null with an error.</summary>
    private List<(JsonObject Item, string Path)>? Objects(JsonObject o, string name, string path)
    {
        if (o[name] is not JsonArray array || array.Count == 0)
        {
            Errors[path] = "must be a non-empty array";
            return null;
        }

        var items = new List<(JsonObject, string)>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonObject item)
            {
                items.Add((item, $"{path}[{i}]"));
            }
            else
            {
                Errors[$"{path}[{i}]"] = "must be an object";
            }
        }

        return items;
    }

    private void Unknown(JsonObject o, string path, params string[] known)
    {
        foreach (var field in o.Select(f => f.Key).Where(k => !known.Contains(k, StringComparer.Ordinal)))
        {
            Errors[$"{path}.{field}"] = "unknown field";
        }
    }

    private string? Text(JsonObject o, string name, string path, UftpValueType type, bool required)
    {
        _known.Add(name);
        if (o[name] is null)
        {
            if (required)
            {
                Errors[path] = "is required";
            }

            return null;
        }

        if (o[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            Errors[path] = "must be a string";
            return null;
        }

        var text = v.GetValue<string>();
        if (!UftpValues.IsValid(type, text))
        {
            Errors[path] = $"'{text}' is not a valid {type}";
            return null;
        }

        return text;
    }

    private long? Whole(JsonObject o, string name, string path, bool required)
    {
        var value = Number(o, name, path, required);
        if (value is { } v && (decimal.Truncate(v) != v || v < long.MinValue || v > long.MaxValue))
        {
            Errors[path] = "must be a whole number";
            return null;
        }

        return value is null ? null : (long)value;
    }

    private decimal? Number(JsonObject o, string name, string path, bool required)
    {
        _known.Add(name);
        if (o[name] is null)
        {
            if (required)
            {
                Errors[path] = "is required";
            }

            return null;
        }

        if (o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d))
        {
            return d;
        }

        Errors[path] = "must be a number";
        return null;
    }
}
