using Lem.Markets.Pool;
using Lem.Markets.Preferences;

namespace Lem.Markets.Distributed;

/// <summary>
/// The common part of the distributed mechanisms (docs/mechanisms/admm.md): every participant with assets or orders
/// becomes a <see cref="LocalAgent"/> that keeps its costs private; a subclass runs its coordination (exchange,
/// community manager, peer-to-peer) and the result is put in the common shape.
/// </summary>
/// <param name="name">The mechanism's registered name.</param>
/// <param name="description">One line on what the mechanism does.</param>
/// <param name="kind">The mechanism as the distributed result names it.</param>
public abstract class AdmmMechanism(string name, string description, DistributedMechanism kind) : IClearingMechanism
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public string Description { get; } = description;

    /// <summary>The mechanism as the distributed result names it.</summary>
    public DistributedMechanism Kind { get; } = kind;

    /// <inheritdoc />
    public virtual ClearingCapabilities Capabilities => AdmmCapabilities;

    /// <summary>What every ADMM mechanism offers: the grid agent's formulations, multi-period assets, private local steps, iterations, tariff-aware agents.</summary>
    protected static ClearingCapabilities AdmmCapabilities { get; } = new() { GridFormulations = GridCoupling.Formulations, MultiPeriodAssets = true, Private = true, Iterative = true, TariffAware = true };

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (request.Formulation != "auto" && !Capabilities.GridFormulations.Contains(request.Formulation))
        {
            errors.Add(new ValidationError("--grid", "clearing.formulation_not_supported", $"The {Name} mechanism clears on {string.Join(", ", Capabilities.GridFormulations)}; --grid {request.Formulation} applies to the pool only."));
        }
        else
        {
            errors.AddRange(GridCoupling.Check(Name, request.Market, request.Formulation));
        }

        if (!request.Market.Participants.Any(p => p.Assets.Count > 0 || p.Orders.Count > 0))
        {
            errors.Add(new ValidationError("participants", "clearing.no_traders", $"Scenario '{request.Market.Name}' has no participant with assets or orders."));
        }

        if (Capabilities.NetworkCharges && request.Options.NetworkCharges is { } policy && NetworkCharges.WhyNotApplicable(request.Market, policy) is { } why)
        {
            errors.Add(new ValidationError("--distance", "network_charge.not_applicable", why));
        }

        if (request.Market.BidLimits is { } limits && request.Market.Participants.Any(p => limits.Caps(p.Id)))
        {
            errors.Add(new ValidationError("bid_limits", "clearing.bid_limits_not_supported", $"The {Name} mechanism does not support bid limits: the agents' local problems have no caps on net injection (docs/mechanisms/redispatch.md#bid-limits); a redispatch trims the capped participants' orders instead."));
        }

        if (PricesPreferences && PreferencePremiums.WhyNotApplicable(request.Market) is { } whyNot)
        {
            errors.Add(new ValidationError("participants", "preferences.not_applicable", whyNot));
        }

        return errors;
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var progress = request.Options.Progress;
        var options = DistributedOptions.Default with
        {
            NetworkCharges = request.Options.NetworkCharges,
            Tariffs = request.Options.Tariffs,
            GridFormulation = request.Formulation == "auto" ? "copperplate" : request.Formulation,
            PartnersPerAgent = request.Options.PartnersPerAgent,
            AgentHost = request.Options.AgentHost,
            CoordinatorHost = request.Options.CoordinatorHost,
            Admm = DistributedOptions.Default.Admm with { Progress = progress },
            P2pAdmm = DistributedOptions.Default.P2pAdmm with { Progress = progress },
        };
        var (result, charges) = RunWithCharges(request.Market, options);
        return ToClearingResult(result, request.Market, options.OutsideMarketId, charges);
    }

    /// <summary>Runs the mechanism on a market.</summary>
    /// <exception cref="ArgumentException">When the market has no participant with assets or orders, or the options are out of range.</exception>
    /// <exception cref="InvalidOperationException">When an agent's local problem cannot be solved (an infeasible EV requirement, for example).</exception>
    public DistributedResult Run(MarketInput market, DistributedOptions? options = null) => RunWithCharges(market, options ?? DistributedOptions.Default).Result;

    /// <summary>
    /// A distributed result in the common shape. Community and exchange: every member's net position at the slot's market
    /// price. P2P: the reconciled bilateral trades at their pair prices (trades with <paramref name="outsideMarketId"/>
    /// are trades with the outside market); the position price, used only for a position not covered by trades and for
    /// dual imbalance prices, is the participant's volume-weighted trade price in the slot, else the slot's mean trade
    /// price, else the wholesale import price.
    /// </summary>
    public static ClearingResult ToClearingResult(DistributedResult result, MarketInput market, string? outsideMarketId = null, NetworkChargesTable? charges = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(market);
        var outside = outsideMarketId ?? DistributedOptions.Default.OutsideMarketId;
        var slots = market.Horizon.Count;
        var mechanism = ForKind(result.Mechanism);
        var bilateral = mechanism.Capabilities.BilateralTrades;
        var trades = result.Trades.Select(x => new ClearingTrade(x.BuyerId, x.SellerId, x.Slot, x.QuantityKwh, x.PriceEurPerMwh)).ToList();

        var traded = new Dictionary<(string Id, int Slot), (double Kwh, double Eur)>();
        foreach (var x in trades)
        {
            foreach (var who in new[] { x.BuyerId, x.SellerId })
            {
                traded.TryGetValue((who, x.Slot), out var sum);
                traded[(who, x.Slot)] = (sum.Kwh + x.QuantityKwh, sum.Eur + (x.QuantityKwh * x.PriceEurPerMwh));
            }
        }

        var positions = new List<ClearingPosition>();
        foreach (var p in result.Positions)
        {
            if (p.ParticipantId == outside || !ParticipantId.TryCreate(p.ParticipantId, out var id))
            {
                continue;
            }

            var prices = new double[slots];
            var column = result.PriceLocations.Count > 0 ? BusColumn(result, market, id) : -1;
            for (var t = 0; t < slots; t++)
            {
                var price = column >= 0 ? result.BusPricesEurPerMwh[t][column] : t < result.PricesEurPerMwh.Count ? result.PricesEurPerMwh[t] : double.NaN;
                if (bilateral && traded.TryGetValue((p.ParticipantId, t), out var own) && own.Kwh > 0)
                {
                    price = own.Eur / own.Kwh;
                }

                prices[t] = double.IsFinite(price) ? price : market.OutsideMarket.WholesaleImportEurPerMwh[t];
            }

            positions.Add(new ClearingPosition(id, p.NetInjectionKw, prices));
        }

        // Reactive power for the AC check: the consumption each asset kind expects without the private schedules
        // (inflexible and curtailable demand, a heat pump's demand-following power) draws it at the pool's default power factor.
        var consumption = market.Participants.ToDictionary(p => p.Id, p => ExpectedConsumptionKw(p, market.Horizon));

        return new ClearingResult
        {
            Mechanism = mechanism.Name,
            Status = result.Status switch
            {
                ConvergenceStatus.Converged => ClearingStatus.Converged,
                ConvergenceStatus.IterationLimit => ClearingStatus.IterationLimit,
                _ => ClearingStatus.Diverging,
            },
            MarketName = market.Name,
            Formulation = result.Formulation,
            SlotCount = slots,
            PriceLocations = result.PriceLocations.Count > 0 ? result.PriceLocations : ["copperplate"],
            PricesEurPerMwh = result.PriceLocations.Count > 0 ? result.BusPricesEurPerMwh : [.. result.PricesEurPerMwh.Select(p => (IReadOnlyList<double>)[p])],
            Positions = positions,
            Bilateral = bilateral,
            Trades = trades,
            OutsideMarketId = outside,
            ImportKw = result.ImportKw,
            ExportKw = result.ExportKw,
            WelfareEur = result.WelfareEur,
            Assets = result.Assets,
            GridCheck = new GridCheckInput(consumption, null, PoolOptions.Default.LoadPowerFactor),
            Diagnostics = new Dictionary<string, double>
            {
                ["iterations"] = result.Iterations,
                ["primal_residual"] = result.PrimalResidual,
                ["dual_residual"] = result.DualResidual,
                ["messages"] = result.Messages,
                ["bytes"] = result.Bytes,
            },
            WallSeconds = result.WallSeconds,
            Report = new AdmmReport(result, charges, mechanism.Capabilities.NetworkCharges),
        };
    }

    /// <summary>The column of a participant's bus in a grid result's prices.</summary>
    private static int BusColumn(DistributedResult result, MarketInput market, ParticipantId id) =>
        market.Participants.FirstOrDefault(p => p.Id == id)?.Bus is { } bus ? result.PriceLocations.ToList().IndexOf(bus.Value) : -1;

    /// <summary>Σ over a participant's assets of the consumption their kinds expect per slot, kW.</summary>
    private static IReadOnlyList<double> ExpectedConsumptionKw(Participant participant, Horizon horizon)
    {
        var sum = new double[horizon.Count];
        foreach (var a in participant.Assets)
        {
            if (AssetKinds.Of(a).ExpectedConsumptionKw(a, horizon) is not { } kw)
            {
                continue;
            }

            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += kw[t];
            }
        }

        return sum;
    }

    /// <summary>The welfare of a total cost, EUR, rounded to 1e-6.</summary>
    protected internal static decimal Welfare(double? costEur) => costEur is { } c ? (decimal)Math.Round(-c, 6, MidpointRounding.ToEven) : 0m;

    /// <summary>The outside market's position per slot (import positive) as import and export, each ≥ 0.</summary>
    internal static (IReadOnlyList<double> Import, IReadOnlyList<double> Export) SplitOutsideTrade(IReadOnlyList<double> position) =>
        ([.. position.Select(v => Math.Max(v, 0.0))], [.. position.Select(v => Math.Max(-v, 0.0))]);

    /// <summary>
    /// The common shape of a run: every agent's position, the diagnostics, the welfare of the reported costs, the wall
    /// time so far, and the mechanism's prices, outside trade and bilateral trades (none by default).
    /// </summary>
    protected DistributedResult Result(
        AdmmResult run,
        Stopwatch clock,
        IReadOnlyList<double> pricesEurPerMwh,
        IReadOnlyList<double> importKw,
        IReadOnlyList<double> exportKw,
        IReadOnlyList<DistributedTrade>? trades = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        return new DistributedResult
        {
            Mechanism = Kind,
            Diagnostics = run.Diagnostics,
            WallSeconds = clock.Elapsed.TotalSeconds,
            PricesEurPerMwh = pricesEurPerMwh,
            Trades = trades ?? [],
            Positions = [.. run.AgentIds.Select((id, i) => new DistributedPosition(id, run.Injections[i]))],
            ImportKw = importKw,
            ExportKw = exportKw,
            WelfareEur = Welfare(run.TotalCostEur),
        };
    }

    /// <summary><see cref="Result"/> of a run whose last agent is the outside market: its injection is the import (positive) or export.</summary>
    protected DistributedResult ResultWithOutsideAgent(AdmmResult run, Stopwatch clock, IReadOnlyList<double> pricesEurPerMwh, IReadOnlyList<DistributedTrade>? trades = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (import, export) = SplitOutsideTrade(run.Injections[^1]);
        return Result(run, clock, pricesEurPerMwh, import, export, trades);
    }

    /// <summary>Whether the mechanism turns the participants' declared preferences into per-pair purchase premiums (P2P).</summary>
    protected virtual bool PricesPreferences => false;

    /// <summary>
    /// <see cref="Result"/> of a run with the grid agent (docs/mechanisms/admm.md#the-grid-agent): the DLMPs per bus and
    /// slot, and as the slot's one price the DLMP at the point of common coupling.
    /// </summary>
    private protected DistributedResult GridResult(AdmmResult run, double[][] busPricesEurPerMwh, GridCoupling grid, Stopwatch clock, IReadOnlyList<double> importKw, IReadOnlyList<double> exportKw, IReadOnlyList<DistributedTrade>? trades = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(busPricesEurPerMwh);
        ArgumentNullException.ThrowIfNull(grid);
        return Result(run, clock, [.. busPricesEurPerMwh.Select(p => p[grid.ConnectionBus])], importKw, exportKw, trades) with
        {
            Formulation = grid.FormulationName,
            PriceLocations = grid.PriceLocations,
            BusPricesEurPerMwh = [.. busPricesEurPerMwh.Select(grid.ToPriceLocations)],
        };
    }

    /// <summary>
    /// The settings with the coordination starting from the outside market's mid price (½(import + export) per slot,
    /// EUR/MWh) unless they give a start of their own (docs/mechanisms/admm.md#acceleration).
    /// </summary>
    protected static AdmmOptions StartingAtOutsidePrices(AdmmOptions options, OutsideMarket market, int slots)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(market);
        return options.InitialPricesEurPerMwh is not null
            ? options
            : options with { InitialPricesEurPerMwh = [.. Enumerable.Range(0, slots).Select(t => 0.5 * (market.WholesaleImportEurPerMwh[t] + market.WholesaleExportEurPerMwh[t]))] };
    }

    /// <summary>Network charges for the agents as preferences; none unless the mechanism prices them.</summary>
    protected virtual NetworkChargesTable? Charges(MarketInput market, DistributedOptions options) => null;

    /// <summary>Runs the coordination on the agents (the outside market is added by mechanisms that trade with it as an agent).</summary>
    protected abstract DistributedResult Solve(List<IAgent> agents, OutsideMarket market, Horizon horizon, DistributedOptions options, Stopwatch clock);

    /// <summary>The registered distributed mechanism of a kind.</summary>
    internal static AdmmMechanism ForKind(DistributedMechanism kind) =>
        ClearingMechanisms.Names.Select(ClearingMechanisms.Get).OfType<AdmmMechanism>().First(m => m.Kind == kind);

    /// <summary>
    /// The factory of the agents of this mechanism on a market (docs/cluster.md#agents-as-grains): what the in-process
    /// run builds, and what a remote host builds from the scenario where the agent runs.
    /// </summary>
    /// <exception cref="ArgumentException">When the market has no participant with assets or orders.</exception>
    public AgentFactory Agents(MarketInput market, DistributedOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        options ??= DistributedOptions.Default;

        // P2P network charges (docs/network-charges.md) reach the agents as per-partner preferences c_nm, declared
        // preferences as purchase premiums π_nm (docs/mechanisms/admm.md#preferences); tariff charges
        // (docs/settlement.md#tariff-aware-clearing) are part of each agent's private cost.
        var charges = Charges(market, options);
        var premiums = PricesPreferences && PreferencePremiums.Declared(market) ? PreferencePremiums.Build(market) : null;
        var factory = new AgentFactory(market, options, charges, premiums);
        if (factory.Members.Count == 0)
        {
            throw new ArgumentException($"Scenario '{market.Name}' has no participant with assets or orders.", nameof(market));
        }

        return factory;
    }

    /// <summary>
    /// The grid agent of this mechanism on a market (docs/mechanisms/admm.md#the-grid-agent), as the run builds it for
    /// <see cref="DistributedOptions.GridFormulation"/>: what a remote host builds from the scenario where the grid agent
    /// runs (docs/cluster.md#the-grid-agent-as-a-grain).
    /// </summary>
    /// <exception cref="ArgumentException">When the options clear on copper plate (no grid agent) or the market has no participant with assets or orders.</exception>
    public GridAgent BuildGridAgent(MarketInput market, DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        if (options.GridFormulation == "copperplate")
        {
            throw new ArgumentException("On copper plate the mechanism has no grid agent.", nameof(options));
        }

        return Couple(market, Agents(market, options).Members, options.GridFormulation).Agent;
    }

    /// <summary>The outside market's agent as the options' host runs it (docs/cluster.md#the-transport).</summary>
    protected static IAgent OutsideAgent(DistributedOptions options, OutsideMarket market, Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(options);
        IAgent Build() => LocalAgent.OutsideMarket(options.OutsideMarketId, market, horizon);
        return options.AgentHost is { } host ? host.Host(options.OutsideMarketId, Build) : Build();
    }

    /// <summary>The grid coupling of the members on a formulation: the grid agent, the members' buses, the point of common coupling.</summary>
    private static GridCoupling Couple(MarketInput market, IReadOnlyList<Participant> members, string formulation) =>
        GridCoupling.Build(market, members, formulation, p => ExpectedConsumptionKw(p, market.Horizon), PoolOptions.Default.LoadPowerFactor);

    private (DistributedResult Result, NetworkChargesTable? Charges) RunWithCharges(MarketInput market, DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (options.CoordinatorHost is { } coordinator)
        {
            // The coordination runs elsewhere (docs/cluster.md#the-coordinator-as-a-grain); the network charges of the
            // report are the operator's public table, computed here as there.
            var remote = coordinator.Coordinate(this, market, options with { CoordinatorHost = null });
            return (remote, Agents(market, options).Charges);
        }

        var clock = Stopwatch.StartNew();
        var horizon = market.Horizon;
        var factory = Agents(market, options);
        var members = factory.Members;
        var charges = factory.Charges;
        var agents = members.Select(p => factory.Hosted(p.Id.ToString())).ToList();
        if (options.GridFormulation != "copperplate")
        {
            var formulation = options.GridFormulation;
            var coupling = Couple(market, members, formulation);
            // With an agent host the grid agent runs where the host runs agents, built there as here (docs/cluster.md#the-grid-agent-as-a-grain).
            options = options with { Coupling = options.AgentHost is { } host ? coupling.HostedBy(host, () => Couple(market, members, formulation).Agent) : coupling };
        }

        var result = Solve(agents, market.OutsideMarket, horizon, options, clock);

        // Each participant's own agent hands it its assets' schedules, outside the coordination (docs/mechanisms/admm.md#asset-schedules).
        var assets = agents.OfType<LocalAgent>().SelectMany(a => a.OwnSchedules() ?? []).ToList();
        return (result with { Assets = assets }, charges);
    }
}
