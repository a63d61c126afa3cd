namespace Lem.Grid.Formulations;

/// <summary>
/// A grid formulation prepared for one network (<see cref="IGridFormulation.Prepare"/>): it holds what the network
/// analysis gives once per clearing (topology, feeder tree, per-unit data) and only adds per-slot variables and
/// constraints.
/// </summary>
public interface IPreparedGridFormulation
{
    /// <summary>The formulation this was prepared from.</summary>
    IGridFormulation Formulation { get; }

    /// <summary>The network it was prepared for.</summary>
    NetworkIndex Index { get; }

    /// <summary>
    /// Adds the grid of one slot to the model: variables and constraints linking the buses' net injections
    /// (<paramref name="pInjectionMw"/>, <paramref name="qInjectionMvar"/>, one expression per solver bus of
    /// <see cref="Index"/>, MW and Mvar, injection positive) through the network to the slack.
    /// </summary>
    /// <exception cref="ArgumentException">When the injection lists do not have one expression per solver bus.</exception>
    GridSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar);
}
