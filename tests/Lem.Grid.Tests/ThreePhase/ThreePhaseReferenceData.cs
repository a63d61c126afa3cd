using Lem.Testing;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>Paths of the shared three-phase reference data (shared/data/threephase; read, never copied).</summary>
internal static class ThreePhaseReferenceData
{
    /// <summary>A path below shared/data/threephase.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoPaths.Shared, "data", "threephase", .. parts]);
}
