using Lem.Domain.Progress;

namespace Lem.Markets.Pool;

/// <summary>
/// Centralised pool clearing (docs/mechanisms/pool.md): maximises welfare over all slots jointly —
/// minimise Σ costs − Σ utilities — under each asset's constraints, the outside market and the grid as an
/// <see cref="IGridFormulation"/> represents it, and prices every slot and bus with the balance duals.
/// </summary>
/// <remarks>
/// <para>Inside the model powers are MW, energies MWh (= MW × Δt) and the objective EUR; the formulation's price in
/// EUR per MW of a slot is divided by Δt to give EUR/MWh.</para>
/// <para>Parts: order steps x ∈ [0, q] (offers cost c·x, bids bring u·x); inflexible loads are fixed; curtailable
/// loads shed at their value of lost load; renewables produce up to what is available and pay their curtailment cost
/// on the rest; batteries and EVs follow §9 (EVs only in the slots wholly within [arrival, departure), requirement at
/// min(departure, horizon end)); flexible loads take their energy within their window between min and max power;
/// the outside market imports up to its limit at the import price and exports at the export price at its connection
/// bus (or the slack). Loads draw Q = P·tan(acos(pf)); generation, storage, EVs and orders are at unity power factor;
/// the outside market's Q is free.</para>
/// <para>A scenario without a grid is cleared on one virtual bus, <see cref="CopperPlateFormulation.VirtualBusId"/>;
/// every participant injects there. With a grid, market operators, DSOs and aggregators may have no bus, but then
/// they may have neither assets nor orders.</para>
/// <para>Tie rules (§1) apply on the copper plate to slots that nothing couples to other slots (no battery in the
/// scenario, no EV plugged in, no flexible-load window): the slot is re-cleared by
/// <see cref="MeritOrderClearing.ClearSlot"/>, its price taken from the interval by <see cref="ClearingOptions.PriceRule"/> (of <see cref="PoolOptions.Clearing"/>)
/// and, with <see cref="VolumeRule.ProRata"/>, its volumes re-split. Where storage, EVs or flexible loads couple
/// slots, and on every grid formulation, the prices are the LP duals.</para>
/// <para>Simultaneous charging and discharging (§9): when the LP does it and <see cref="PoolOptions.PreventSimultaneousCharging"/>
/// is set, binaries are added for the storages concerned, the MILP is solved, the binaries are fixed and the LP is
/// solved again for the duals (repeated if other storages then do it).</para>
/// </remarks>
public static class PoolClearing
{
    /// <summary>Clears a scenario on a grid formulation.</summary>
    /// <exception cref="ArgumentException">When the load power factor is not in (0, 1].</exception>
    /// <exception cref="SolverUnavailableException">When no back end can be loaded.</exception>
    public static PoolResult Clear(MarketInput scenario, IGridFormulation formulation, PoolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(formulation);
        options = PoolOptions.Checked(options);

        var stats = new Stats();
        var index = scenario.Grid is null ? VirtualIndex() : NetworkIndex.Build(scenario.Grid);
        var inputProblem = CheckInput(scenario, index, formulation, out var participantBus, out var connectionBus);
        if (inputProblem is not null)
        {
            return Failed(scenario, formulation, options, PoolStatus.Error, inputProblem, stats);
        }

        var setup = new PoolSetup(scenario, index, formulation, participantBus, connectionBus, options);
        var staticCauses = PoolDiagnostics.StaticCauses(scenario);
        if (staticCauses.Count > 0)
        {
            return Failed(scenario, formulation, options, PoolStatus.Infeasible, PoolDiagnostics.Sentence(staticCauses), stats);
        }

        // Inputs without inter-temporal coupling on a LinDistFlow feeder: slot screening, an LP only for the slots that bind.
        if (options.DecomposeSlots && SlotDecomposition.TryClear(setup, restricted => Clear(restricted, formulation, options with { DecomposeSlots = false })) is { } decomposed)
        {
            return decomposed;
        }

        var binaries = new HashSet<AssetId>();
        var pool = stats.Build(setup, binaries, elastic: false);
        var solution = stats.Solve(pool.Model, options);
        if (solution.Status != SolveStatus.Optimal)
        {
            return NotOptimal(pool, solution, stats);
        }

        var warnings = new List<string>();
        var prevented = false;
        if (options.PreventSimultaneousCharging)
        {
            var conflicts = pool.SimultaneousStorages([.. solution.Values]);
            while (conflicts.Count > 0)
            {
                binaries.UnionWith(conflicts);
                var withBinaries = stats.Build(setup, binaries, elastic: false);
                var mip = stats.Solve(withBinaries.Model, options);
                if (!mip.HasValues)
                {
                    warnings.Add($"Simultaneous charging and discharging of {string.Join(", ", conflicts.Select(c => $"'{c}'"))} could not be removed: the MILP with binaries ended {mip.Status} ({mip.Message}); the LP dispatch is reported.");
                    break;
                }

                if (mip.Status != SolveStatus.Optimal)
                {
                    warnings.Add($"The MILP against simultaneous charging stopped before proving optimality ({mip.Message}); its best binaries are used.");
                }

                withBinaries.FixBinaries(mip.Values);
                var fixedLp = stats.Solve(withBinaries.Model, options);
                if (fixedLp.Status != SolveStatus.Optimal)
                {
                    warnings.Add($"The LP with the binaries against simultaneous charging fixed ended {fixedLp.Status} ({fixedLp.Message}); the LP dispatch without them is reported.");
                    break;
                }

                prevented = true;
                pool = withBinaries;
                solution = fixedLp;
                stats.Binaries = withBinaries.Context.Binaries;
                conflicts = [.. pool.SimultaneousStorages([.. solution.Values]).Where(a => !binaries.Contains(a))];
            }
        }

        return Assemble(pool, solution, prevented, warnings, stats);
    }

    private static NetworkIndex VirtualIndex()
    {
        var network = new GridNetwork
        {
            Name = "copperplate",
            Buses = [new Bus { Id = CopperPlateFormulation.VirtualBusId, NominalKv = 1.0, Type = BusType.Slack }],
        };
        return NetworkIndex.Build(network);
    }

    private static string? CheckInput(MarketInput scenario, NetworkIndex index, IGridFormulation formulation, out int[] participantBus, out int connectionBus)
    {
        var n = scenario.Horizon.Count;
        participantBus = new int[scenario.Participants.Count];
        connectionBus = 0;
        if (formulation.CannotRepresent(index) is { } why)
        {
            return $"The '{formulation.Name}' formulation cannot represent the grid: {why}";
        }

        for (var i = 0; i < scenario.Participants.Count; i++)
        {
            var p = scenario.Participants[i];
            var injects = p.Assets.Count > 0 || p.Orders.Count > 0;
            if (scenario.Grid is null)
            {
                participantBus[i] = 0;
            }
            else if (p.Bus is { } bus)
            {
                if (!index.TryIndexOf(bus, out participantBus[i]))
                {
                    return $"Participant '{p.Id}' is connected at bus '{bus}', which is not an in-service bus of the grid.";
                }
            }
            else
            {
                participantBus[i] = -1;
                if (injects)
                {
                    return $"Participant '{p.Id}' ({RoleNames.Of(p.Role)}) has no bus but has {(p.Assets.Count > 0 ? "assets" : "orders")}; with a grid, anything that injects or withdraws needs a connection bus.";
                }
            }

            if (p.Phase is not null && Lem.Grid.ThreePhase.PhaseConnections.TryParse(p.Phase) is null)
            {
                return $"Participant '{p.Id}' has the phase connection '{p.Phase}'; use one of {string.Join(", ", Lem.Grid.ThreePhase.PhaseConnections.Names)}.";
            }

            foreach (var o in p.Orders.Where(o => o.SlotIndex >= n))
            {
                return $"Order '{o.Id}' of participant '{p.Id}' is for slot {o.SlotIndex}, but the horizon has {n} slots.";
            }

            foreach (var a in p.Assets)
            {
                foreach (var series in AssetKinds.Of(a).SlotSeries(a).Where(s => s.Count != n))
                {
                    return $"Asset '{a.Id}' of participant '{p.Id}' has {series.Count} values for {n} slots.";
                }
            }
        }

        var m = scenario.OutsideMarket;
        if (m.WholesaleImportEurPerMwh.Count != n || m.WholesaleExportEurPerMwh.Count != n)
        {
            return $"The outside market's price series have {m.WholesaleImportEurPerMwh.Count} and {m.WholesaleExportEurPerMwh.Count} values for {n} slots.";
        }

        if (scenario.Grid is null)
        {
            return null; // the virtual bus is the connection
        }

        if (m.ConnectionBus is { } cb)
        {
            return index.TryIndexOf(cb, out connectionBus) ? null : $"The outside market's connection bus '{cb}' is not an in-service bus of the grid.";
        }

        if (index.SlackIndices.Length == 0)
        {
            return "The grid has no slack bus for the outside market's connection.";
        }

        connectionBus = index.SlackIndices[0];
        return null;
    }

    private static PoolResult NotOptimal(PoolModel pool, Solution solution, Stats stats)
    {
        var setup = pool.Setup;
        var scenario = setup.Market;
        var options = setup.Options;
        switch (solution.Status)
        {
            case SolveStatus.Infeasible:
            case SolveStatus.InfeasibleOrUnbounded:
                if (!options.DiagnoseInfeasibility)
                {
                    return Failed(scenario, setup.Formulation, options, PoolStatus.Infeasible, $"The clearing is infeasible (solver: {solution.Message ?? solution.Status.ToString()}).", stats, pool);
                }

                var cause = PoolDiagnostics.ElasticCause(setup, m => stats.Solve(m, options));
                if (solution.Status == SolveStatus.InfeasibleOrUnbounded && cause.StartsWith("The solver reports", StringComparison.Ordinal))
                {
                    return Failed(scenario, setup.Formulation, options, PoolStatus.Unbounded, PoolDiagnostics.UnboundedCause(scenario), stats, pool);
                }

                return Failed(scenario, setup.Formulation, options, PoolStatus.Infeasible, cause, stats, pool);
            case SolveStatus.Unbounded:
                return Failed(scenario, setup.Formulation, options, PoolStatus.Unbounded, PoolDiagnostics.UnboundedCause(scenario), stats, pool);
            default:
                return Failed(scenario, setup.Formulation, options, PoolStatus.Error, $"The solver '{solution.SolverName}' ended with {solution.Status}: {solution.Message ?? "no message"}.", stats, pool);
        }
    }

    private static PoolResult Failed(MarketInput scenario, IGridFormulation formulation, PoolOptions options, PoolStatus status, string message, Stats stats, PoolModel? pool = null) =>
        Outcome(scenario, formulation, options, status, stats, pool) with { Message = message };

    /// <summary>What every result names, failed or not: the status, the scenario, the formulation, the tie rules and the statistics.</summary>
    private static PoolResult Outcome(MarketInput scenario, IGridFormulation formulation, PoolOptions options, PoolStatus status, Stats stats, PoolModel? pool) => new()
    {
        Status = status,
        ScenarioName = scenario.Name,
        FormulationName = formulation.Name,
        PriceRule = options.Clearing.PriceRule,
        VolumeRule = options.VolumeRule,
        Statistics = stats.ToStatistics(pool),
    };

    private static PoolResult Assemble(PoolModel pool, Solution solution, bool prevented, List<string> warnings, Stats stats)
    {
        var setup = pool.Setup;
        var index = setup.Index;
        var scenario = setup.Market;
        var horizon = scenario.Horizon;
        var h = horizon.SlotHours;
        var n = horizon.Count;
        var options = setup.Options;
        var values = solution.Values.ToArray();

        var prices = new double[n][];
        var sources = new PriceSource[n];
        var lows = new double?[n];
        var highs = new double?[n];
        for (var t = 0; t < n; t++)
        {
            prices[t] = [.. pool.GridSlots[t].ActivePrices(solution).Select(p => p / h)];
            sources[t] = PriceSource.Dual;
        }

        // The merit order knows no tariffs: with tariff charges in the objective the prices are the LP duals.
        if (setup.Formulation is CopperPlateFormulation && !pool.HasTariffs && !pool.HasBidLimits)
        {
            ApplyTieRules(pool, values, prices, sources, lows, highs, warnings);
        }

        pool.Outside.Net(values);

        var assets = pool.Assets.Select(a => a.Read(values, h)).ToList();
        var orders = pool.Orders.Select(o => o.Read(values, h)).ToList();
        var participants = ParticipantPositions(pool, assets, values);

        var slots = new PoolSlot[n];
        decimal welfare = 0;
        double importMwh = 0, exportMwh = 0;
        for (var t = 0; t < n; t++)
        {
            var slotWelfare = ToEur(-pool.SlotCost(values, t));
            var imp = pool.Outside.ImportMw(values, t) * h;
            var exp = pool.Outside.ExportMw(values, t) * h;
            welfare += slotWelfare;
            importMwh += imp;
            exportMwh += exp;
            slots[t] = new PoolSlot(
                Index: t,
                Start: horizon.Slots[t].Start,
                PricesEurPerMwh: prices[t],
                PriceSource: sources[t],
                PriceLowEurPerMwh: lows[t],
                PriceHighEurPerMwh: highs[t],
                ImportMwh: imp,
                ExportMwh: exp,
                WelfareEur: slotWelfare,
                LossesMw: pool.GridSlots[t].LossesMw(solution),
                VoltagesPu: pool.GridSlots[t].VoltageMagnitudesPu(solution),
                BranchFlowsMw: pool.GridSlots[t].BranchFlowsMw(solution),
                Dlmps: sources[t] == PriceSource.Dual ? PerMwh(pool.GridSlots[t].Dlmps(solution), h) : null,
                SocExactness: pool.GridSlots[t].RelaxationExactness(solution))
            {
                Phases = pool.GridSlots[t] is IPhaseGridSlot phased ? PhaseSlot(phased, solution, h, sources[t] == PriceSource.Dual) : null,
            };
        }

        return Outcome(scenario, setup.Formulation, options, PoolStatus.Optimal, stats, pool) with
        {
            BusIds = index.BusIds,
            AllBusIds = index.AllBusIds,
            AllBusIndex = index.AllBusIndex,
            BranchIds = scenario.Grid is null ? [] : index.BranchIds,
            Warnings = warnings,
            SimultaneousChargingPrevented = prevented,
            WelfareEur = welfare,
            ImportMwh = importMwh,
            ExportMwh = exportMwh,
            Slots = slots,
            Participants = participants,
            Assets = assets,
            Orders = orders,
            PremiumPrices = pool.Preferences?.Prices(solution, h) ?? [],
        };
    }

    /// <summary>A decomposition in objective units per MW of a slot of <paramref name="hours"/> hours converted to EUR/MWh, like the prices.</summary>
    private static DlmpDecomposition[]? PerMwh(IReadOnlyList<DlmpDecomposition>? dlmps, double hours) => dlmps?
        .Select(d => new DlmpDecomposition(d.Bus, d.EnergyEurPerMwh / hours, d.LossEurPerMwh / hours, d.CongestionEurPerMwh / hours, d.VoltageEurPerMwh / hours))
        .ToArray();

    /// <summary>The per-phase read-out of a phase-aware slot, prices and decompositions in EUR/MWh.</summary>
    private static PoolPhaseSlot PhaseSlot(IPhaseGridSlot slot, Solution solution, double hours, bool decompose) => new(
        [.. slot.PhaseActivePrices(solution).Select(r => (IReadOnlyList<double>)[.. r.Select(p => p / hours)])],
        slot.PhaseVoltageMagnitudesPu(solution),
        slot.PhaseBranchFlowsMw(solution),
        decompose ? [.. slot.PhaseDlmps(solution).Select(r => (IReadOnlyList<DlmpDecomposition>)PerMwh(r, hours)!)] : null);

    /// <summary>Re-clears every slot that nothing couples by the merit order and applies the tie rules (copper plate only).</summary>
    private static void ApplyTieRules(PoolModel pool, double[] values, double[][] prices, PriceSource[] sources, double?[] lows, double?[] highs, List<string> warnings)
    {
        const double TieRuleToleranceEur = 1e-6;
        var options = pool.Setup.Options;
        var horizon = pool.Setup.Market.Horizon;
        var h = horizon.SlotHours;
        var ordersBySlot = pool.Orders.ToLookup(o => o.Order.SlotIndex);
        for (var t = 0; t < horizon.Count; t++)
        {
            if (pool.Assets.Any(a => a.Couples(t)) || pool.Preferences?.Active(t) == true)
            {
                continue;
            }

            var book = new MeritBook();
            foreach (var a in pool.Assets)
            {
                a.AddMeritSteps(t, book, h);
            }

            foreach (var o in ordersBySlot[t])
            {
                o.AddMeritSteps(book, h);
            }

            pool.Outside.AddMeritSteps(t, book, h);
            var cleared = MeritOrderClearing.ClearSlot(book.Offers, book.Bids, options.Clearing.PriceRule);

            if (options.VolumeRule == VolumeRule.ProRata)
            {
                var before = pool.SlotCost(values, t);
                var undo = new Dictionary<int, double>();
                void Write((int Index, double Value)? w)
                {
                    if (w is { } x)
                    {
                        undo.TryAdd(x.Index, values[x.Index]);
                        values[x.Index] = x.Value;
                    }
                }

                for (var i = 0; i < book.Offers.Count; i++)
                {
                    Write(book.OfferWriters[i](cleared.AcceptedOffersMwh[i]));
                }

                for (var i = 0; i < book.Bids.Count; i++)
                {
                    Write(book.BidWriters[i](cleared.AcceptedBidsMwh[i]));
                }

                var after = pool.SlotCost(values, t);
                var imbalance = pool.SlotImbalanceMw(values, t);
                if (Math.Abs(after - before) > TieRuleToleranceEur * Math.Max(1.0, Math.Abs(before)) || Math.Abs(imbalance) > 1e-7)
                {
                    foreach (var (i, v) in undo)
                    {
                        values[i] = v;
                    }

                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"Slot {t}: the merit-order clearing gives welfare {-after:0.######} EUR and imbalance {imbalance:G3} MW against the LP's {-before:0.######} EUR; the LP volumes and duals are kept."));
                    continue;
                }
            }

            if (cleared.PriceEurPerMwh is { } price)
            {
                Array.Fill(prices[t], price);
                sources[t] = PriceSource.TieRule;
                lows[t] = cleared.PriceLowEurPerMwh;
                highs[t] = cleared.PriceHighEurPerMwh;
            }
        }
    }

    private static List<ParticipantDispatch> ParticipantPositions(PoolModel pool, List<AssetDispatch> assets, double[] values)
    {
        var scenario = pool.Setup.Market;
        var n = scenario.Horizon.Count;
        var net = scenario.Participants.ToDictionary(p => p.Id, _ => new double[n]);
        foreach (var a in assets)
        {
            var row = net[a.Participant];
            var inj = a.NetInjectionKw;
            for (var t = 0; t < n; t++)
            {
                row[t] += inj[t];
            }
        }

        foreach (var o in pool.Orders)
        {
            net[o.Holder][o.Order.SlotIndex] += o.NetInjectionKw(values);
        }

        return [.. scenario.Participants.Select((p, i) => new ParticipantDispatch(
            p.Id,
            pool.Setup.ParticipantBus[i] >= 0 ? pool.Setup.Index.BusIdOf(pool.Setup.ParticipantBus[i]) : null,
            net[p.Id]))];
    }

    /// <summary>EUR rounded to 6 decimals (half to even), as every welfare figure.</summary>
    internal static decimal ToEur(double eur) => (decimal)Math.Round(eur, 6, MidpointRounding.ToEven);

    /// <summary>Counts model builds and solves and reports them as phases to <see cref="ClearingOptions.Progress"/> (of <see cref="PoolOptions.Clearing"/>).</summary>
    private sealed class Stats
    {
        public int Solves { get; private set; }

        public double BuildSeconds { get; private set; }

        public double SolveSeconds { get; private set; }

        public string? SolverName { get; private set; }

        public int Binaries { get; set; }

        public PoolModel Build(PoolSetup setup, IReadOnlySet<AssetId> binaries, bool elastic)
        {
            setup.Options.Clearing.Progress?.Report(new ProgressUpdate(ProgressPhases.PoolBuild, 0, 1));
            var m = PoolModel.Build(setup, binaries, elastic);
            setup.Options.Clearing.Progress?.Report(new ProgressUpdate(ProgressPhases.PoolBuild, 1, 1));
            BuildSeconds += m.BuildSeconds;
            return m;
        }

        public Solution Solve(OptimizationModel model, PoolOptions options)
        {
            var phase = model.HasIntegers ? ProgressPhases.PoolSolveMilp : ProgressPhases.PoolSolveLp;
            options.Clearing.Progress?.Report(new ProgressUpdate(phase, 0, 1));
            var solver = options.Solver ?? Solvers.For(model);
            var watch = Stopwatch.StartNew();
            var solution = solver.Solve(model, options.SolverOptions);
            SolveSeconds += watch.Elapsed.TotalSeconds;
            Solves++;
            SolverName = solution.SolverName;
            options.Clearing.Progress?.Report(new ProgressUpdate(phase, 1, 1));
            return solution;
        }

        public PoolStatistics ToStatistics(PoolModel? model = null) =>
            new(model?.Model.Variables.Count ?? 0, model?.Model.Constraints.Count ?? 0, Binaries, Solves, BuildSeconds, SolveSeconds, SolverName);
    }
}
