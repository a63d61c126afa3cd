namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// The change of the linearised grid state per p.u. of extra injection (active or reactive) at one bus, the slack bus
/// absorbing it (docs/mechanisms/flexibility.md#sensitivities).
/// </summary>
/// <param name="BranchP">∂P_k/∂(injection) for every branch k (active flow entering at the from end).</param>
/// <param name="BranchQ">∂Q_k/∂(injection) for every branch k.</param>
/// <param name="SquaredVoltage">∂v_j/∂(injection) for every bus j (v = |V|²), or null when the model has no voltages.</param>
public sealed record FlexSensitivity(double[] BranchP, double[] BranchQ, double[]? SquaredVoltage);
