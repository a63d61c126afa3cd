namespace Lem.Grid.Formulations;

/// <summary>
/// A formulation that can limit the voltage unbalance factor as a linearised constraint (LinDist3Flow,
/// docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): the capability behind <c>--max-unbalance-percent</c>.
/// </summary>
public interface IUnbalanceLimitedFormulation : IGridFormulation
{
    /// <summary>The same formulation with the limit |V_2|/|V_1| ≤ <paramref name="maxUnbalancePercent"/> % at every bus.</summary>
    /// <param name="maxUnbalancePercent">The limit in percent (2 in EN 50160), positive.</param>
    IGridFormulation WithMaxUnbalancePercent(double maxUnbalancePercent);
}
