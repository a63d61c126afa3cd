namespace Lem.Grid.Formulations;

/// <summary>
/// The change of the LinDistFlow state of a radial feeder per p.u. of extra injection at one bus, with the slack bus
/// absorbing it (see <see cref="LinDistFlowSensitivities"/>). Without shunt elements and taps, ∂v_j/∂p_i = 2R_ij and
/// ∂v_j/∂q_i = 2X_ij (the resistance and reactance of the common part of the paths from the root to i and j), and
/// ∂P_ℓ/∂p_i = −1 for the branches on the path to i, oriented away from the root.
/// </summary>
/// <param name="Bus">The solver bus whose injection changes.</param>
/// <param name="Reactive">False for an active injection (p.u. of active power), true for a reactive one.</param>
/// <param name="SquaredVoltage">∂v_j/∂(injection) for every bus j.</param>
/// <param name="BranchP">∂P_k/∂(injection) for every branch k (series flow from its from end).</param>
/// <param name="BranchQ">∂Q_k/∂(injection) for every branch k.</param>
/// <param name="SlackP">∂(active injection of the slack bus)/∂(injection).</param>
/// <param name="SlackQ">∂(reactive injection of the slack bus)/∂(injection).</param>
public sealed record LinDistFlowSensitivity(int Bus, bool Reactive, double[] SquaredVoltage, double[] BranchP, double[] BranchQ, double SlackP, double SlackQ);
