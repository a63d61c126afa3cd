namespace Lem.Markets.Pool;

/// <summary>
/// The pool as a clearing mechanism (docs/mechanisms/pool.md): the market operator maximises welfare over all slots on
/// the chosen grid formulation; positions are settled at their bus price.
/// </summary>
public sealed class PoolMechanism : IClearingMechanism
{
    /// <inheritdoc />
    public string Name => "pool";

    /// <inheritdoc />
    public string Description => "Centralised welfare maximisation by the market operator";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new()
    {
        GridFormulations = GridFormulations.Names,
        MultiPeriodAssets = true,
        PriceRule = true,
        TariffAware = true,
        BidLimits = true,
    };

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Formulation != "auto" && !GridFormulations.Names.Contains(request.Formulation))
        {
            return [new ValidationError("--grid", "clearing.unknown_formulation", $"Unknown grid formulation '{request.Formulation}'; use auto or one of {string.Join(", ", GridFormulations.Names)}.")];
        }

        var formulation = GridFormulations.Choose(request.Formulation, request.Market.Grid);
        if (request.Options.MaxUnbalancePercent is { } vuf)
        {
            if (!double.IsFinite(vuf) || vuf <= 0)
            {
                return [new ValidationError("--max-unbalance-percent", "clearing.unbalance_limit_invalid", $"The voltage unbalance limit must be a positive percentage; got {vuf.ToString(System.Globalization.CultureInfo.InvariantCulture)}.")];
            }

            if (formulation is not IUnbalanceLimitedFormulation)
            {
                return [new ValidationError("--max-unbalance-percent", "clearing.unbalance_limit_not_applicable", $"The {formulation.Name} formulation has no phases to limit the voltage unbalance of; use a formulation with phases ({string.Join(", ", GridFormulations.Names.Where(n => GridFormulations.ByName(n) is IUnbalanceLimitedFormulation))}).")];
            }
        }

        if (request.Market.Grid is not null && formulation.CannotRepresent(NetworkIndex.Build(request.Market.Grid)) is { } why)
        {
            return [new ValidationError("--grid", "grid.formulation_not_applicable", $"The {formulation.Name} formulation cannot represent this grid: {why}")];
        }

        return [];
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var market = request.Market;
        var options = new PoolOptions { Clearing = request.Options };
        var pool = PoolClearing.Clear(market, Formulation(request), options);
        return ToClearingResult(pool, market, options, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The request's grid formulation, with the voltage unbalance limit of its options where one is set.</summary>
    private static IGridFormulation Formulation(ClearingRequest request)
    {
        var formulation = GridFormulations.Choose(request.Formulation, request.Market.Grid);
        return request.Options.MaxUnbalancePercent is { } vuf && formulation is IUnbalanceLimitedFormulation limited
            ? limited.WithMaxUnbalancePercent(vuf)
            : formulation;
    }

    /// <summary>
    /// A pool result in the common shape: every participant's net position at the price of its bus (the nodal price, or
    /// the one copper-plate price), the import and export at the point of common coupling, and the loads' consumption
    /// and the formulation's voltages for the AC check. A pool that did not clear has no positions.
    /// </summary>
    public static ClearingResult ToClearingResult(PoolResult result, MarketInput market, PoolOptions? options = null, double wallSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(market);
        options ??= PoolOptions.Default;
        var slots = result.Slots.Count;
        var hours = market.Horizon.SlotHours;
        var positions = new List<ClearingPosition>();
        var consumption = new Dictionary<ParticipantId, double[]>();
        if (result.Status == PoolStatus.Optimal)
        {
            var phaseOf = market.Participants.ToDictionary(p => p.Id, PoolSetup.PhaseOf);
            foreach (var d in result.Participants)
            {
                var b = d.Bus is { } bus && result.TryGetBusIndex(bus, out var i) ? i : 0;
                var shares = Lem.Grid.Formulations.PhaseInjections.Shares(phaseOf[d.Participant]);
                var prices = new double[slots];
                for (var t = 0; t < slots; t++)
                {
                    // With per-phase prices, a participant pays the price of its phase connection: Σ_φ Re(share_φ)·price_φ.
                    var atBus = result.Slots[t].PricesEurPerMwh;
                    prices[t] = result.Slots[t].Phases is { } phases && d.Bus is not null
                        ? shares.Sum(s => s.Share.Real * phases.PricesEurPerMwh[b][(int)s.Phase])
                        : atBus.Count > b ? atBus[b] : 0.0;
                }

                positions.Add(new ClearingPosition(d.Participant, d.NetInjectionKw, prices));
            }

            foreach (var asset in result.Assets)
            {
                if (asset.ReactiveConsumptionKw is not { } drawn)
                {
                    continue;
                }

                if (!consumption.TryGetValue(asset.Participant, out var sum))
                {
                    consumption[asset.Participant] = sum = new double[slots];
                }

                for (var t = 0; t < sum.Length; t++)
                {
                    sum[t] += drawn[t];
                }
            }
        }

        var stats = result.Statistics;
        return new ClearingResult
        {
            Mechanism = "pool",
            Status = result.Status switch
            {
                PoolStatus.Optimal => ClearingStatus.Optimal,
                PoolStatus.Infeasible => ClearingStatus.Infeasible,
                PoolStatus.Unbounded => ClearingStatus.Unbounded,
                _ => ClearingStatus.Error,
            },
            Message = result.Message,
            Warnings = result.Warnings,
            MarketName = market.Name,
            Formulation = result.FormulationName,
            SlotCount = slots,
            PriceLocations = result.BusIds.Count > 0 ? [.. result.ReportedBusIds.Select(b => b.Value)] : ["copperplate"],
            PricesEurPerMwh = [.. result.Slots.Select(s => result.ToReportedBuses(s.PricesEurPerMwh))],
            PriceSources = [.. result.Slots.Select(s => s.PriceSource.ToString().ToLowerInvariant())],
            Positions = positions,
            ImportKw = [.. result.Slots.Select(x => x.ImportMwh * 1000.0 / hours)],
            ExportKw = [.. result.Slots.Select(x => x.ExportMwh * 1000.0 / hours)],
            WelfareEur = result.WelfareEur,
            GridCheck = result.Status == PoolStatus.Optimal
                ? new GridCheckInput(consumption.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value), [.. result.Slots.Select(x => x.VoltagesPu)], options.LoadPowerFactor)
                {
                    PredictedPhaseVoltagesPu = result.Slots.Any(x => x.Phases is not null) ? [.. result.Slots.Select(x => x.Phases?.VoltagesPu)] : null,
                }
                : null,
            Diagnostics = new Dictionary<string, double>
            {
                ["variables"] = stats.Variables,
                ["constraints"] = stats.Constraints,
                ["binaries"] = stats.Binaries,
                ["build_seconds"] = stats.BuildSeconds,
                ["solve_seconds"] = stats.SolveSeconds,
            },
            OrderFillsKwh = OrderFills(result.Orders),
            LossesKw = [.. result.Slots.Select(x => x.LossesMw * 1000)],
            Assets = result.Assets,
            WallSeconds = wallSeconds,
            Report = new PoolReport(result),
        };
    }

    /// <summary>Each order's accepted energy over its steps (kWh) by order id, in the orders' order: one pass, the sums as before.</summary>
    private static Dictionary<string, double> OrderFills(IReadOnlyList<OrderDispatch> orders)
    {
        var fills = new Dictionary<string, double>(orders.Count, StringComparer.Ordinal);
        foreach (var o in orders)
        {
            var kwh = o.AcceptedKwh.Sum();
            fills[o.Order.Value] = fills.TryGetValue(o.Order.Value, out var before) ? before + kwh : 0.0 + kwh;
        }

        return fills;
    }
}
