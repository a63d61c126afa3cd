using Lem.Grid.ThreePhase;
using Lem.Grid.ThreePhase.Import;
using Lem.Testing;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>Paths of the shared three-phase reference data (shared/data/threephase; read, never copied).</summary>
internal static class ThreePhaseReferenceData
{
    /// <summary>A path below shared/data/threephase.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([RepoPaths.Shared, "data", "threephase", .. parts]);

    /// <summary>The pandapower network at <paramref name="parts"/> with every transformer set to <paramref name="group"/> (YNyn, Dyn or Yzn).</summary>
    public static ThreePhaseNetwork PandapowerWithVectorGroup(string group, params string[] parts)
    {
        var import = ThreePhaseImporters.Import(Path(parts), "pandapower");
        Assert.True(import.Succeeded, string.Join(Environment.NewLine, import.Errors));
        var (hv, lv) = group switch
        {
            "YNyn" => (WindingConnection.WyeGrounded, WindingConnection.WyeGrounded),
            "Dyn" => (WindingConnection.Delta, WindingConnection.WyeGrounded),
            _ => (WindingConnection.Wye, WindingConnection.ZigzagGrounded),
        };
        return import.Network! with { Transformers = [.. import.Network!.Transformers.Select(t => t with { HvWinding = hv, LvWinding = lv })] };
    }
}
