namespace Lem.Settlement.Allocation;

/// <summary>
/// An incremental evaluation of a game's coalition costs: a coalition that grows (and shrinks) one player at a time,
/// reporting C(S) after each change. Games with running aggregates (<see cref="SeparableCommunityGame"/>) make each
/// step cheap; Monte Carlo Shapley walks along permutations and the exact methods along a Gray code.
/// </summary>
/// <remarks>A walk belongs to one thread; create one per worker with <see cref="CostGame.StartWalk"/>.</remarks>
public interface ICoalitionWalk
{
    /// <summary>The cost C(S) of the current coalition S in EUR (0 for the empty coalition).</summary>
    double CostEur { get; }

    /// <summary>Adds a player that is not yet a member and returns the new coalition's cost in EUR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the index is outside 0..N−1.</exception>
    /// <exception cref="InvalidOperationException">When the player is already a member.</exception>
    /// <exception cref="CoalitionEvaluationException">When the new coalition's cost cannot be evaluated.</exception>
    double Add(int player);

    /// <summary>Removes a member and returns the new coalition's cost in EUR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the index is outside 0..N−1.</exception>
    /// <exception cref="InvalidOperationException">When the player is not a member.</exception>
    /// <exception cref="CoalitionEvaluationException">When the new coalition's cost cannot be evaluated.</exception>
    double Remove(int player);

    /// <summary>Empties the coalition (cost 0).</summary>
    void Clear();
}
