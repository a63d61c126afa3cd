namespace Lem.Markets.Pool;

/// <summary>
/// Finds the likely cause of an infeasible or unbounded clearing: exact per-asset checks first (each is a necessary
/// condition of feasibility, so a failed check proves infeasibility), then an elastic re-solve in which every
/// requirement may be missed at a penalty, reporting what had to give.
/// </summary>
internal static class PoolDiagnostics
{
    private const double ToleranceKw = 1e-6;
    private const int MaxCauses = 5;

    /// <summary>Checks each asset on its own and each slot's import limit against the demand that must be served.</summary>
    public static IReadOnlyList<string> StaticCauses(MarketInput scenario)
    {
        var causes = new List<string>();
        var horizon = scenario.Horizon;
        foreach (var p in scenario.Participants)
        {
            foreach (var asset in p.Assets)
            {
                AssetKinds.Of(asset).CheckFeasibility(asset, p.Id, horizon, causes);
            }
        }

        CheckImportLimit(scenario, causes);
        return causes;
    }

    /// <summary>Re-solves with every requirement soft and says what had to give.</summary>
    public static string ElasticCause(PoolSetup setup, Func<OptimizationModel, Solution> solve)
    {
        var elastic = PoolModel.Build(setup, new HashSet<AssetId>(), elastic: true);
        var solution = solve(elastic.Model);
        var formulation = setup.Formulation.Name;
        if (solution.Status != SolveStatus.Optimal && solution.Status != SolveStatus.Feasible)
        {
            return $"The clearing is infeasible even with every EV, flexible-load, battery and heat-pump requirement relaxed and demand allowed to go unserved at every bus: the constraints of the '{formulation}' grid formulation (voltage or flow limits) cannot be met in any slot schedule.";
        }

        var values = solution.Values.ToArray();
        var causes = elastic.Assets.Select(a => a.Shortfall(values)).OfType<string>().ToList();
        causes.AddRange(BalanceShortfalls(elastic, values));
        if (causes.Count == 0)
        {
            return $"The solver reports the clearing infeasible, but relaxing every requirement finds no shortfall; the model is numerically on the edge of feasibility (solver message: {solution.Message ?? "none"}).";
        }

        return Sentence(causes);
    }

    /// <summary>Says why welfare could grow without bound, or gives the general reason.</summary>
    public static string UnboundedCause(MarketInput scenario)
    {
        var m = scenario.OutsideMarket;
        if (m.ImportLimit is null && m.ExportLimit is null)
        {
            for (var t = 0; t < scenario.Horizon.Count; t++)
            {
                if (m.WholesaleExportEurPerMwh[t] > m.WholesaleImportEurPerMwh[t])
                {
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"The clearing is unbounded: in slot {t} ({Local(scenario.Horizon, t)}) the export price {m.WholesaleExportEurPerMwh[t]:0.###} EUR/MWh is above the import price {m.WholesaleImportEurPerMwh[t]:0.###} EUR/MWh and neither has a limit, so importing to export earns without bound.");
                }
            }
        }

        return "The clearing is unbounded: some exchange earns without limit; give the outside market import and export limits.";
    }

    /// <summary>Joins causes into one message.</summary>
    public static string Sentence(IReadOnlyList<string> causes)
    {
        var shown = causes.Take(MaxCauses).ToList();
        var more = causes.Count > MaxCauses ? $" ({causes.Count - MaxCauses} more)" : string.Empty;
        return $"The clearing is infeasible. Likely cause: {string.Join("; ", shown)}{more}.";
    }

    /// <summary>A slot's local start time in the horizon's zone.</summary>
    public static string Local(Horizon horizon, int slot) =>
        horizon.Slots[slot].Start.InZone(horizon.Zone).ToString("uuuu-MM-dd'T'HH:mmo<g>", CultureInfo.InvariantCulture);

    private static void CheckImportLimit(MarketInput scenario, List<string> causes)
    {
        if (scenario.OutsideMarket.ImportLimit is not { } limit)
        {
            return;
        }

        var horizon = scenario.Horizon;
        var n = horizon.Count;
        var check = new ImportCheck(n);
        var demand = check.DemandKw;
        var supply = check.SupplyKw;
        var largest = check.Largest;
        foreach (var p in scenario.Participants)
        {
            foreach (var asset in p.Assets)
            {
                AssetKinds.Of(asset).AddToImportCheck(asset, p.Id, horizon, check);
            }

            foreach (var o in p.Orders.Where(o => o.Side == OrderSide.Sell && o.SlotIndex < n))
            {
                supply[o.SlotIndex] += (double)o.TotalQuantityKwh / horizon.SlotHours;
            }
        }

        var short_ = Enumerable.Range(0, n).Where(t => demand[t] > supply[t] + limit.Kw + ToleranceKw).ToList();
        if (short_.Count == 0)
        {
            return;
        }

        var s = short_[0];
        var top = string.Join(", ", largest[s].OrderByDescending(x => x.Kw).Take(3).Select(x => F($"{x.Who} {x.Kw:0.###} kW")));
        causes.Add(F($"the demand that must be served exceeds the import limit of {limit.Kw:0.###} kW plus all local supply in {short_.Count} slot(s), first in slot {s} ({Local(horizon, s)}): {demand[s]:0.###} kW must be served but at most {supply[s]:0.###} kW can come from local generation, storage and offers (largest loads: {top})"));
    }

    private static IEnumerable<string> BalanceShortfalls(PoolModel m, double[] values)
    {
        if (m.Unserved is null || m.Dumped is null)
        {
            yield break;
        }

        var horizon = m.Setup.Market.Horizon;
        foreach (var (vars, what) in new[] { (m.Unserved, "demand cannot be served"), (m.Dumped, "injections cannot be absorbed") })
        {
            var slots = new List<int>();
            var worst = (Kw: 0.0, Slot: -1, Bus: -1);
            for (var t = 0; t < vars.Length; t++)
            {
                for (var b = 0; b < vars[t].Length; b++)
                {
                    var kw = values[vars[t][b].Index] * 1000.0;
                    if (kw > 1e-4)
                    {
                        if (slots.Count == 0 || slots[^1] != t)
                        {
                            slots.Add(t);
                        }

                        if (kw > worst.Kw)
                        {
                            worst = (kw, t, b);
                        }
                    }
                }
            }

            if (slots.Count > 0)
            {
                yield return F($"{what} in {slots.Count} slot(s), first in slot {slots[0]} ({Local(horizon, slots[0])}); the largest gap is {worst.Kw:0.###} kW at bus '{m.Setup.Index.BusIdOf(worst.Bus)}' in slot {worst.Slot} ({Local(horizon, worst.Slot)}), with the import limit of {Limit(m.Setup.Market.OutsideMarket.ImportLimit)} and the export limit of {Limit(m.Setup.Market.OutsideMarket.ExportLimit)}");
            }
        }
    }

    private static string Limit(Domain.Units.Power? p) => p is { } v ? F($"{v.Kw:0.###} kW") : "none";

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
