using System.Numerics;

namespace Lem.Settlement.Allocation;

/// <summary>
/// The costs C(S) of all 2^N coalitions of a game, indexed by mask (bit i = player i), as the exact methods
/// (Shapley, nucleolus, Nash bargaining with core constraints, the core check) need them.
/// </summary>
/// <remarks>
/// <see cref="Evaluate"/> works in parallel and gives the same table for any number of threads. A game with an
/// incremental walk (<see cref="CostGame.HasIncrementalWalk"/>) has its masks split into fixed chunks of 2^k
/// (k = min(N, 10)) that differ in their high bits, each walked along a Gray code by one
/// <see cref="ICoalitionWalk"/> per worker, so every value depends on its chunk only. Any other game (a pool
/// clearing per coalition) has every coalition evaluated on its own.
/// </remarks>
public sealed class CoalitionTable
{
    /// <summary>The default limit on the number of players (2^20 ≈ 10^6 coalitions).</summary>
    public const int DefaultMaxPlayers = 20;

    /// <summary>The hard limit on the number of players (2^26 coalitions, 512 MB of costs).</summary>
    public const int HardMaxPlayers = 26;

    private const int ChunkBits = 10;
    private readonly double[] _costs;

    private CoalitionTable(IReadOnlyList<string> players, double[] costs, long evaluations)
    {
        Players = players;
        _costs = costs;
        Evaluations = evaluations;
    }

    /// <summary>The player ids.</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The number of players N.</summary>
    public int PlayerCount => Players.Count;

    /// <summary>The number of coalitions, 2^N (the empty one included).</summary>
    public long CoalitionCount => _costs.LongLength;

    /// <summary>The coalition costs the game was asked for while building the table.</summary>
    public long Evaluations { get; }

    /// <summary>The grand coalition's cost C(N) in EUR.</summary>
    public double GrandCoalitionCostEur => _costs[^1];

    /// <summary>The cost in EUR of the coalition with the given mask.</summary>
    public double this[ulong mask] => _costs[checked((int)mask)];

    /// <summary>The standalone cost d_i = C({i}) of every player in EUR.</summary>
    public double[] StandaloneCostsEur() => [.. Enumerable.Range(0, PlayerCount).Select(i => _costs[1 << i])];

    /// <summary>The table as a span indexed by mask.</summary>
    internal ReadOnlySpan<double> Costs => _costs;

    /// <summary>Evaluates every coalition of a game (in parallel, deterministically).</summary>
    /// <param name="game">The game.</param>
    /// <param name="maxPlayers">The most players accepted (at most <see cref="HardMaxPlayers"/>).</param>
    /// <param name="maxDegreeOfParallelism">The most worker threads, or −1 for the default.</param>
    /// <exception cref="AllocationException">When the game has more than <paramref name="maxPlayers"/> players.</exception>
    /// <exception cref="CoalitionEvaluationException">When a coalition's cost cannot be evaluated (the first failing chunk's error).</exception>
    public static CoalitionTable Evaluate(CostGame game, int maxPlayers = DefaultMaxPlayers, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPlayers, HardMaxPlayers);
        var n = game.PlayerCount;
        if (n > maxPlayers)
        {
            throw new AllocationException($"Evaluating all 2^{n} coalitions of {n} players is beyond the limit of {maxPlayers} players for exact methods; use Monte Carlo Shapley (shapley-mc) instead.");
        }

        var before = game.Evaluations;
        var costs = new double[1 << n];
        if (game is TabularCostGame tabular)
        {
            tabular.Table.CopyTo(costs);
            return new CoalitionTable(game.Players, costs, 0);
        }

        if (!game.HasIncrementalWalk)
        {
            EvaluateEach(game, costs, maxDegreeOfParallelism);
            return new CoalitionTable(game.Players, costs, game.Evaluations - before);
        }

        var k = Math.Min(n, ChunkBits);
        var chunks = 1 << (n - k);
        var errors = new Exception?[chunks];
        Parallel.For(
            0,
            chunks,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            game.StartWalk,
            (chunk, _, walk) =>
            {
                try
                {
                    FillChunk(walk, costs, chunk, k, n);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    errors[chunk] = ex;
                }

                return walk;
            },
            _ => { });

        foreach (var error in errors)
        {
            if (error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            }
        }

        costs[0] = 0;
        return new CoalitionTable(game.Players, costs, game.Evaluations - before);
    }

    /// <summary>Evaluates every non-empty coalition on its own; rethrows the failure of the lowest failing mask.</summary>
    private static void EvaluateEach(CostGame game, double[] costs, int maxDegreeOfParallelism)
    {
        var n = game.PlayerCount;
        var gate = new object();
        var firstMask = long.MaxValue;
        Exception? first = null;
        Parallel.For(1L, costs.LongLength, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, mask =>
        {
            try
            {
                costs[mask] = game.CostEur(Coalition.FromMask(n, (ulong)mask));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                lock (gate)
                {
                    if (mask < firstMask)
                    {
                        firstMask = mask;
                        first = ex;
                    }
                }
            }
        });

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private static void FillChunk(ICoalitionWalk walk, double[] costs, int chunk, int k, int n)
    {
        walk.Clear();
        var high = (ulong)chunk << k;
        for (var b = k; b < n; b++)
        {
            if ((high & (1UL << b)) != 0)
            {
                walk.Add(b);
            }
        }

        var gray = 0UL;
        costs[high] = walk.CostEur;
        var count = 1UL << k;
        for (var j = 1UL; j < count; j++)
        {
            var bit = BitOperations.TrailingZeroCount(j);
            gray ^= 1UL << bit;
            var cost = (gray & (1UL << bit)) != 0 ? walk.Add(bit) : walk.Remove(bit);
            costs[high | gray] = cost;
        }
    }
}
