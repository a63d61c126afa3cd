namespace Lem.Domain.Participants;

/// <summary>The names of participant roles in the scenario format and in JSON output (<c>storage_owner</c>, ...).</summary>
public static class RoleNames
{
    private static readonly Dictionary<string, ParticipantRole> ByName = new(StringComparer.Ordinal)
    {
        ["consumer"] = ParticipantRole.Consumer,
        ["prosumer"] = ParticipantRole.Prosumer,
        ["producer"] = ParticipantRole.Producer,
        ["storage_owner"] = ParticipantRole.StorageOwner,
        ["aggregator"] = ParticipantRole.Aggregator,
        ["dso"] = ParticipantRole.Dso,
        ["market_operator"] = ParticipantRole.MarketOperator,
    };

    /// <summary>Every role name, in the order of <see cref="ParticipantRole"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];

    /// <summary>The format name of a role.</summary>
    public static string Of(ParticipantRole role) => ByName.First(kv => kv.Value == role).Key;

    /// <summary>The role a format name stands for.</summary>
    public static bool TryParse(string name, out ParticipantRole role) => ByName.TryGetValue(name, out role);
}
