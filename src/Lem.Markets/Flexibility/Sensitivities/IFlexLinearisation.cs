using Lem.Grid.ThreePhase;

namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// A sensitivity model prepared for one network: the linear state at zero injection and, per bus, the sensitivities of
/// flows and voltages to active and reactive injection (computed on first use and kept).
/// </summary>
public interface IFlexLinearisation
{
    /// <summary>The network.</summary>
    NetworkIndex Index { get; }

    /// <summary>Whether the model has voltages (LinDistFlow) or only active flows (DC).</summary>
    bool HasVoltages { get; }

    /// <summary>The state with no injection anywhere: no flow, every voltage at the slack's set point.</summary>
    FlexLinearState FlatState();

    /// <summary>
    /// The linear state at net injections per solver bus (p.u.): the flat state plus every bus's injections times its
    /// sensitivities (a model may compute it more directly than the sum, to the same values up to rounding).
    /// </summary>
    FlexLinearState StateAt(double[] pPu, double[] qPu);

    /// <summary>The sensitivities to active (or, with <paramref name="reactive"/>, reactive) injection at a solver bus.</summary>
    FlexSensitivity Of(int bus, bool reactive);

    /// <summary>
    /// 1 for a balanced model (state arrays per branch and per bus, injections per bus); 3 for a per-phase model
    /// (docs/three-phase.md#flexibility-on-three-phases): branch element k·3 + φ, bus element i·3 + φ, injections per
    /// (bus, phase) in p.u. of S_base to <see cref="StateAt"/>, flows in p.u. of S_base/3.
    /// </summary>
    int Phases => 1;

    /// <summary>
    /// The sensitivities to active (or reactive) injection on a phase connection of a solver bus: the connection's total
    /// power split over its phases (<see cref="PhaseInjections.Shares"/>). A balanced model ignores the connection.
    /// </summary>
    FlexSensitivity Of(int bus, PhaseConnection connection, bool reactive) => Of(bus, reactive);
}
