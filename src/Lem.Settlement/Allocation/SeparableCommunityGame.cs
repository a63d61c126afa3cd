using Lem.Domain.Participants;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;

namespace Lem.Settlement.Allocation;

/// <summary>
/// A closed-form cost game for communities whose players have only inflexible loads, renewables (PV, wind) and
/// curtailable loads and no orders: per slot, the coalition's cost is a one-dimensional convex dispatch of its
/// members' aggregate against the outside market. It equals <see cref="PoolCoalitionGame"/> on such communities.
/// </summary>
/// <remarks>
/// <para>Slot t of a coalition S, powers in kW, injection positive. At the lowest net injection
/// X = lo = −(fixed demand + curtailable demand) every renewable is curtailed (cost Σ κ_r·avail_r) and no load is
/// shed. Raising X is bought in segments: a renewable's available output at its marginal cost −κ_r (producing
/// avoids its curtailment cost), a curtailable load's demand at its value of lost load. The outside market makes
/// raising X worth the import price p⁺ while X &lt; 0 (less import) and the export price p⁻ ≤ p⁺ once X ≥ 0 (more
/// export), with −import limit ≤ X ≤ export limit. The optimum is greedy: take segments in increasing marginal
/// cost while they cost less than that worth (and whatever is needed to respect the import limit), then
/// C_t(S) = base + Σ taken·cost + p⁺·max(−X, 0) − p⁻·max(X, 0), times Δt/1000 for EUR. C(S) = Σ_t C_t(S).</para>
/// <para>The aggregates (lo, base and segment lengths per marginal-cost level, per slot) are sums over members, so a
/// <see cref="StartWalk">walk</see> adds or removes a player in O(slots × levels): Monte Carlo Shapley over
/// hundreds of members needs no optimisation solver.</para>
/// <para>Not supported (use <see cref="PoolCoalitionGame"/>): orders, batteries, EVs, flexible loads, heat pumps, and an export
/// price above the import price in some slot (the pool then trades with itself).</para>
/// </remarks>
public sealed class SeparableCommunityGame : CostGame
{
    private readonly int _slots;
    private readonly double[] _levelCost;
    private readonly double[] _import;
    private readonly double[] _export;
    private readonly double _importLimitKw;
    private readonly double _exportLimitKw;
    private readonly double _eurPerKwPerMwh;
    private readonly double[] _lo;
    private readonly double[] _base;
    private readonly int[][] _levels;
    private readonly double[][] _segments;

    /// <summary>Creates the game over the scenario's players (<see cref="AllocationPlayers.Select"/>).</summary>
    /// <exception cref="ArgumentException">When <see cref="Unsupported(MarketInput)"/> gives a reason.</exception>
    public SeparableCommunityGame(MarketInput scenario)
        : base(Ids(scenario))
    {
        var participants = AllocationPlayers.Select(scenario);
        var n = participants.Count;
        var t = scenario.Horizon.Count;
        _slots = t;
        var market = scenario.OutsideMarket;
        _import = [.. Enumerable.Range(0, t).Select(k => market.WholesaleImportEurPerMwh[k])];
        _export = [.. Enumerable.Range(0, t).Select(k => market.WholesaleExportEurPerMwh[k])];
        _importLimitKw = market.ImportLimit?.Kw ?? double.PositiveInfinity;
        _exportLimitKw = market.ExportLimit?.Kw ?? double.PositiveInfinity;
        _eurPerKwPerMwh = scenario.Horizon.SlotHours / 1000.0;

        // Marginal-cost levels: −κ of every curtailable output (renewables) and the VOLL of every sheddable demand
        // (curtailable loads), sorted and distinct; the kinds describe their assets as separable terms.
        var profiles = participants.Select(p => p.Assets.Select(a => AssetKinds.Of(a).Separable(a)!).ToList()).ToList();
        _levelCost = [.. profiles.SelectMany(x => x).SelectMany(Levels).Distinct().Order()];
        var levelOf = _levelCost.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        _lo = new double[n * t];
        _base = new double[n * t];
        _levels = new int[n][];
        _segments = new double[n][];
        for (var i = 0; i < n; i++)
        {
            var used = new SortedDictionary<int, double[]>();
            foreach (var profile in profiles[i])
            {
                if (profile.FixedDemandKw is { } demand)
                {
                    for (var k = 0; k < t; k++)
                    {
                        _lo[(i * t) + k] -= demand[k];
                    }
                }

                if (profile.SheddableDemandKw is { } sheddable)
                {
                    var shed = Level(used, levelOf[profile.ValueOfLostLoadEurPerMwh], t);
                    for (var k = 0; k < t; k++)
                    {
                        _lo[(i * t) + k] -= sheddable[k];
                        shed[k] += sheddable[k];
                    }
                }

                if (profile.AvailableOutputKw is { } available)
                {
                    var kappa = profile.CurtailmentCostEurPerMwh;
                    var produce = Level(used, levelOf[-kappa], t);
                    for (var k = 0; k < t; k++)
                    {
                        _base[(i * t) + k] += kappa * available[k] * _eurPerKwPerMwh;
                        produce[k] += available[k];
                    }
                }
            }

            _levels[i] = [.. used.Keys];
            _segments[i] = [.. used.Values.SelectMany(v => v)];
        }
    }

    /// <summary>The number of delivery slots.</summary>
    public int SlotCount => _slots;

    /// <summary>Why a participant cannot be a player of this game, or null when it can.</summary>
    public static string? Unsupported(Participant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (participant.Orders.Count > 0)
        {
            return $"participant '{participant.Id}' has orders";
        }

        var other = participant.Assets.FirstOrDefault(a => AssetKinds.Of(a).Separable(a) is null);
        return other is null ? null : $"participant '{participant.Id}' has a {other.Kind} ('{other.Id}')";
    }

    /// <summary>Why the scenario's community cannot be evaluated in closed form, or null when it can.</summary>
    public static string? Unsupported(MarketInput scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var players = AllocationPlayers.Select(scenario);
        if (players.Count == 0)
        {
            return $"scenario '{scenario.Name}' has no participant with assets or orders";
        }

        foreach (var p in players)
        {
            if (Unsupported(p) is { } why)
            {
                return why;
            }
        }

        var n = scenario.Horizon.Count;
        var m = scenario.OutsideMarket;
        if (m.WholesaleImportEurPerMwh.Count != n || m.WholesaleExportEurPerMwh.Count != n)
        {
            return $"the outside market's price series do not have {n} values";
        }

        for (var t = 0; t < n; t++)
        {
            if (m.WholesaleExportEurPerMwh[t] > m.WholesaleImportEurPerMwh[t])
            {
                return $"the export price exceeds the import price in slot {t}";
            }
        }

        foreach (var p in players)
        {
            foreach (var a in p.Assets)
            {
                foreach (var series in AssetKinds.Of(a).SlotSeries(a).Where(s => s.Count != n))
                {
                    return $"asset '{a.Id}' of participant '{p.Id}' has {series.Count} values for {n} slots";
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override bool HasIncrementalWalk => true;

    /// <inheritdoc />
    public override ICoalitionWalk StartWalk() => new Walk(this);

    /// <inheritdoc />
    protected override double EvaluateEur(Coalition coalition)
    {
        var state = new Aggregate(this);
        foreach (var i in coalition.Members)
        {
            state.Add(i, 1.0);
        }

        return state.CostEur(() => MemberIds(coalition));
    }

    private static IEnumerable<double> Levels(SeparableProfile profile)
    {
        if (profile.AvailableOutputKw is not null)
        {
            yield return -profile.CurtailmentCostEurPerMwh;
        }

        if (profile.SheddableDemandKw is not null)
        {
            yield return profile.ValueOfLostLoadEurPerMwh;
        }
    }

    private static double[] Level(SortedDictionary<int, double[]> used, int level, int slots)
    {
        if (!used.TryGetValue(level, out var values))
        {
            values = new double[slots];
            used[level] = values;
        }

        return values;
    }

    private static string[] Ids(MarketInput scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (Unsupported(scenario) is { } why)
        {
            throw new ArgumentException($"The closed-form community game does not apply: {why}; use the pool game.", nameof(scenario));
        }

        return [.. AllocationPlayers.Select(scenario).Select(p => p.Id.Value)];
    }

    /// <summary>Running per-slot sums over a coalition's members.</summary>
    private sealed class Aggregate(SeparableCommunityGame game)
    {
        private readonly double[] _lo = new double[game._slots];
        private readonly double[] _base = new double[game._slots];
        private readonly double[] _segments = new double[game._slots * game._levelCost.Length];

        public void Add(int player, double sign)
        {
            var t = game._slots;
            var levels = game._levelCost.Length;
            var offset = player * t;
            for (var k = 0; k < t; k++)
            {
                _lo[k] += sign * game._lo[offset + k];
                _base[k] += sign * game._base[offset + k];
            }

            var used = game._levels[player];
            var segments = game._segments[player];
            for (var j = 0; j < used.Length; j++)
            {
                var level = used[j];
                for (var k = 0; k < t; k++)
                {
                    _segments[(k * levels) + level] += sign * segments[(j * t) + k];
                }
            }
        }

        public void Reset()
        {
            Array.Clear(_lo);
            Array.Clear(_base);
            Array.Clear(_segments);
        }

        public double CostEur(Func<IReadOnlyList<string>> members)
        {
            var levels = game._levelCost.Length;
            var total = 0.0;
            for (var t = 0; t < game._slots; t++)
            {
                var cost = game.SlotCostEur(t, _lo[t], _base[t], _segments.AsSpan(t * levels, levels), out var shortfallKw);
                if (shortfallKw > 0)
                {
                    throw new CoalitionEvaluationException(members(), $"in slot {t} its demand exceeds what it can produce, shed and import by {shortfallKw:0.###} kW (import limit {game._importLimitKw:0.###} kW)");
                }

                total += cost;
            }

            return total;
        }
    }

    /// <summary>The optimal cost of one slot for the given aggregates; a positive shortfall means infeasible.</summary>
    private double SlotCostEur(int t, double lo, double baseEur, ReadOnlySpan<double> segments, out double shortfallKw)
    {
        var k = _eurPerKwPerMwh;
        var importPrice = _import[t];
        var exportPrice = _export[t];
        var floor = -_importLimitKw;
        var x = lo;
        var cost = baseEur;
        for (var l = 0; l < segments.Length; l++)
        {
            var available = segments[l];
            if (available <= 0)
            {
                continue;
            }

            var c = _levelCost[l];
            if (x < floor)
            {
                var take = Math.Min(available, floor - x);
                cost += c * take * k;
                x += take;
                available -= take;
            }

            if (available > 0 && x < 0 && c < importPrice)
            {
                var take = Math.Min(available, -x);
                cost += c * take * k;
                x += take;
                available -= take;
            }

            if (available > 0 && x >= 0 && c < exportPrice)
            {
                var take = Math.Min(available, _exportLimitKw - x);
                if (take > 0)
                {
                    cost += c * take * k;
                    x += take;
                }
            }
        }

        var tolerance = 1e-9 * (1.0 + Math.Abs(lo));
        shortfallKw = floor - x > tolerance ? floor - x : 0.0;
        return cost + (x < 0 ? -importPrice * x * k : -exportPrice * x * k);
    }

    /// <summary>A walk with running aggregates; evaluations are counted locally and added to the game on <see cref="Clear"/> or every 4096 steps.</summary>
    private sealed class Walk(SeparableCommunityGame game) : ICoalitionWalk
    {
        private readonly Aggregate _state = new(game);
        private readonly bool[] _member = new bool[game.PlayerCount];
        private int _count;
        private long _uncounted;

        public double CostEur { get; private set; }

        public double Add(int player)
        {
            Check(player, false);
            _member[player] = true;
            _count++;
            _state.Add(player, 1.0);
            return Evaluate();
        }

        public double Remove(int player)
        {
            Check(player, true);
            _member[player] = false;
            _count--;
            if (_count == 0)
            {
                _state.Reset();
                Flush();
                return CostEur = 0;
            }

            _state.Add(player, -1.0);
            return Evaluate();
        }

        public void Clear()
        {
            _state.Reset();
            Array.Clear(_member);
            _count = 0;
            CostEur = 0;
            Flush();
        }

        private double Evaluate()
        {
            if (++_uncounted >= 4096)
            {
                Flush();
            }

            return CostEur = _state.CostEur(() => [.. Enumerable.Range(0, _member.Length).Where(i => _member[i]).Select(i => game.Players[i])]);
        }

        private void Flush()
        {
            game.CountEvaluations(_uncounted);
            _uncounted = 0;
        }

        private void Check(int player, bool mustBeMember)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(player);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(player, _member.Length);
            if (_member[player] != mustBeMember)
            {
                throw new InvalidOperationException($"Player {player} ('{game.Players[player]}') is {(_member[player] ? "already" : "not")} a member of the walk's coalition.");
            }
        }
    }
}
