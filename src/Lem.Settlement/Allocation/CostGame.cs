namespace Lem.Settlement.Allocation;

/// <summary>
/// A cooperative cost game (docs/allocation.md#the-cost-game): players with string ids and a coalition cost C(S) in EUR with
/// C(∅) = 0.
/// </summary>
/// <remarks>
/// Implementations must make <see cref="EvaluateEur"/> thread-safe: the exact methods evaluate coalitions in
/// parallel. <see cref="Evaluations"/> counts the coalition costs asked for (each step of a walk counts once).
/// </remarks>
public abstract class CostGame
{
    private long _evaluations;

    /// <summary>Creates a game over players with the given unique, non-empty ids.</summary>
    /// <exception cref="ArgumentException">When there is no player, an id is empty or two ids are equal.</exception>
    protected CostGame(IEnumerable<string> players)
    {
        ArgumentNullException.ThrowIfNull(players);
        string[] list = [.. players];
        if (list.Length == 0)
        {
            throw new ArgumentException("A cost game needs at least one player.", nameof(players));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in list)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new ArgumentException("A player id must not be empty.", nameof(players));
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"Player id '{id}' appears twice.", nameof(players));
            }
        }

        Players = list;
    }

    /// <summary>The player ids; player i of a <see cref="Coalition"/> is <c>Players[i]</c>.</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The number of players N.</summary>
    public int PlayerCount => Players.Count;

    /// <summary>How many non-empty coalition costs were asked for so far (cache hits included).</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>The cost C(S) of a coalition in EUR; 0 for the empty coalition.</summary>
    /// <exception cref="ArgumentException">When the coalition belongs to a game with another number of players.</exception>
    /// <exception cref="CoalitionEvaluationException">When the cost cannot be evaluated.</exception>
    public double CostEur(Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        if (coalition.PlayerCount != PlayerCount)
        {
            throw new ArgumentException($"The coalition is over {coalition.PlayerCount} players but the game has {PlayerCount}.", nameof(coalition));
        }

        if (coalition.IsEmpty)
        {
            return 0.0;
        }

        Interlocked.Increment(ref _evaluations);
        return EvaluateEur(coalition);
    }

    /// <summary>The grand coalition's cost C(N) in EUR.</summary>
    public double GrandCoalitionCostEur() => CostEur(Coalition.All(PlayerCount));

    /// <summary>The standalone cost d_i = C({i}) of every player in EUR.</summary>
    public double[] StandaloneCostsEur() =>
        [.. Enumerable.Range(0, PlayerCount).Select(i => CostEur(Coalition.Of(PlayerCount, [i])))];

    /// <summary>
    /// Whether <see cref="StartWalk"/> evaluates a step more cheaply than <see cref="CostEur"/> does (running
    /// aggregates). When false, the exact methods evaluate every coalition independently, in parallel.
    /// </summary>
    public virtual bool HasIncrementalWalk => false;

    /// <summary>Starts an incremental evaluation from the empty coalition (one per thread).</summary>
    public virtual ICoalitionWalk StartWalk() => new GenericCoalitionWalk(this);

    /// <summary>The cost of a non-empty coalition in EUR; must be thread-safe.</summary>
    protected abstract double EvaluateEur(Coalition coalition);

    /// <summary>Adds to <see cref="Evaluations"/> (for walks that evaluate without <see cref="CostEur"/>).</summary>
    protected void CountEvaluations(long count) => Interlocked.Add(ref _evaluations, count);

    /// <summary>The member ids of a coalition.</summary>
    protected IReadOnlyList<string> MemberIds(Coalition coalition)
    {
        ArgumentNullException.ThrowIfNull(coalition);
        return [.. coalition.Members.Select(i => Players[i])];
    }
}
