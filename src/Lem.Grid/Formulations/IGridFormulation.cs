namespace Lem.Grid.Formulations;

/// <summary>
/// A way of representing the grid in a clearing or OPF problem (PowerModels style: the problem never names the
/// formulation). A clearing prepares the formulation once for its network (<see cref="Prepare"/>: topology, feeder tree,
/// per-unit data) and then hands over, slot by slot, the net injection of every solver bus as linear expressions; the
/// prepared formulation adds that slot's variables and constraints and returns the balance constraints whose duals are
/// the (locational) prices.
/// </summary>
/// <remarks>
/// Units: active power in MW and reactive power in Mvar (the formulation converts to per unit on the network base
/// internally), injection into the grid positive. Prices are duals of the balance constraints in objective units
/// per MW of demand at the bus (EUR/MWh per hour of slot when the objective is in EUR per slot and the caller
/// divides by the slot length; see the problem that uses it). The equations are in docs/formulations.md.
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
    /// Analyses <paramref name="index"/> once (everything that does not depend on the slot) and returns the prepared
    /// formulation that adds slots to a model. Preparation is pure: the result does not change when slots are added,
    /// and adding a slot through one prepared formulation or through a fresh one gives the same model.
    /// </summary>
    /// <exception cref="ArgumentException">When the formulation cannot represent the network (<see cref="CannotRepresent"/> says why).</exception>
    IPreparedGridFormulation Prepare(NetworkIndex index);
}
