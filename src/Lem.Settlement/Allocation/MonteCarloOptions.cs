using Lem.Domain.Progress;

namespace Lem.Settlement.Allocation;

/// <summary>Settings of <see cref="ShapleyMonteCarlo.Estimate"/>.</summary>
public sealed record MonteCarloOptions
{
    /// <summary>The default settings: 1000 permutations, seed 1, no adaptive target.</summary>
    public static MonteCarloOptions Default { get; } = new();

    /// <summary>
    /// The number of permutations to sample; with an adaptive target, the number sampled before the first check
    /// (rounded up to whole blocks of <see cref="BlockPermutations"/>). At least 2. Default 1000.
    /// </summary>
    public int Permutations { get; init; } = 1000;

    /// <summary>The seed; the estimate depends only on it (not on the number of threads). Default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// Adaptive sampling: continue until every player's 95 % half-width is at most this many EUR; null for none.
    /// </summary>
    public double? TargetCi95Eur { get; init; }

    /// <summary>
    /// Adaptive sampling: continue until every player's 95 % half-width is at most this fraction of the mean absolute
    /// allocation (1/N)·Σ|φ̂_j| (0.01 = 1 %); null for none. With both targets, both must hold.
    /// </summary>
    public double? TargetCi95Relative { get; init; }

    /// <summary>The cap on permutations in adaptive sampling. Default 1,000,000.</summary>
    public int MaxPermutations { get; init; } = 1_000_000;

    /// <summary>
    /// Permutations per block: each block has its own random stream derived from the seed and the block index, and
    /// blocks are combined in index order, so the result does not depend on the thread count. Default 32.
    /// </summary>
    public int BlockPermutations { get; init; } = 32;

    /// <summary>The most worker threads, or −1 for the default.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Where the permutations done are reported after every block (<see cref="ProgressPhases.MonteCarlo"/>;
    /// total: the permutations of the current round), or null for nowhere. Called from worker threads.
    /// </summary>
    public IProgress<ProgressUpdate>? Progress { get; init; }
}
