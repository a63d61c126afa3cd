namespace Lem.Markets.Distributed.Grid;

/// <summary>
/// The coordinator's message to the grid agent (docs/mechanisms/admm.md#the-grid-agent): per bus and slot, the net
/// injection the market asks the grid to take, kW (injection positive), and nothing else: no agent identity, cost,
/// price or penalty. The grid agent answers with the nearest injections its network accepts (<see cref="GridProposal"/>).
/// </summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="SlotCount">The number of slots T.</param>
/// <param name="RequestedInjectionKw">The requested injection per bus and slot, bus-major [b·T + t], kW.</param>
public sealed record GridSignal(int Iteration, int SlotCount, IReadOnlyList<double> RequestedInjectionKw) : CoordinatorMessage(Iteration)
{
    /// <inheritdoc/>
    public override int ValueCount => RequestedInjectionKw.Count;
}
