using System.Collections.Concurrent;
using Lem.Domain.Participants;
using Lem.Grid.Formulations;
using Lem.Markets.Pool;
using Lem.Markets.Clearing;

namespace Lem.Settlement.Allocation;

/// <summary>
/// The community's cost game by pool clearing: C(S) = −welfare (EUR) of the copper-plate pool clearing
/// (<see cref="PoolClearing"/>) of the members of S alone with the scenario's outside market.
/// </summary>
/// <remarks>
/// <para>Players are <see cref="AllocationPlayers.Select"/>. The grid is dropped (copper plate: one balance, the
/// outside market's limits at the point of common coupling). Everything the pool models is allowed: orders (their
/// utility lowers the cost), batteries, EVs, flexible loads.</para>
/// <para>Values are cached per coalition; concurrent requests for the same coalition solve it once. A coalition whose
/// clearing is not optimal raises <see cref="CoalitionEvaluationException"/> with the members and the pool's
/// diagnosis.</para>
/// </remarks>
public sealed class PoolCoalitionGame : CostGame
{
    private readonly MarketInput _copperPlate;
    private readonly Participant[] _participants;
    private readonly PoolOptions _options;
    private readonly ConcurrentDictionary<Coalition, Lazy<double>> _cache = new();
    private long _solves;

    /// <summary>Creates the game over the scenario's players.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="options">Pool settings (default <see cref="PoolOptions.Default"/>).</param>
    /// <exception cref="ArgumentException">When the scenario has no participant with assets or orders.</exception>
    public PoolCoalitionGame(MarketInput scenario, PoolOptions? options = null)
        : base(Ids(scenario))
    {
        _participants = [.. AllocationPlayers.Select(scenario)];
        _copperPlate = scenario with { Grid = null, Participants = _participants };
        _options = options ?? PoolOptions.Default;
    }

    /// <summary>The players as participants, in player order.</summary>
    public IReadOnlyList<Participant> Participants => _participants;

    /// <summary>The copper-plate scenario of the grand coalition (the players only, no grid).</summary>
    public MarketInput CopperPlateScenario => _copperPlate;

    /// <summary>The number of pool clearings solved (cache misses).</summary>
    public long ClearingsSolved => Interlocked.Read(ref _solves);

    /// <inheritdoc />
    protected override double EvaluateEur(Coalition coalition) =>
        _cache.GetOrAdd(coalition, c => new Lazy<double>(() => Solve(c), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static string[] Ids(MarketInput scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var players = AllocationPlayers.Select(scenario);
        if (players.Count == 0)
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' has no participant with assets or orders; there is no cost to allocate.", nameof(scenario));
        }

        return [.. players.Select(p => p.Id.Value)];
    }

    private double Solve(Coalition coalition)
    {
        Interlocked.Increment(ref _solves);
        var members = coalition.Members.Select(i => _participants[i]).ToList();
        var scenario = _copperPlate with { Participants = members };
        var result = PoolClearing.Clear(scenario, new CopperPlateFormulation(), _options);
        if (result.Status != PoolStatus.Optimal)
        {
            throw new CoalitionEvaluationException(MemberIds(coalition), $"its copper-plate pool clearing is {result.Status.ToString().ToLowerInvariant()}: {result.Message ?? "no further information"}");
        }

        return -(double)result.WelfareEur;
    }
}
