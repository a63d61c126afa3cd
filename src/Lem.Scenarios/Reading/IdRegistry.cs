namespace Lem.Scenarios.Reading;

/// <summary>The ids seen so far in a scenario, each with the path where it was first defined.</summary>
internal sealed class IdRegistry
{
    public Dictionary<string, string> Participants { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Assets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Orders { get; } = new(StringComparer.Ordinal);

    /// <summary>References to participants (id, path), checked once all participants are known.</summary>
    public List<(string Id, string Path)> ParticipantReferences { get; } = [];
}
