using Lem.Domain.Progress;

namespace Lem.Markets.Distributed;

/// <summary>Settings of the ADMM engines (docs/mechanisms/admm.md#stopping-rule).</summary>
public sealed record AdmmOptions
{
    /// <summary>Default settings: ρ = 1, ε_abs = 1e-6, ε_rel = 1e-5, 5000 iterations, residual balancing μ = 10, τ = 2, no over-relaxation (α = 1), parallel local steps.</summary>
    public static AdmmOptions Default { get; } = new();

    /// <summary>The initial penalty ρ (price units per quantity unit).</summary>
    public double Rho { get; init; } = 1.0;

    /// <summary>The absolute tolerance ε_abs (quantity units, per component).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-6;

    /// <summary>The relative tolerance ε_rel.</summary>
    public double RelativeTolerance { get; init; } = 1e-5;

    /// <summary>The iteration cap.</summary>
    public int MaxIterations { get; init; } = 5000;

    /// <summary>Whether ρ is adapted by residual balancing (r &gt; μs: ρ·τ; s &gt; μr: ρ/τ; scaled duals rescaled).</summary>
    public bool ResidualBalancing { get; init; } = true;

    /// <summary>The balancing ratio μ.</summary>
    public double BalancingMu { get; init; } = 10.0;

    /// <summary>The balancing factor τ.</summary>
    public double BalancingTau { get; init; } = 2.0;

    /// <summary>Iterations between two changes of ρ (1 = may change after every iteration).</summary>
    public int BalancingInterval { get; init; } = 1;

    /// <summary>
    /// The last iteration at which ρ may change. Residual balancing has no convergence guarantee while ρ keeps moving
    /// (piecewise-linear agents such as batteries and PV make ρ oscillate between a few values forever), so it is
    /// switched off after this iteration and plain ADMM with a fixed ρ, which converges, finishes the job.
    /// </summary>
    public int BalancingUntilIteration { get; init; } = 300;

    /// <summary>
    /// The over-relaxation factor α ∈ (0, 2) of Boyd et al. 2011 §3.4.3 (docs/mechanisms/admm.md#acceleration): the
    /// coordination steps use α·xᵏ⁺¹ + (1 − α)·zᵏ in place of xᵏ⁺¹; 1 (the default) is plain ADMM; 1.5–1.8 often converges faster, but not on the village (docs/mechanisms/admm.md#acceleration).
    /// </summary>
    public double OverRelaxation { get; init; } = 1.0;

    /// <summary>
    /// The starting price per slot (EUR/MWh) of the coordination (the exchange's and community's price, every P2P pair
    /// price), or null to start from 0. The mechanisms start from the outside market's mid price
    /// (docs/mechanisms/admm.md#acceleration); a start closer to the clearing price saves the iterations the price
    /// needs to climb to it, and does not change the optimum ADMM converges to.
    /// </summary>
    public IReadOnlyList<double>? InitialPricesEurPerMwh { get; init; }

    /// <summary>
    /// With the grid agent (docs/mechanisms/admm.md#stopping-rule): the run also needs the value of the energy the
    /// positions and the grid agent still disagree on, Σ_t |Σ_b λ_b,t (X_b,t − g_b,t)|, to be at most this share of the
    /// value of the positions, Σ_t Σ_i |λ_b(i),t x_i,t|. The welfare's error is about that value, so the rule is relative to
    /// the welfare's scale where the residual norms are relative to the injections'.
    /// </summary>
    public double ValueTolerance { get; init; } = 2e-5;

    /// <summary>Whether local steps run in parallel across cores.</summary>
    public bool Parallel { get; init; } = true;

    /// <summary>
    /// Whether the engine asks every agent for its own cost at the end (one <see cref="CostRequest"/> each), to report
    /// welfare: the one time private information is aggregated, as one number per agent.
    /// </summary>
    public bool ReportCosts { get; init; } = true;

    /// <summary>A primal residual above this multiple of the first one (or a non-finite one) stops the run as <see cref="ConvergenceStatus.Diverging"/>.</summary>
    public double DivergenceFactor { get; init; } = 1e8;

    /// <summary>Where every iteration's residuals are reported (<see cref="ProgressPhases.Admm"/>), or null for nowhere.</summary>
    public IProgress<ProgressUpdate>? Progress { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When ρ, a tolerance, μ, τ or the caps are not valid.</exception>
    public void Validate()
    {
        if (!(Rho > 0) || !double.IsFinite(Rho))
        {
            throw new ArgumentOutOfRangeException(nameof(Rho), Rho, "ρ must be positive and finite.");
        }

        if (!(AbsoluteTolerance >= 0) || !(RelativeTolerance >= 0) || AbsoluteTolerance + RelativeTolerance <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(AbsoluteTolerance), AbsoluteTolerance, "The tolerances must be non-negative and not both zero.");
        }

        if (MaxIterations < 1 || BalancingInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "The iteration cap and the balancing interval must be at least 1.");
        }

        if (!(OverRelaxation > 0 && OverRelaxation < 2))
        {
            throw new ArgumentOutOfRangeException(nameof(OverRelaxation), OverRelaxation, "The over-relaxation factor α must be in (0, 2).");
        }

        if (InitialPricesEurPerMwh is { } start && start.Any(p => !double.IsFinite(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(InitialPricesEurPerMwh), "The starting prices must be finite.");
        }

        if (!(ValueTolerance > 0) || !double.IsFinite(ValueTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(ValueTolerance), ValueTolerance, "The value tolerance must be positive and finite.");
        }

        if (!(BalancingMu > 1) || !(BalancingTau > 1) || !(DivergenceFactor > 1))
        {
            throw new ArgumentOutOfRangeException(nameof(BalancingMu), BalancingMu, "μ, τ and the divergence factor must be greater than 1.");
        }
    }
}
