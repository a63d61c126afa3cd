using Lem.Domain.Assets;
using Lem.Domain.Orders;
using Lem.Grid.Indexing;
using Lem.Markets.Pool;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Testing;
using Lem.Markets.Assets;

namespace Lem.Markets.Tests;

/// <summary>Checks a pool result against its scenario independently of the model: balance, asset limits, welfare.</summary>
internal static class PoolChecks
{
    /// <summary>
    /// Σ participants' injections + import − export = losses + shunt consumption in every slot, within 1e-6 MW.
    /// Shunts (transformer iron losses, for example) consume G·|V|² where the formulation has voltages and G at
    /// |V| = 1 for the bus shunts of the DC model; the copper plate has none.
    /// </summary>
    public static void EnergyBalance(Scenario scenario, PoolResult r)
    {
        var h = scenario.Horizon.SlotHours;
        var index = scenario.Grid is null ? null : NetworkIndex.Build(scenario.Grid);
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            var injectedMw = r.Participants.Sum(p => p.NetInjectionKw[t]) / 1000.0;
            var slot = r.Slots[t];
            var balance = injectedMw + (slot.ImportMwh / h) - (slot.ExportMwh / h) - slot.LossesMw - ShuntMw(index, r.FormulationName, slot);
            Approx.Equal(0, balance, 1e-6, what: $"balance of slot {t} (MW)");
        }
    }

    /// <summary>The active power the shunts consume in a slot, MW.</summary>
    private static double ShuntMw(NetworkIndex? index, string formulation, PoolSlot slot)
    {
        if (index is null || formulation == "copperplate")
        {
            return 0;
        }

        var g = index.GShPu.ToArray();
        if (slot.VoltagesPu is null)
        {
            return g.Sum() * index.BaseMva; // DC: bus shunts at |V| = 1, branch shunts dropped
        }

        for (var k = 0; k < index.BranchCount; k++)
        {
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            g[index.FromIndex[k]] += index.GPu[k] / (2 * tap * tap);
            g[index.ToIndex[k]] += index.GPu[k] / 2;
        }

        return g.Select((gi, i) => gi * slot.VoltagesPu[i] * slot.VoltagesPu[i]).Sum() * index.BaseMva;
    }

    /// <summary>Every asset within its limits: SoC model and bounds, EV requirements, flexible energy, heat-pump store and comfort band, PV availability.</summary>
    public static void AssetLimits(Scenario scenario, PoolResult r)
    {
        var h = scenario.Horizon.SlotHours;
        var n = scenario.Horizon.Count;
        var dispatch = r.Assets.ToDictionary(a => a.Asset);
        const double tol = 1e-6;
        foreach (var asset in scenario.Participants.SelectMany(p => p.Assets))
        {
            switch (asset, dispatch[asset.Id])
            {
                case (Battery b, BatteryDispatch d):
                    var e = b.InitialSoc.Kwh;
                    for (var t = 0; t < n; t++)
                    {
                        Assert.InRange(d.ChargeKw[t], -tol, b.MaxCharge.Kw + tol);
                        Assert.InRange(d.DischargeKw[t], -tol, b.MaxDischarge.Kw + tol);
                        e += (b.ChargeEfficiency * d.ChargeKw[t] * h) - (d.DischargeKw[t] * h / b.DischargeEfficiency);
                        Approx.Equal(e, d.SocKwh[t], 1e-6, what: $"SoC of {b.Id} in slot {t}");
                        Assert.InRange(d.SocKwh[t], b.SocMin.Kwh - tol, b.SocMax.Kwh + tol);
                    }

                    Assert.True(d.SocKwh[n - 1] >= b.TerminalSocMin.Kwh - tol, $"{b.Id} ends at {d.SocKwh[n - 1]} kWh below {b.TerminalSocMin.Kwh}");
                    if (b.Cyclic)
                    {
                        Approx.Equal(b.InitialSoc.Kwh, d.SocKwh[n - 1], tol, what: $"{b.Id} is cyclic: its end SoC");
                    }

                    break;
                case (ElectricVehicle ev, EvDispatch d):
                    var energy = ev.ArrivalEnergy.Kwh;
                    for (var t = 0; t < n; t++)
                    {
                        var plugged = scenario.Horizon.Slots[t].Start >= ev.Arrival && scenario.Horizon.Slots[t].End <= ev.Departure;
                        Assert.InRange(d.ChargeKw[t], -tol, plugged ? ev.MaxCharge.Kw + tol : tol);
                        energy += (ev.ChargeEfficiency * d.ChargeKw[t] * h) - (d.DischargeKw[t] * h / ev.DischargeEfficiency);
                        Assert.InRange(energy, -tol, ev.Capacity.Kwh + tol);
                    }

                    var atEnd = ev.RequiredAtHorizonEnd(scenario.Horizon.End).Kwh;
                    Assert.True(energy >= atEnd - 1e-6, $"{ev.Id} ends with {energy} kWh below the {atEnd} kWh it must hold");
                    Approx.Equal(energy, d.EnergyKwh[n - 1], 1e-6);
                    break;
                case (FlexibleLoad f, LoadDispatch d):
                    var delivered = 0.0;
                    for (var t = 0; t < n; t++)
                    {
                        var inWindow = scenario.Horizon.Slots[t].Start >= f.WindowStart && scenario.Horizon.Slots[t].End <= f.WindowEnd;
                        Assert.InRange(d.ConsumptionKw[t], inWindow ? f.MinPower.Kw - tol : -tol, inWindow ? f.MaxPower.Kw + tol : tol);
                        delivered += d.ConsumptionKw[t] * h;
                    }

                    Approx.Equal(f.Energy.Kwh, delivered, 1e-6, what: $"energy of {f.Id}");
                    break;
                case (RenewableGenerator g, RenewableDispatch d):
                    for (var t = 0; t < n; t++)
                    {
                        Assert.InRange(d.OutputKw[t], -tol, g.AvailableKw[t] + tol);
                        Approx.Equal(g.AvailableKw[t], d.OutputKw[t] + d.CurtailedKw[t], 1e-6);
                    }

                    break;
                case (InflexibleLoad l, LoadDispatch d):
                    Assert.Equal(l.DemandKw.Values, d.ConsumptionKw);
                    break;
                case (HeatPump hp, HeatPumpDispatch d):
                    var heat = hp.InitialEnergy.Kwh;
                    for (var t = 0; t < n; t++)
                    {
                        Assert.InRange(d.ElectricKw[t], hp.MinPower.Kw - tol, hp.MaxPower.Kw + tol);
                        heat = ((1 - (hp.StandingLossPerHour * h)) * heat) + (((hp.Cop[t] * d.ElectricKw[t]) - hp.ThermalDemandKw[t]) * h);
                        Approx.Equal(heat, d.StoredHeatKwh[t], 1e-6, what: $"stored heat of {hp.Id} in slot {t}");
                        Assert.InRange(d.StoredHeatKwh[t], hp.ComfortMin.Kwh - tol, hp.ComfortMax.Kwh + tol);
                    }

                    Assert.True(d.StoredHeatKwh[n - 1] >= hp.FinalEnergyMin.Kwh - tol, $"{hp.Id} ends at {d.StoredHeatKwh[n - 1]} kWh_th below {hp.FinalEnergyMin.Kwh}");
                    break;
                case (CurtailableLoad l, LoadDispatch d):
                    for (var t = 0; t < n; t++)
                    {
                        Approx.Equal(l.DemandKw[t], d.ConsumptionKw[t] + d.ShedKw[t], 1e-6);
                    }

                    break;
                default:
                    Assert.Fail($"Asset {asset.Id} has a dispatch of the wrong kind.");
                    break;
            }
        }
    }

    /// <summary>The welfare recomputed from the reported dispatch and the scenario's prices, in EUR.</summary>
    public static double RecomputeWelfareEur(Scenario scenario, PoolResult r)
    {
        var h = scenario.Horizon.SlotHours;
        var m = scenario.OutsideMarket;
        var welfare = 0.0;
        for (var t = 0; t < scenario.Horizon.Count; t++)
        {
            welfare += (m.WholesaleExportEurPerMwh[t] * r.Slots[t].ExportMwh) - (m.WholesaleImportEurPerMwh[t] * r.Slots[t].ImportMwh);
        }

        var orders = scenario.Participants.SelectMany(p => p.Orders).ToDictionary(o => o.Id);
        foreach (var o in r.Orders)
        {
            var order = orders[o.Order];
            var sign = order.Side == OrderSide.Buy ? 1.0 : -1.0;
            welfare += sign * order.Steps.Select((s, k) => (double)s.PriceEurPerMwh * o.AcceptedKwh[k] / 1000.0).Sum();
        }

        var dispatch = r.Assets.ToDictionary(a => a.Asset);
        foreach (var asset in scenario.Participants.SelectMany(p => p.Assets))
        {
            welfare -= (asset, dispatch[asset.Id]) switch
            {
                // Degradation, less the value of the energy left at the end (docs/mechanisms/pool.md#storage-at-the-horizons-end).
                (Battery b, BatteryDispatch d) => (b.DegradationCost.EurPerMwh * d.DischargeKw.Sum() * h / 1000.0) - (b.TerminalValue.EurPerMwh * (d.SocKwh[^1] - b.InitialSoc.Kwh) / 1000.0),

                // An EV plugged in at the end pays its terminal value for what it still lacks of its requirement.
                (ElectricVehicle ev, EvDispatch d) when ev.TerminalValue is { } v && ev.Departure > scenario.Horizon.End =>
                    v.EurPerMwh * Math.Max(0, Math.Min(ev.RequiredEnergy.Kwh, ev.Capacity.Kwh) - d.EnergyKwh[^1]) / 1000.0,
                (RenewableGenerator g, RenewableDispatch d) => g.CurtailmentCost.EurPerMwh * d.CurtailedKw.Sum() * h / 1000.0,
                (CurtailableLoad l, LoadDispatch d) => l.ValueOfLostLoad.EurPerMwh * d.ShedKw.Sum() * h / 1000.0,
                _ => 0.0,
            };
        }

        return welfare;
    }

    /// <summary>All the checks, and the welfare equal to its recomputation.</summary>
    public static void All(Scenario scenario, PoolResult r)
    {
        Assert.Equal(PoolStatus.Optimal, r.Status);
        EnergyBalance(scenario, r);
        AssetLimits(scenario, r);
        var recomputed = RecomputeWelfareEur(scenario, r);
        Approx.Equal(recomputed, (double)r.WelfareEur, 1e-5, 1e-9, what: "welfare against its recomputation from the dispatch");
        Approx.Equal((double)r.WelfareEur, r.Slots.Sum(s => (double)s.WelfareEur), 1e-5);
        Approx.Equal(r.ImportMwh, r.Slots.Sum(s => s.ImportMwh), 1e-9);
        Approx.Equal(r.ExportMwh, r.Slots.Sum(s => s.ExportMwh), 1e-9);
        Assert.All(r.Slots, s => Assert.True(s.ImportMwh <= 1e-9 || s.ExportMwh <= 1e-9, $"slot {s.Index} both imports and exports"));
    }
}
