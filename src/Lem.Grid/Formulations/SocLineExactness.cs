namespace Lem.Grid.Formulations;

/// <summary>
/// How tight the cone of one branch is in a solution of <see cref="SocDistFlowFormulation"/>: the gap
/// (w_f/τ²)·ℓ − P² − Q² (p.u.²), zero when the relaxation is exact on the branch.
/// </summary>
/// <param name="BranchIndex">The solver branch.</param>
/// <param name="BranchId">The user id of the branch.</param>
/// <param name="AbsoluteGapPu">(w_f/τ²)·ℓ − P² − Q² in p.u.² on the model's power base (<see cref="SocDistFlowPerUnit"/>; ≥ 0 up to the solver's tolerance).</param>
/// <param name="RelativeGap">|gap| divided by max((w_f/τ²)·ℓ, <see cref="SocDistFlowSlot.RelativeGapFloor"/> × the largest
/// (w_f/τ²)·ℓ of the slot): the fraction of the squared current that does not flow, the floor keeping nearly idle branches
/// from reporting interior-point noise (≈ 10⁻⁸ p.u.²) as large relative gaps.</param>
/// <param name="SpuriousLossPu">|z|·|gap|/(w_f/τ²): the apparent power (p.u.) the current that does not flow would
/// dissipate in the series impedance — what the gap does to the balances and voltage drops.</param>
/// <param name="IsExact">Whether the branch is exact: its relative gap is within the tolerance, or its spurious loss is
/// within the tolerance times the largest branch flow |S| of the slot (a branch of (near) zero impedance, such as a bus
/// tie, leaves ℓ undetermined without any physical effect).</param>
/// <param name="SeriesPPu">The active series flow P at the sending end (p.u. of the model's power base).</param>
/// <param name="SeriesQPu">The reactive series flow Q at the sending end (p.u. of the model's power base).</param>
/// <param name="VoltageCurrentProductPu">(w_f/τ²)·ℓ: the squared apparent power the series current carries at the sending
/// end (p.u.²); the gap is this minus P² + Q².</param>
public sealed record SocLineExactness(int BranchIndex, string BranchId, double AbsoluteGapPu, double RelativeGap, double SpuriousLossPu, bool IsExact, double SeriesPPu, double SeriesQPu, double VoltageCurrentProductPu);
