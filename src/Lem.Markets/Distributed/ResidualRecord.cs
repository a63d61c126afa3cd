namespace Lem.Markets.Distributed;

/// <summary>The residuals of one ADMM iteration.</summary>
/// <param name="Iteration">The iteration (1-based).</param>
/// <param name="Primal">The primal residual ‖r‖₂.</param>
/// <param name="Dual">The dual residual ‖s‖₂.</param>
/// <param name="Rho">The penalty ρ used in the iteration.</param>
/// <param name="PrimalTolerance">The primal tolerance ε_pri at the iteration.</param>
/// <param name="DualTolerance">The dual tolerance ε_dual at the iteration.</param>
public readonly record struct ResidualRecord(int Iteration, double Primal, double Dual, double Rho, double PrimalTolerance, double DualTolerance);
