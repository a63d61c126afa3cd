namespace Lem.Markets.Stochastic;

/// <summary>
/// Two-stage stochastic clearing with CVaR as a clearing mechanism (docs/mechanisms/stochastic-pool.md): day-ahead
/// schedules chosen against sampled and reduced forecast-error scenarios, positions = the day-ahead schedule at λ^DA.
/// </summary>
public sealed class StochasticPoolMechanism : IClearingMechanism
{
    /// <inheritdoc />
    public string Name => "stochastic-pool";

    /// <inheritdoc />
    public string Description => "Two-stage stochastic clearing against forecast-error scenarios, risk-neutral or with CVaR";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new() { ParameterNames = StochasticParameters.Names };

    /// <summary>The path of a parameter in validation errors.</summary>
    private static string PathOf(string name) => $"parameters.{name}";

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<ValidationError>();
        if (request.Formulation is not ("auto" or "copperplate"))
        {
            errors.Add(new ValidationError("--grid", "clearing.unknown_formulation", $"stochastic-pool clears on the copper plate only; use --grid auto or copperplate, not '{request.Formulation}'."));
        }

        errors.AddRange(StochasticParameters.Parse(request.Options.Parameters, PathOf).Errors);
        errors.AddRange(StochasticMarket.Unsupported(request.Market));
        return errors;
    }

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var input = request.Market;
        var n = input.Horizon.Count;
        if (Check(request) is { Count: > 0 } errors)
        {
            return Failed(input, ClearingStatus.Error, string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message}")), clock);
        }

        var parameters = StochasticParameters.Parse(request.Options.Parameters, PathOf).Parameters!;
        var market = StochasticMarket.Build(input, parameters);
        var evaluation = StochasticSolver.Evaluate(market.Problem, market.Scenarios, parameters.Objective);
        var rp = evaluation.Recourse;
        if (!rp.IsOptimal)
        {
            var status = rp.Status switch
            {
                SolveStatus.Infeasible or SolveStatus.InfeasibleOrUnbounded => ClearingStatus.Infeasible,
                SolveStatus.Unbounded => ClearingStatus.Unbounded,
                _ => ClearingStatus.Error,
            };
            return Failed(input, status, $"The two-stage problem ended with {rp.Status}: {rp.Message ?? "no message"}.", clock);
        }

        var p = market.Problem;
        var first = rp.FirstStage;
        var net = input.Participants.ToDictionary(x => x.Id, _ => new double[n]);
        var fills = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var u = 0; u < p.Units.Count; u++)
        {
            net[p.Units[u].Owner!.Value][p.Units[u].Slot] += first.UnitsMw![u] * 1000.0;
        }

        for (var j = 0; j < p.Demands.Count; j++)
        {
            net[p.Demands[j].Owner!.Value][p.Demands[j].Slot] -= first.DemandsMw![j] * 1000.0;
        }

        foreach (var (order, mw) in p.Units.Select((u, i) => (u.Id, first.UnitsMw![i])).Concat(p.Demands.Select((d, i) => (d.Id, first.DemandsMw![i]))))
        {
            var hash = order.LastIndexOf('#');
            if (hash > 0)
            {
                var id = order[..hash];
                fills[id] = fills.GetValueOrDefault(id) + (mw * 1000.0 * p.SlotHours);
            }
        }

        for (var i = 0; i < p.Renewables.Count; i++)
        {
            for (var t = 0; t < n; t++)
            {
                net[p.Renewables[i].Owner!.Value][t] += first.RenewablesMw![i][t] * 1000.0;
            }
        }

        foreach (var load in p.Loads)
        {
            for (var t = 0; t < n; t++)
            {
                net[load.Owner!.Value][t] -= load.ForecastMw[t] * 1000.0;
            }
        }

        var prices = rp.DayAheadPricesEurPerMwh;
        var netImport = Enumerable.Range(0, n).Select(t => (first.ImportMw![t] - first.ExportMw![t]) * 1000.0).ToArray();
        var eevOk = evaluation.ExpectedValueEvaluated is { IsOptimal: true };
        var warnings = new List<string>();
        if (input.Grid is not null)
        {
            warnings.Add("stochastic-pool clears on the copper plate; the scenario's grid is not modelled (the AC check still runs).");
        }

        if (!eevOk)
        {
            warnings.Add("The expected-value schedule is infeasible in some scenario; VSS is reported as infinite (vss_eur = -1 in the diagnostics).");
        }

        return new ClearingResult
        {
            Mechanism = Name,
            Status = ClearingStatus.Optimal,
            Warnings = warnings,
            MarketName = input.Name,
            SlotCount = n,
            PricesEurPerMwh = [.. prices.Select(x => (IReadOnlyList<double>)[x])],
            PriceSources = [.. Enumerable.Repeat("dual", n)],
            Positions = [.. input.Participants.Select(x => new ClearingPosition(x.Id, net[x.Id], prices))],
            ImportKw = [.. netImport.Select(x => Math.Max(0.0, x))],
            ExportKw = [.. netImport.Select(x => Math.Max(0.0, -x))],
            WelfareEur = (decimal)Math.Round(-rp.ExpectedCostEur, 6),
            OrderFillsKwh = fills,
            Diagnostics = new Dictionary<string, double>
            {
                ["expected_cost_eur"] = rp.ExpectedCostEur,
                ["cvar_eur"] = rp.CvarEur,
                ["var_eur"] = rp.VarEur,
                ["objective_eur"] = rp.ObjectiveEur,
                ["vss_eur"] = eevOk ? evaluation.VssEur : -1,
                ["evpi_eur"] = evaluation.EvpiEur,
                ["scenarios"] = market.Scenarios.Count,
                ["samples"] = parameters.Samples,
                ["variables"] = rp.Variables,
                ["constraints"] = rp.Constraints,
            },
            WallSeconds = clock.Elapsed.TotalSeconds,
            Report = new StochasticReport(market, evaluation),
        };
    }

    private ClearingResult Failed(MarketInput input, ClearingStatus status, string message, Stopwatch clock) => new()
    {
        Mechanism = Name,
        Status = status,
        Message = message,
        MarketName = input.Name,
        SlotCount = input.Horizon.Count,
        Positions = [],
        ImportKw = new double[input.Horizon.Count],
        ExportKw = new double[input.Horizon.Count],
        WallSeconds = clock.Elapsed.TotalSeconds,
    };
}
