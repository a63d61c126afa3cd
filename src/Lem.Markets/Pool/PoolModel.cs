using Lem.Markets.Tariffs;

namespace Lem.Markets.Pool;

/// <summary>
/// One optimisation model of the pool: minimise Σ_slots (cost − utility) over all slots jointly, with every asset,
/// order and the outside market contributing net injections per bus, handed to the grid formulation slot by slot.
/// </summary>
internal sealed class PoolModel(
    PoolSetup setup,
    PoolBuildContext context,
    List<PoolAssetModel> assets,
    List<OrderModel> orders,
    OutsideMarketModel outside,
    GridSlot[] gridSlots,
    Variable[][]? unserved,
    Variable[][]? dumped,
    double buildSeconds,
    PreferenceModel? preferences = null)
{
    public PoolSetup Setup { get; } = setup;

    public PoolBuildContext Context { get; } = context;

    public OptimizationModel Model => Context.Model;

    /// <summary>The asset parts in scenario order.</summary>
    public IReadOnlyList<PoolAssetModel> Assets { get; } = assets;

    /// <summary>The order parts in scenario order.</summary>
    public IReadOnlyList<OrderModel> Orders { get; } = orders;

    public OutsideMarketModel Outside { get; } = outside;

    /// <summary>What the formulation added per slot.</summary>
    public GridSlot[] GridSlots { get; } = gridSlots;

    /// <summary>Elastic mode: demand not served per slot and bus (MW), else null.</summary>
    public Variable[][]? Unserved { get; } = unserved;

    /// <summary>Elastic mode: injection not absorbed per slot and bus (MW), else null.</summary>
    public Variable[][]? Dumped { get; } = dumped;

    /// <summary>Multi-class energy when participants declare preferences (docs/mechanisms/pool.md#preferences-multi-class-energy), else null.</summary>
    public PreferenceModel? Preferences { get; } = preferences;

    /// <summary>Wall time of the build in seconds.</summary>
    public double BuildSeconds { get; } = buildSeconds;

    /// <summary>Builds the model; <paramref name="binaryStorages"/> get binaries, <paramref name="elastic"/> softens requirements for diagnosis.</summary>
    public static PoolModel Build(PoolSetup setup, IReadOnlySet<AssetId> binaryStorages, bool elastic)
    {
        var watch = Stopwatch.StartNew();
        var scenario = setup.Market;
        var horizon = scenario.Horizon;
        var model = new OptimizationModel($"pool:{scenario.Name}");
        var c = new PoolBuildContext(model, horizon, setup.Index.BusCount + setup.PhaseColumns.Count, setup.LoadTanPhi, setup.Formulation.HasVoltages, elastic, binaryStorages);

        var assets = new List<PoolAssetModel>();
        var orders = new List<OrderModel>();
        for (var i = 0; i < scenario.Participants.Count; i++)
        {
            var p = scenario.Participants[i];
            var bus = setup.ParticipantColumn[i];
            foreach (var asset in p.Assets)
            {
                assets.Add(AssetKinds.Of(asset).PoolModel(asset, p.Id, bus, horizon));
            }

            orders.AddRange(p.Orders.Select(o => new OrderModel(o, p.Id, bus)));
        }

        // Tariff-aware clearing and preferences: each charged or labelled participant's net injection is collected from
        // what its parts add to its bus.
        var tariffs = elastic ? null : setup.Options.Clearing.Tariffs;
        var preferences = PreferenceModel.For(scenario);
        var limits = elastic ? null : scenario.BidLimits;
        var net = new Dictionary<ParticipantId, LinearExpression[]>();
        void Build(ParticipantId owner, int bus, Action<PoolBuildContext> build)
        {
            if (preferences is null && (tariffs is null || !tariffs.ContainsKey(owner)) && (limits is null || !limits.Caps(owner)))
            {
                build(c);
                return;
            }

            var mark = c.MarkActive(bus);
            build(c);
            if (!net.TryGetValue(owner, out var row))
            {
                net[owner] = row = [.. Enumerable.Range(0, c.SlotCount).Select(_ => new LinearExpression())];
            }

            c.AddActiveSince(bus, mark, row);
        }

        foreach (var a in assets)
        {
            Build(a.Owner, a.Bus, a.Build);
        }

        var outside = new OutsideMarketModel(scenario.OutsideMarket, setup.ConnectionBus);
        outside.Build(c);
        foreach (var o in orders)
        {
            Build(o.Holder, o.Bus, o.Build);
        }

        foreach (var (owner, row) in net)
        {
            if (tariffs is not null && tariffs.TryGetValue(owner, out var tariff))
            {
                c.TariffCost.Add(TariffModel.Add(c, tariff, row, owner.ToString()));
            }
        }

        preferences?.Build(c, net);
        var capped = limits is not null && AddBidLimits(c, limits, net);

        Variable[][]? unserved = null;
        Variable[][]? dumped = null;
        if (elastic)
        {
            // Unserved demand costs more than a relaxed asset requirement, so that the diagnosis names assets when it can.
            unserved = new Variable[c.SlotCount][];
            dumped = new Variable[c.SlotCount][];
            for (var t = 0; t < c.SlotCount; t++)
            {
                unserved[t] = new Variable[setup.Index.BusCount];
                dumped[t] = new Variable[setup.Index.BusCount];
                for (var b = 0; b < setup.Index.BusCount; b++)
                {
                    unserved[t][b] = c.AddSlack(2.0 * c.Hours, $"unserved[{t},{b}]");
                    dumped[t][b] = c.AddSlack(2.0 * c.Hours, $"dumped[{t},{b}]");
                    c.P[t][b].Add(unserved[t][b], 1.0).Add(dumped[t][b], -1.0);
                }
            }
        }

        var gridSlots = new GridSlot[c.SlotCount];
        for (var t = 0; t < c.SlotCount; t++)
        {
            gridSlots[t] = setup.Grid is IPhasePreparedGridFormulation phased
                ? phased.AddSlot(model, t, PhaseInjectionsOf(setup, c, t))
                : setup.Grid.AddSlot(model, t, c.P[t], c.Q[t]);
        }

        if (elastic)
        {
            model.SetObjective(c.SlackCost);
        }
        else
        {
            var objective = new LinearExpression(c.Cost.Sum(e => e.Count));
            foreach (var e in c.Cost)
            {
                objective.Add(e);
            }

            objective.Add(c.TariffCost);

            model.SetObjective(objective);
        }

        return new PoolModel(setup, c, assets, orders, outside, gridSlots, unserved, dumped, watch.Elapsed.TotalSeconds, preferences) { HasBidLimits = capped };
    }

    /// <summary>
    /// The per-(bus, phase) injections of slot <paramref name="t"/> for a phase-aware formulation: each bus column as a
    /// balanced (abc) injection, each phase column (<see cref="PoolSetup.PhaseColumns"/>) on its connection's phases
    /// (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices).
    /// </summary>
    private static PhaseInjections PhaseInjectionsOf(PoolSetup setup, PoolBuildContext c, int t)
    {
        var n = setup.Index.BusCount;
        var injections = new PhaseInjections(n);
        for (var b = 0; b < n; b++)
        {
            injections.Add(b, Lem.Grid.ThreePhase.PhaseConnection.Abc, c.P[t][b], c.Q[t][b]);
        }

        for (var j = 0; j < setup.PhaseColumns.Count; j++)
        {
            var (bus, connection) = setup.PhaseColumns[j];
            injections.Add(bus, connection, c.P[t][n + j], c.Q[t][n + j]);
        }

        return injections;
    }

    /// <summary>Whether bid limits constrain some participant's net injection (docs/mechanisms/redispatch.md#bid-limits).</summary>
    public bool HasBidLimits { get; private init; }

    /// <summary>
    /// The bid limits as bounds on each capped participant's net injection (MW): −withdrawal cap ≤ Σ its parts ≤
    /// injection cap (docs/mechanisms/redispatch.md#bid-limits); true when any bound was added.
    /// </summary>
    private static bool AddBidLimits(PoolBuildContext c, BidLimits limits, Dictionary<ParticipantId, LinearExpression[]> net)
    {
        var added = false;
        foreach (var (owner, row) in net.OrderBy(kv => kv.Key.Value, StringComparer.Ordinal))
        {
            for (var t = 0; t < c.SlotCount; t++)
            {
                var upper = limits.MaxInjectionKw(owner, t);
                var lower = -limits.MaxWithdrawalKw(owner, t);
                if (double.IsFinite(upper) || double.IsFinite(lower))
                {
                    // Inverted caps (rejected by BidLimits.Validate) pin the injection at the injection cap.
                    c.Model.AddConstraint(row[t], Math.Min(lower, upper) / 1000, upper / 1000, $"bid_limit[{owner},{t}]");
                    added = true;
                }
            }
        }

        return added;
    }

    /// <summary>The storages (batteries, V2G EVs) that charge and discharge in the same slot.</summary>
    public IReadOnlyList<AssetId> SimultaneousStorages(double[] values) =>
        [.. Assets.Where(a => a.ChargesAndDischargesAtOnce(values)).Select(a => a.Id)];

    /// <summary>Fixes every binary at its value in a MILP solution and makes it continuous.</summary>
    public void FixBinaries(IReadOnlyList<double> values)
    {
        foreach (var a in Assets)
        {
            a.FixBinaries(Model, values);
        }
    }

    /// <summary>Whether tariff charges are part of the objective (tariff-aware clearing).</summary>
    public bool HasTariffs => Context.TariffCost.Count > 0;

    /// <summary>The objective of a slot (EUR, cost − utility) at the given values.</summary>
    public double SlotCost(double[] values, int slot) => Context.Cost[slot].Evaluate(values);

    /// <summary>Σ over buses of the active net injection of a slot (MW) at the given values.</summary>
    public double SlotImbalanceMw(double[] values, int slot) => Context.P[slot].Sum(e => e.Evaluate(values));
}
