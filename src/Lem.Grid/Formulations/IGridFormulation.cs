using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Grid.Formulations;

/// <summary>
/// A way of representing the grid in a clearing or OPF problem (PowerModels style: the problem never names the
/// formulation). For each slot the problem hands over the net injection of every solver bus as linear expressions
/// and the formulation adds its variables and constraints, returning the balance constraints whose duals are the
/// (locational) prices.
/// </summary>
/// <remarks>
/// Units: active power in MW and reactive power in Mvar (the formulation converts to per unit on the network base
/// internally), injection into the grid positive. Prices are duals of the balance constraints in objective units
/// per MW of demand at the bus (EUR/MWh per hour of slot when the objective is in EUR per slot and the caller
/// divides by the slot length; see the problem that uses it).
/// </remarks>
public interface IGridFormulation
{
    /// <summary>The formulation's name as the CLI spells it: copperplate, dc, lindistflow, soc, ac.</summary>
    string Name { get; }

    /// <summary>Whether the formulation models voltages (LinDistFlow, SOC, AC) — a formulation without them reports none.</summary>
    bool HasVoltages { get; }

    /// <summary>Returns why the formulation cannot represent this network (meshed for DistFlow, no slack, ...), or null.</summary>
    string? CannotRepresent(NetworkIndex index);

    /// <summary>
    /// Adds the grid of one slot to the model: variables and constraints linking the buses' net injections
    /// (<paramref name="pInjectionMw"/>, <paramref name="qInjectionMvar"/>, one expression per solver bus of
    /// <paramref name="index"/>) through the network to the slack.
    /// </summary>
    GridSlot AddSlot(OptimizationModel model, NetworkIndex index, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar);
}
