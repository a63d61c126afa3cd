namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads one entry of a participant's <c>preferences</c> (docs/scenario-format.md#preferences): <c>class</c>,
/// <c>premium_eur_per_mwh</c>, and <c>max_distance_pu</c> (local only) or <c>partners</c> (partners only).
/// </summary>
internal static class PreferenceReader
{
    /// <summary>Reads a preference of participant <paramref name="ownerId"/>; reports every problem and returns null when there is any.</summary>
    public static Preference? Read(ObjectReader r, string? ownerId, IdRegistry ids)
    {
        var errors = r.Diagnostics.Errors.Count;
        var className = r.Choice("class", required: true, [.. PreferenceClassNames.All]);
        var premium = r.Number("premium_eur_per_mwh", required: true, NumberRange.NonNegative, "EUR/MWh");
        var parsed = className is not null && PreferenceClassNames.TryParse(className, out var k) ? k : (PreferenceClass?)null;
        double? maxDistance = null;
        if (r.Has("max_distance_pu"))
        {
            maxDistance = r.Number("max_distance_pu", required: false, NumberRange.Positive, "pu");
            if (parsed is { } other && other != PreferenceClass.Local)
            {
                r.Diagnostics.Error(r.PathOf("max_distance_pu"), ValidationCodes.ValueInvalid, $"'max_distance_pu' belongs to a local preference, not to a {className} one.");
            }
        }

        var partners = new List<ParticipantId>();
        if (parsed == PreferenceClass.Partners || r.Has("partners"))
        {
            ReadPartners(r, ownerId, ids, partners, parsed, className);
        }

        r.ReportUnknown();
        return r.Diagnostics.Errors.Count > errors || parsed is null || premium is null
            ? null
            : new Preference(parsed.Value, (decimal)premium.Value, maxDistance, partners);
    }

    private static void ReadPartners(ObjectReader r, string? ownerId, IdRegistry ids, List<ParticipantId> partners, PreferenceClass? parsed, string? className)
    {
        var path = r.PathOf("partners");
        if (parsed is { } other && other != PreferenceClass.Partners)
        {
            r.Diagnostics.Error(path, ValidationCodes.ValueInvalid, $"'partners' belongs to a partners preference, not to a {className} one.");
        }

        var array = r.Array("partners", required: parsed == PreferenceClass.Partners, ScenarioLimits.MaxParticipants);
        if (array is null)
        {
            return;
        }

        if (array.Value.GetArrayLength() == 0)
        {
            r.Diagnostics.Error(path, ValidationCodes.ValueInvalid, "A partners preference names at least one partner.");
            return;
        }

        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var itemPath = JsonPaths.Index(path, i++);
            if (item.ValueKind != JsonValueKind.String || !ParticipantId.TryCreate(item.GetString(), out var pid))
            {
                r.Diagnostics.Error(itemPath, ValidationCodes.FieldType, "Each entry of 'partners' must be a participant id.");
                continue;
            }

            if (string.Equals(pid.Value, ownerId, StringComparison.Ordinal))
            {
                r.Diagnostics.Error(itemPath, ValidationCodes.ValueInvalid, $"'{pid}' is the participant itself; a preference names other participants.");
                continue;
            }

            partners.Add(pid);
            ids.ParticipantReferences.Add((pid.Value, itemPath));
        }
    }
}
