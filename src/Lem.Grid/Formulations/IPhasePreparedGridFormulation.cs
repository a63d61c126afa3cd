namespace Lem.Grid.Formulations;

/// <summary>
/// A prepared grid formulation that balances every phase separately (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices):
/// besides the per-bus contract of <see cref="IPreparedGridFormulation"/> (where every bus's injection is taken as balanced
/// thirds) it takes per-(bus, phase) injections. A clearing that knows its participants' phases checks for this
/// interface and hands over <see cref="PhaseInjections"/>.
/// </summary>
public interface IPhasePreparedGridFormulation : IPreparedGridFormulation
{
    /// <summary>Adds the grid of one slot for per-phase injections and returns its read-out (an <see cref="IPhaseGridSlot"/>).</summary>
    /// <exception cref="ArgumentException">When the injections do not have one entry per solver bus.</exception>
    GridSlot AddSlot(OptimizationModel model, int slot, PhaseInjections injections);
}
