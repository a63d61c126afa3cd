namespace Lem.Markets.Exchange;

/// <summary>
/// The supervisor's broadcast in exchange ADMM (docs/mechanisms/admm.md#exchange-admm-with-a-supervisor): the mean injection x̄ and the scaled dual u per slot,
/// and ρ. An agent answers with argmin f(x) + ρ/2‖x − zᵏ + u‖², its consensus point zᵏ = α(xᵏ − x̄) + (1 − α)zᵏ⁻¹ (zᵏ = xᵏ − x̄ without over-relaxation).
/// </summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="Rho">The penalty ρ.</param>
/// <param name="MeanInjection">x̄ per slot.</param>
/// <param name="ScaledDual">u per slot (the price is −ρu).</param>
public sealed record ExchangeSignal(int Iteration, double Rho, IReadOnlyList<double> MeanInjection, IReadOnlyList<double> ScaledDual) : CoordinatorMessage(Iteration)
{
    /// <summary>
    /// The over-relaxation factor α (<see cref="Lem.Markets.Distributed.AdmmOptions.OverRelaxation"/>) the agent applies to its consensus
    /// point; a constant of the run, sent once at registration (not counted per message).
    /// </summary>
    public double Relaxation { get; init; } = 1.0;

    /// <inheritdoc/>
    public override int ValueCount => 1 + MeanInjection.Count + ScaledDual.Count;
}
