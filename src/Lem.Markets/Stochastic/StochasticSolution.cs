namespace Lem.Markets.Stochastic;

/// <summary>The outcome of one two-stage solve (docs/mechanisms/stochastic-pool.md).</summary>
public sealed record StochasticSolution
{
    /// <summary>The solver's status.</summary>
    public required SolveStatus Status { get; init; }

    /// <summary>Whether the solve reached its optimum.</summary>
    public bool IsOptimal => Status == SolveStatus.Optimal;

    /// <summary>The solver's message on failure, or null.</summary>
    public string? Message { get; init; }

    /// <summary>The day-ahead schedules (every part set); for a wait-and-see solve the first scenario's.</summary>
    public FirstStage FirstStage { get; init; } = new();

    /// <summary>The probabilities of the scenarios.</summary>
    public IReadOnlyList<double> Probabilities { get; init; } = [];

    /// <summary>The total cost C_s of each scenario over the horizon (day-ahead plus real-time), EUR.</summary>
    public IReadOnlyList<double> ScenarioCostsEur { get; init; } = [];

    /// <summary>E[C], EUR.</summary>
    public double ExpectedCostEur { get; init; }

    /// <summary>CVaR_α[C], EUR.</summary>
    public double CvarEur { get; init; }

    /// <summary>VaR_α[C], the α-quantile of the scenario costs (a minimising η of the linearisation), EUR.</summary>
    public double VarEur { get; init; }

    /// <summary>(1 − β)·E[C] + β·CVaR_α[C], EUR.</summary>
    public double ObjectiveEur { get; init; }

    /// <summary>The day-ahead price per slot (the first-stage balance dual), EUR/MWh.</summary>
    public IReadOnlyList<double> DayAheadPricesEurPerMwh { get; init; } = [];

    /// <summary>The real-time price per scenario and slot (the scenario balance dual divided by π_s), EUR/MWh.</summary>
    public IReadOnlyList<IReadOnlyList<double>> RealTimePricesEurPerMwh { get; init; } = [];

    /// <summary>The number of LP variables.</summary>
    public int Variables { get; init; }

    /// <summary>The number of LP constraints.</summary>
    public int Constraints { get; init; }
}
