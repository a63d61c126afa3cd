using Lem.Settlement.Allocation;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>The three-player game of docs/allocation.md#worked-example-three-players-by-hand.</summary>
internal static class Section11Game
{
    public static readonly string[] Players = ["1", "2", "3"];

    /// <summary>C(1)=100, C(2)=80, C(3)=60, C(12)=160, C(13)=120, C(23)=120, C(123)=180.</summary>
    public static TabularCostGame Create() => TabularCostGame.FromCoalitions(
        Players,
        [
            (["1"], 100), (["2"], 80), (["3"], 60),
            (["1", "2"], 160), (["1", "3"], 120), (["2", "3"], 120),
            (["1", "2", "3"], 180),
        ]);
}
