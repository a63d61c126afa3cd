using Lem.Domain.Progress;
using Lem.Domain.Sampling;

namespace Lem.Settlement.Allocation;

/// <summary>
/// Monte Carlo Shapley by permutation sampling (Castro, Gómez and Tejada 2009; docs/allocation.md#shapley-value): the average over
/// random permutations of each player's marginal cost with respect to its predecessors, with a 95 % interval that holds
/// its coverage on skewed marginals and few permutations (a Student-t interval plus Bernstein's range term).
/// </summary>
/// <remarks>
/// <para>Each permutation costs N steps of an <see cref="ICoalitionWalk"/> and gives one marginal cost per player;
/// the marginals of a permutation telescope to C(N), so Σ_i φ̂_i = C(N) for any number of permutations (up to
/// floating-point rounding).</para>
/// <para>Determinism: permutations are drawn in blocks of <see cref="MonteCarloOptions.BlockPermutations"/>; block b
/// uses its own SplitMix64 stream seeded from (seed, b) and the blocks' sums and squared deviations are merged in
/// block order (Chan et al.'s pairwise update), so the estimate depends on the seed only, not on the threads.</para>
/// <para>The interval half-width (docs/allocation.md#confidence-intervals) is
/// ci95_i = t_{0.975, M−1}·σ̂_i/√M + (2/3)·ln(2/0.05)·R̂_i/M, with σ̂_i the sample standard deviation of player i's
/// marginals and R̂_i the range of the marginals seen, widened to include the standalone marginal C({i}) (the marginal
/// when i comes first, a support point known without sampling). The second term is the range term of Bernstein's
/// inequality: it vanishes as 1/M against the 1/√M of the first and covers skewed marginals (rare large marginal
/// costs) that the normal interval under-covers.</para>
/// </remarks>
public static class ShapleyMonteCarlo
{
    /// <summary>z_{0.975}, the two-sided 95 % normal quantile.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The name of the interval reported in <see cref="AllocationResult.Ci95Method"/>.</summary>
    public const string Ci95MethodName = "student-t+bernstein";

    /// <summary>(2/3)·ln(2/δ) with δ = 0.05: the factor of the range in Bernstein's 95 % deviation bound.</summary>
    public static readonly double BernsteinRangeFactor95 = 2.0 / 3.0 * Math.Log(2.0 / 0.05);

    /// <summary>Estimates the Shapley value of a game by permutation sampling.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When an option is outside its range.</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated.</exception>
    public static AllocationResult Estimate(CostGame game, MonteCarloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        options ??= MonteCarloOptions.Default;
        Validate(options);
        var n = game.PlayerCount;
        var block = options.BlockPermutations;
        var adaptive = options.TargetCi95Eur is not null || options.TargetCi95Relative is not null;
        options.Progress?.Report(new ProgressUpdate(ProgressPhases.MonteCarlo, 0, options.Permutations)); // before the grand coalition and standalone costs, which may take long
        var evaluationsBefore = game.Evaluations;
        var grand = game.GrandCoalitionCostEur();
        var standalone = game.StandaloneCostsEur();

        var sum = new double[n];
        var mean = new double[n];
        var m2 = new double[n];
        var lo = standalone.ToArray();
        var hi = standalone.ToArray();
        long count = 0;
        var blocksDone = 0;
        var targetBlocks = Blocks(options.Permutations, block);
        var maxBlocks = Math.Max(targetBlocks, options.MaxPermutations / block);
        bool? met = null;
        double[] ci;
        while (true)
        {
            // Without a target exactly the requested permutations are drawn (the last block may be partial: a prefix of
            // the full block's stream); adaptive rounds use whole blocks.
            var permutations = adaptive ? (long)targetBlocks * block : options.Permutations;
            RunBlocks(game, options, blocksDone, targetBlocks, permutations, sum, mean, m2, lo, hi, ref count);
            blocksDone = targetBlocks;
            ci = HalfWidths(m2, lo, hi, count);
            if (!adaptive)
            {
                break;
            }

            var estimate = sum.Select(s => s / count).ToArray();
            var needed = NeededFactor(ci, estimate, options);
            if (needed <= 1)
            {
                met = true;
                break;
            }

            if (blocksDone >= maxBlocks)
            {
                met = false;
                break;
            }

            // Aim for the estimated need (ci shrinks as 1/√M) with 10 % to spare, at least one block and at most ×4.
            var wanted = (long)Math.Ceiling(blocksDone * needed * 1.1);
            targetBlocks = (int)Math.Clamp(wanted, blocksDone + 1L, Math.Min(4L * blocksDone, maxBlocks));
        }

        return new AllocationResult
        {
            Method = "shapley-mc",
            Players = game.Players,
            AllocationsEur = [.. sum.Select(s => s / count)],
            GrandCoalitionCostEur = grand,
            StandaloneCostsEur = standalone,
            Ci95Eur = ci,
            Ci95Method = Ci95MethodName,
            StandardErrorsEur = [.. m2.Select(v => StandardError(v, count))],
            Permutations = count,
            TargetMet = met,
            CoalitionsEvaluated = game.Evaluations - evaluationsBefore,
        };
    }

    /// <summary>max_i (ci_i / target_i)²: the factor by which the permutations must grow to meet the targets.</summary>
    private static double NeededFactor(double[] ci, double[] estimate, MonteCarloOptions options)
    {
        var target = double.PositiveInfinity;
        if (options.TargetCi95Eur is { } abs)
        {
            target = abs;
        }

        if (options.TargetCi95Relative is { } rel)
        {
            target = Math.Min(target, rel * estimate.Average(Math.Abs));
        }

        var worst = ci.Max();
        if (worst <= target)
        {
            return 1.0;
        }

        return target > 0 ? Math.Max(1.0 + 1e-9, (worst / target) * (worst / target)) : double.PositiveInfinity;
    }

    private static int Blocks(int permutations, int block) => (permutations + block - 1) / block;

    /// <summary>σ̂/√M, σ̂ the sample standard deviation (M − 1 in the denominator).</summary>
    private static double StandardError(double m2, long count) =>
        count > 1 ? Math.Sqrt(Math.Max(0.0, m2) / (count - 1)) / Math.Sqrt(count) : double.PositiveInfinity;

    /// <summary>t_{0.975, M−1}·σ̂_i/√M + (2/3)·ln(40)·R̂_i/M (docs/allocation.md#confidence-intervals).</summary>
    private static double[] HalfWidths(double[] m2, double[] lo, double[] hi, long count)
    {
        if (count < 2)
        {
            return [.. m2.Select(_ => double.PositiveInfinity)];
        }

        var t = StudentT.Quantile975(count - 1);
        return [.. m2.Select((v, i) => (t * StandardError(v, count)) + (BernsteinRangeFactor95 * (hi[i] - lo[i]) / count))];
    }

    private static void RunBlocks(CostGame game, MonteCarloOptions options, int from, int to, long totalPermutations, double[] sum, double[] mean, double[] m2, double[] lo, double[] hi, ref long count)
    {
        var n = game.PlayerCount;
        var block = options.BlockPermutations;
        int Size(int b) => (int)Math.Min(block, totalPermutations - ((long)b * block));
        var blocks = to - from;
        var blockSum = new double[blocks][];
        var blockM2 = new double[blocks][];
        var blockLo = new double[blocks][];
        var blockHi = new double[blocks][];
        var errors = new Exception?[blocks];
        var before = count;
        long doneThisRound = 0;
        Parallel.For(
            0,
            blocks,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism },
            () => (Walk: game.StartWalk(), Order: new int[n], Mean: new double[n]),
            (k, _, local) =>
            {
                try
                {
                    var s = new double[n];
                    var q = new double[n];
                    var l = Enumerable.Repeat(double.PositiveInfinity, n).ToArray();
                    var h = Enumerable.Repeat(double.NegativeInfinity, n).ToArray();
                    var size = Size(from + k);
                    RunBlock(local.Walk, options.Seed, from + k, size, local.Order, s, local.Mean, q, l, h);
                    blockSum[k] = s;
                    blockM2[k] = q;
                    blockLo[k] = l;
                    blockHi[k] = h;
                    options.Progress?.Report(new ProgressUpdate(ProgressPhases.MonteCarlo, before + Interlocked.Add(ref doneThisRound, size), totalPermutations));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors[k] = ex;
                }

                return local;
            },
            _ => { });

        foreach (var error in errors)
        {
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }

        // Merge the blocks in index order (Chan, Golub and LeVeque's pairwise update of mean and M2).
        for (var k = 0; k < blocks; k++)
        {
            var size = Size(from + k);
            var nb = (double)size;
            var na = (double)count;
            var total = na + nb;
            for (var i = 0; i < n; i++)
            {
                var meanB = blockSum[k][i] / nb;
                var delta = meanB - mean[i];
                mean[i] += delta * nb / total;
                m2[i] += blockM2[k][i] + (delta * delta * na * nb / total);
                sum[i] += blockSum[k][i];
                lo[i] = Math.Min(lo[i], blockLo[k][i]);
                hi[i] = Math.Max(hi[i], blockHi[k][i]);
            }

            count += size;
        }
    }

    /// <summary>Samples one block of permutations: per player the sum of marginals, M2 about the block mean (Welford) and the smallest and largest marginal.</summary>
    private static void RunBlock(ICoalitionWalk walk, ulong seed, int blockIndex, int size, int[] order, double[] sum, double[] mean, double[] m2, double[] lo, double[] hi)
    {
        var n = order.Length;
        var rng = new SplitMix64(Mix64(Mix64(seed) ^ Mix64(0x5851F42D4C957F2DUL + (ulong)blockIndex)));
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Clear(mean);
        for (var p = 1; p <= size; p++)
        {
            for (var i = n - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            walk.Clear();
            var previous = 0.0;
            for (var k = 0; k < n; k++)
            {
                var player = order[k];
                var cost = walk.Add(player);
                var marginal = cost - previous;
                previous = cost;
                sum[player] += marginal;
                var d = marginal - mean[player];
                mean[player] += d / p;
                m2[player] += d * (marginal - mean[player]);
                lo[player] = Math.Min(lo[player], marginal);
                hi[player] = Math.Max(hi[player], marginal);
            }
        }
    }

    /// <summary>The SplitMix64 finaliser: a bijective 64-bit mixer.</summary>
    private static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static void Validate(MonteCarloOptions o)
    {
        if (o.Permutations < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.Permutations, "Monte Carlo Shapley needs at least 2 permutations.");
        }

        if (o.BlockPermutations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.BlockPermutations, "The block size must be at least 1.");
        }

        if (o.MaxPermutations < o.Permutations)
        {
            throw new ArgumentOutOfRangeException(nameof(o), o.MaxPermutations, $"The permutation cap ({o.MaxPermutations}) is below the initial permutations ({o.Permutations}).");
        }

        if (o.TargetCi95Eur is { } a && !(a >= 0 && double.IsFinite(a)))
        {
            throw new ArgumentOutOfRangeException(nameof(o), a, "The absolute interval target must be a finite non-negative number of EUR.");
        }

        if (o.TargetCi95Relative is { } r && !(r >= 0 && double.IsFinite(r)))
        {
            throw new ArgumentOutOfRangeException(nameof(o), r, "The relative interval target must be a finite non-negative fraction.");
        }
    }
}
