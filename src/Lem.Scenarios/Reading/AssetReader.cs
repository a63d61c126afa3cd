using Lem.Domain.Assets;
using Lem.Markets.Assets;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads one entry of a participant's <c>assets</c>: its <c>type</c> (one of the registered <see cref="AssetKinds"/>),
/// <c>id</c> and <c>name</c>, then the kind reads and validates the rest.
/// </summary>
internal static class AssetReader
{
    /// <summary>The known <c>type</c> names, in registry order.</summary>
    public static readonly string[] Types = [.. AssetKinds.TypeNames];

    public static Asset? Read(ObjectReader r, ReadContext c, Dictionary<string, string> assetIds)
    {
        var type = r.Choice("type", required: true, Types);
        var id = ReadId(r, assetIds);
        var name = r.String("name", required: false);
        var asset = type is null ? null : AssetKinds.Find(type)?.Read(type, id, name, r, c);

        if (type is not null)
        {
            r.ReportUnknown();
        }

        return asset;
    }

    private static AssetId? ReadId(ObjectReader r, Dictionary<string, string> ids)
    {
        var s = r.String("id", required: true);
        if (s is null)
        {
            return null;
        }

        var problem = IdRules.Problem(s);
        if (problem is not null)
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdInvalid, problem);
            return null;
        }

        if (!ids.TryAdd(s, r.PathOf("id")))
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdDuplicate, $"The asset id '{s}' is already used at {ids[s]}; asset ids must be unique in the scenario.");
            return null;
        }

        return new AssetId(s);
    }
}
