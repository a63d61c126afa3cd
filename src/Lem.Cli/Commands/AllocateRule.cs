using Lem.Settlement.Allocation;

namespace Lem.Cli.Commands;

/// <summary>
/// A cooperative rule <c>lem allocate --out</c> adds next to the requested one when the coalition table is already
/// evaluated (docs/reports.md#figures): its name, the most players it takes and how it is computed from the table.
/// </summary>
/// <param name="Name">The method name (as <c>--method</c> spells it).</param>
/// <param name="MaxPlayers">The most players it is computed for.</param>
/// <param name="Compute">The allocation from the evaluated coalition table.</param>
internal sealed record AllocateRule(string Name, int MaxPlayers, Func<CoalitionTable, AllocationResult> Compute)
{
    /// <summary>The rules of the comparison, in the order the outputs list them.</summary>
    public static IReadOnlyList<AllocateRule> Comparison { get; } =
    [
        new("shapley", ShapleyValue.DefaultMaxPlayers, ShapleyValue.Exact),
        new("nucleolus", Nucleolus.DefaultMaxPlayers, Nucleolus.Compute),
        new("nash", int.MaxValue, t => NashBargaining.ClosedForm(t)),
    ];
}
