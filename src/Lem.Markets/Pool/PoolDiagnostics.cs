using System.Globalization;
using Lem.Domain.Assets;
using Lem.Domain.Orders;
using Lem.Domain.Time;
using Lem.Optimization;
using Lem.Markets.Clearing;

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
        var h = horizon.SlotHours;
        foreach (var p in scenario.Participants)
        {
            foreach (var asset in p.Assets)
            {
                switch (asset)
                {
                    case ElectricVehicle ev:
                        CheckEv(ev, p.Id, horizon, causes);
                        break;
                    case FlexibleLoad flex:
                        CheckFlexible(flex, p.Id, horizon, causes);
                        break;
                    case Battery battery:
                        CheckBattery(battery, p.Id, horizon.Count * h, causes);
                        break;
                }
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
            return $"The clearing is infeasible even with every EV, flexible-load and battery requirement relaxed and demand allowed to go unserved at every bus: the constraints of the '{formulation}' grid formulation (voltage or flow limits) cannot be met in any slot schedule.";
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

    private static void CheckEv(ElectricVehicle ev, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        var (first, end) = EvModel.PluggedSlots(ev, horizon);
        var hours = (end - first) * horizon.SlotHours;
        var need = ev.RequiredEnergy.Kwh - ev.ArrivalEnergy.Kwh;
        var most = ev.ChargeEfficiency * ev.MaxCharge.Kw * hours;
        string? why = null;
        if (ev.RequiredEnergy > ev.Capacity)
        {
            why = F($"its required {ev.RequiredEnergy.Kwh:0.###} kWh is above its capacity of {ev.Capacity.Kwh:0.###} kWh");
        }
        else if (ev.ArrivalEnergy > ev.Capacity)
        {
            why = F($"its arrival energy of {ev.ArrivalEnergy.Kwh:0.###} kWh is above its capacity of {ev.Capacity.Kwh:0.###} kWh");
        }
        else if (need > most + 1e-9)
        {
            why = end == first
                ? F($"it needs {need:0.###} kWh more than its arrival energy but is plugged in for no whole slot of the horizon")
                : F($"it needs {need:0.###} kWh more than its arrival energy but can receive at most {most:0.###} kWh ({hours:0.###} h plugged in at {ev.MaxCharge.Kw:0.###} kW with efficiency {ev.ChargeEfficiency:0.###})");
        }

        if (why is not null)
        {
            causes.Add($"EV '{ev.Id}' of participant '{owner}' cannot reach its required energy: {why}");
        }
    }

    private static void CheckFlexible(FlexibleLoad flex, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        var (first, end) = FlexibleLoadModel.WindowSlots(flex, horizon);
        var hours = (end - first) * horizon.SlotHours;
        var e = flex.Energy.Kwh;
        string? why = null;
        if (flex.MinPower > flex.MaxPower)
        {
            why = F($"its minimum power {flex.MinPower.Kw:0.###} kW is above its maximum power {flex.MaxPower.Kw:0.###} kW");
        }
        else if (end == first && e > 1e-9)
        {
            why = F($"it needs {e:0.###} kWh but its window holds no whole slot of the horizon");
        }
        else if (e > (flex.MaxPower.Kw * hours) + 1e-9)
        {
            why = F($"it needs {e:0.###} kWh but its window of {hours:0.###} h at most {flex.MaxPower.Kw:0.###} kW holds {flex.MaxPower.Kw * hours:0.###} kWh");
        }
        else if ((flex.MinPower.Kw * hours) > e + 1e-9)
        {
            why = F($"drawing its minimum power {flex.MinPower.Kw:0.###} kW for the {hours:0.###} h of its window already exceeds its {e:0.###} kWh");
        }

        if (why is not null)
        {
            causes.Add($"flexible load '{flex.Id}' of participant '{owner}' cannot receive its energy: {why}");
        }
    }

    private static void CheckBattery(Battery b, ParticipantId owner, double horizonHours, List<string> causes)
    {
        string? why = null;
        if (b.SocMin > b.SocMax)
        {
            why = F($"its minimum state of charge {b.SocMin.Kwh:0.###} kWh is above its maximum {b.SocMax.Kwh:0.###} kWh");
        }
        else if (b.InitialSoc < b.SocMin || b.InitialSoc > b.SocMax)
        {
            why = F($"its initial state of charge {b.InitialSoc.Kwh:0.###} kWh is outside [{b.SocMin.Kwh:0.###}, {b.SocMax.Kwh:0.###}] kWh");
        }
        else if (b.TerminalSocMin > b.SocMax)
        {
            why = F($"its terminal state of charge {b.TerminalSocMin.Kwh:0.###} kWh is above its maximum {b.SocMax.Kwh:0.###} kWh");
        }
        else
        {
            var reachable = b.InitialSoc.Kwh + (b.ChargeEfficiency * b.MaxCharge.Kw * horizonHours);
            if (b.TerminalSocMin.Kwh > reachable + 1e-9)
            {
                why = F($"it starts at {b.InitialSoc.Kwh:0.###} kWh and can reach at most {reachable:0.###} kWh by the end of the horizon, below its terminal state of charge of {b.TerminalSocMin.Kwh:0.###} kWh");
            }
        }

        if (why is not null)
        {
            causes.Add($"battery '{b.Id}' of participant '{owner}' cannot meet its state-of-charge limits: {why}");
        }
    }

    private static void CheckImportLimit(MarketInput scenario, List<string> causes)
    {
        if (scenario.OutsideMarket.ImportLimit is not { } limit)
        {
            return;
        }

        var horizon = scenario.Horizon;
        var n = horizon.Count;
        var demand = new double[n];
        var supply = new double[n];
        var largest = new List<(double Kw, string Who)>[n];
        for (var t = 0; t < n; t++)
        {
            largest[t] = [];
        }

        foreach (var p in scenario.Participants)
        {
            foreach (var asset in p.Assets)
            {
                switch (asset)
                {
                    case InflexibleLoad load:
                        for (var t = 0; t < n; t++)
                        {
                            demand[t] += load.DemandKw[t];
                            largest[t].Add((load.DemandKw[t], $"'{load.Id}' of '{p.Id}'"));
                        }

                        break;
                    case FlexibleLoad flex:
                        var (ff, fe) = FlexibleLoadModel.WindowSlots(flex, horizon);
                        for (var t = ff; t < fe; t++)
                        {
                            demand[t] += flex.MinPower.Kw;
                        }

                        break;
                    case RenewableGenerator g:
                        for (var t = 0; t < n; t++)
                        {
                            supply[t] += g.AvailableKw[t];
                        }

                        break;
                    case Battery b:
                        for (var t = 0; t < n; t++)
                        {
                            supply[t] += b.MaxDischarge.Kw;
                        }

                        break;
                    case ElectricVehicle ev when ev.VehicleToGrid:
                        var (ef, ee) = EvModel.PluggedSlots(ev, horizon);
                        for (var t = ef; t < ee; t++)
                        {
                            supply[t] += ev.MaxDischarge.Kw;
                        }

                        break;
                    case CurtailableLoad:
                        break; // it can be shed
                }
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
