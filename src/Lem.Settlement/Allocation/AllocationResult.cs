namespace Lem.Settlement.Allocation;

/// <summary>
/// The outcome of an allocation method: each player's cost share x_i next to its standalone cost d_i = C({i}), and
/// the grand coalition's cost C(N) that an efficient allocation shares out.
/// </summary>
/// <remarks>
/// Amounts are EUR in <see cref="double"/>: they are results of optimisation and sampling (with a confidence
/// interval for Monte Carlo), not bills; round to cents where they are billed. A positive saving d_i − x_i means the
/// player pays less in the community than alone.
/// </remarks>
public sealed record AllocationResult
{
    /// <summary>The method: <c>shapley</c>, <c>shapley-mc</c>, <c>nash</c>, <c>nash-core</c> or <c>nucleolus</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The player ids, in the game's order.</summary>
    public required IReadOnlyList<string> Players { get; init; }

    /// <summary>Each player's cost share x_i in EUR.</summary>
    public required IReadOnlyList<double> AllocationsEur { get; init; }

    /// <summary>The grand coalition's cost C(N) in EUR.</summary>
    public required double GrandCoalitionCostEur { get; init; }

    /// <summary>Each player's standalone cost d_i = C({i}) in EUR.</summary>
    public required IReadOnlyList<double> StandaloneCostsEur { get; init; }

    /// <summary>Each player's saving d_i − x_i in EUR.</summary>
    public IReadOnlyList<double> SavingsEur => [.. StandaloneCostsEur.Zip(AllocationsEur, (d, x) => d - x)];

    /// <summary>The sum of the allocations in EUR (equals <see cref="GrandCoalitionCostEur"/> for efficient methods).</summary>
    public double TotalEur => AllocationsEur.Sum();

    /// <summary>For Monte Carlo: the half-width of each player's 95 % confidence interval in EUR (see <see cref="Ci95Method"/>); null otherwise.</summary>
    public IReadOnlyList<double>? Ci95Eur { get; init; }

    /// <summary>For Monte Carlo: how <see cref="Ci95Eur"/> is computed (<c>student-t+bernstein</c>); null otherwise.</summary>
    public string? Ci95Method { get; init; }

    /// <summary>For Monte Carlo: each player's standard error σ̂_i/√M in EUR (σ̂_i the sample standard deviation of its marginal costs); null otherwise.</summary>
    public IReadOnlyList<double>? StandardErrorsEur { get; init; }

    /// <summary>For Monte Carlo: the number of permutations sampled (each gives one marginal cost per player); null otherwise.</summary>
    public long? Permutations { get; init; }

    /// <summary>For adaptive Monte Carlo: whether the interval target was met before the permutation cap; null otherwise.</summary>
    public bool? TargetMet { get; init; }

    /// <summary>The coalition costs the game was asked for by this method (cache hits included).</summary>
    public long CoalitionsEvaluated { get; init; }

    /// <summary>For the nucleolus: the stages of the LP sequence; empty otherwise.</summary>
    public IReadOnlyList<NucleolusStage> NucleolusStages { get; init; } = [];
}
