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
}
