namespace Lem.Settlement.Allocation;

/// <summary>A cost game given by an explicit table of all coalition costs (the worked example of docs/allocation.md#worked-example-three-players-by-hand).</summary>
public sealed class TabularCostGame : CostGame
{
    /// <summary>The most players a table may have (2^24 entries).</summary>
    public const int MaxPlayers = 24;

    private readonly double[] _costs;

    /// <summary>
    /// Creates the game from costs indexed by coalition mask (bit i = player i): entry 0 is the empty coalition and
    /// must be 0, entry 2^N − 1 is the grand coalition.
    /// </summary>
    /// <exception cref="ArgumentException">When the table does not have 2^N entries, entry 0 is not 0, a cost is not finite, or N exceeds <see cref="MaxPlayers"/>.</exception>
    public TabularCostGame(IEnumerable<string> players, IReadOnlyList<double> costsByMaskEur)
        : base(players)
    {
        ArgumentNullException.ThrowIfNull(costsByMaskEur);
        if (PlayerCount > MaxPlayers)
        {
            throw new ArgumentException($"A tabular game has at most {MaxPlayers} players, not {PlayerCount}.", nameof(players));
        }

        var size = 1 << PlayerCount;
        if (costsByMaskEur.Count != size)
        {
            throw new ArgumentException($"A {PlayerCount}-player table needs {size} coalition costs (indexed by mask), not {costsByMaskEur.Count}.", nameof(costsByMaskEur));
        }

        if (costsByMaskEur[0] != 0)
        {
            throw new ArgumentException($"The empty coalition's cost must be 0, not {costsByMaskEur[0]}.", nameof(costsByMaskEur));
        }

        _costs = [.. costsByMaskEur];
        for (var m = 0; m < size; m++)
        {
            if (!double.IsFinite(_costs[m]))
            {
                throw new ArgumentException($"The cost of coalition {Coalition.FromMask(PlayerCount, (ulong)m).Describe(Players)} is {_costs[m]}; costs must be finite.", nameof(costsByMaskEur));
            }
        }
    }

    /// <summary>
    /// Creates the game from (members, cost) pairs that list every non-empty coalition exactly once.
    /// </summary>
    /// <exception cref="ArgumentException">When a coalition names an unknown player, appears twice or is missing.</exception>
    public static TabularCostGame FromCoalitions(IEnumerable<string> players, IEnumerable<(IEnumerable<string> Members, double CostEur)> costs)
    {
        ArgumentNullException.ThrowIfNull(players);
        ArgumentNullException.ThrowIfNull(costs);
        string[] ids = [.. players];
        if (ids.Length > MaxPlayers)
        {
            throw new ArgumentException($"A tabular game has at most {MaxPlayers} players, not {ids.Length}.", nameof(players));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            index.TryAdd(ids[i], i);
        }

        var table = new double[1 << ids.Length];
        var seen = new bool[table.Length];
        seen[0] = true;
        foreach (var (members, cost) in costs)
        {
            var mask = 0;
            foreach (var id in members)
            {
                if (!index.TryGetValue(id, out var i))
                {
                    throw new ArgumentException($"Coalition member '{id}' is not a player ({string.Join(", ", ids)}).", nameof(costs));
                }

                mask |= 1 << i;
            }

            if (mask == 0)
            {
                throw new ArgumentException("The empty coalition's cost is 0 by definition; do not list it.", nameof(costs));
            }

            if (seen[mask])
            {
                throw new ArgumentException($"Coalition {Coalition.FromMask(ids.Length, (ulong)mask).Describe(ids)} is listed twice.", nameof(costs));
            }

            seen[mask] = true;
            table[mask] = cost;
        }

        var missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new ArgumentException($"The cost of coalition {Coalition.FromMask(ids.Length, (ulong)missing).Describe(ids)} is missing.", nameof(costs));
        }

        return new TabularCostGame(ids, table);
    }

    /// <summary>The cost of the coalition with the given mask in EUR (0 for mask 0).</summary>
    public double CostEur(ulong mask) => _costs[checked((int)mask)];

    /// <summary>The whole table, indexed by mask.</summary>
    internal ReadOnlySpan<double> Table => _costs;

    /// <inheritdoc />
    protected override double EvaluateEur(Coalition coalition) => _costs[(int)coalition.ToMask()];
}
