namespace Lem.Markets.Community;

/// <summary>
/// The community manager's broadcast (docs/mechanisms/admm.md#community-manager): the community price λ per slot, the mean internal
/// position per slot and ρ. A member answers with argmin f(q) + ρ/2‖q − zᵏ − λ/ρ‖², its consensus point zᵏ = α(qᵏ − mean) + (1 − α)zᵏ⁻¹ (zᵏ = qᵏ − mean without over-relaxation).
/// </summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="Rho">The penalty ρ.</param>
/// <param name="PriceEurPerMwh">The community price per slot.</param>
/// <param name="MeanPosition">The mean of the members' and the manager's positions per slot.</param>
public sealed record CommunitySignal(int Iteration, double Rho, IReadOnlyList<double> PriceEurPerMwh, IReadOnlyList<double> MeanPosition) : CoordinatorMessage(Iteration)
{
    /// <summary>
    /// The over-relaxation factor α (<see cref="Lem.Markets.Distributed.AdmmOptions.OverRelaxation"/>) the agent applies to its consensus
    /// point; a constant of the run, sent once at registration (not counted per message).
    /// </summary>
    public double Relaxation { get; init; } = 1.0;

    /// <inheritdoc/>
    public override int ValueCount => 1 + PriceEurPerMwh.Count + MeanPosition.Count;
}
