namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>A line or transformer of the phase-frame model with its bus positions and admittance blocks.</summary>
/// <param name="Id">The element id.</param>
/// <param name="IsTransformer">True for a transformer.</param>
/// <param name="From">The from (HV) bus position.</param>
/// <param name="To">The to (LV) bus position.</param>
/// <param name="Admittance">The 6×6 admittance in blocks.</param>
/// <param name="Line">The line, for a line.</param>
/// <param name="Transformer">The transformer, for a transformer.</param>
internal sealed record ModelBranch(string Id, bool IsTransformer, int From, int To, BranchAdmittance Admittance, ThreePhaseLine? Line, ThreePhaseTransformer? Transformer);
