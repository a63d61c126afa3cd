using System.Collections.Concurrent;
using Lem.Markets.Assets;
using Lem.Markets.Pool;

namespace Lem.Simulation.Delivery;

/// <summary>
/// Delivery with the actual series (docs/simulation.md#delivery): loads draw what they actually draw (less a planned
/// shed), PV and wind produce what the weather actually allows (less a planned curtailment), and storage follows its
/// planned schedule where its actual state allows: a battery or EV charges and discharges as planned up to its power
/// and energy limits; a heat pump draws its planned power unless the store would leave the comfort band with the actual
/// thermal demand, when it draws what keeps the store at the band's edge (within its power range). Each kind registers
/// its rule in the static constructor, one line each.
/// </summary>
public static class AssetDelivery
{
    private const double Slack = 1e-9;
    private static readonly ConcurrentDictionary<Type, Func<Asset, AssetDispatch?, Horizon, AssetOutcome>> Rules = new();

    static AssetDelivery()
    {
        Register<InflexibleLoad>((a, _, h) => new AssetOutcome([.. a.DemandKw.Values.Select(d => -d)], null, 0, 0));
        Register<CurtailableLoad>(DeliverCurtailable);
        Register<FlexibleLoad>(DeliverFlexible);
        Register<RenewableGenerator>(DeliverRenewable);
        Register<Battery>(DeliverBattery);
        Register<ElectricVehicle>(DeliverVehicle);
        Register<HeatPump>(DeliverHeatPump);
    }

    /// <summary>Registers the delivery rule of asset kind <typeparamref name="T"/>.</summary>
    public static void Register<T>(Func<T, AssetDispatch?, Horizon, AssetOutcome> rule)
        where T : Asset
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rules.TryAdd(typeof(T), (a, p, h) => rule((T)a, p, h));
    }

    /// <summary>
    /// Delivers <paramref name="actual"/> (the asset with the actual series and the state it starts the day with) along
    /// <paramref name="plan"/> (its planned schedule, or null to run without one).
    /// </summary>
    /// <exception cref="NotSupportedException">When no rule is registered for the asset's kind.</exception>
    public static AssetOutcome Deliver(Asset actual, AssetDispatch? plan, Horizon horizon)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(horizon);
        return Rules.TryGetValue(actual.GetType(), out var rule)
            ? rule(actual, plan, horizon)
            : throw new NotSupportedException($"The simulation cannot deliver assets of kind '{actual.Kind}'; register a rule in AssetDelivery.");
    }

    private static AssetOutcome DeliverCurtailable(CurtailableLoad a, AssetDispatch? plan, Horizon h) =>
        LessPlanned(a.DemandKw, (plan as LoadDispatch)?.ShedKw, -1, a.ValueOfLostLoad.EurPerKwh, h.SlotHours);

    /// <summary>The actual series less a planned reduction (shed, curtailment), never below zero, with the reduction's cost; <paramref name="sign"/> −1 for a load, +1 for a generator.</summary>
    private static AssetOutcome LessPlanned(SlotSeries actual, IReadOnlyList<double>? reduction, double sign, double eurPerKwh, double hours)
    {
        var net = new double[actual.Count];
        var cost = 0.0;
        for (var t = 0; t < net.Length; t++)
        {
            var cut = Math.Min(actual[t], reduction?[t] ?? 0);
            net[t] = sign * (actual[t] - cut);
            cost += cut * hours * eurPerKwh;
        }

        return new AssetOutcome(net, null, cost, 0);
    }

    private static AssetOutcome DeliverFlexible(FlexibleLoad a, AssetDispatch? plan, Horizon h)
    {
        if (plan is LoadDispatch d)
        {
            return new AssetOutcome([.. d.ConsumptionKw.Select(p => -p)], null, 0, 0);
        }

        // Without a plan: the energy spread evenly over the window's slots.
        var inWindow = h.Slots.Where(s => s.Start >= a.WindowStart && s.End <= a.WindowEnd).Select(s => s.Index).ToList();
        var net = new double[h.Count];
        foreach (var t in inWindow)
        {
            net[t] = -Math.Min(a.MaxPower.Kw, a.Energy.Kwh / (inWindow.Count * h.SlotHours));
        }

        return new AssetOutcome(net, null, 0, 0);
    }

    private static AssetOutcome DeliverRenewable(RenewableGenerator a, AssetDispatch? plan, Horizon h) =>
        LessPlanned(a.AvailableKw, (plan as RenewableDispatch)?.CurtailedKw, 1, a.CurtailmentCost.EurPerKwh, h.SlotHours);

    private static AssetOutcome DeliverBattery(Battery b, AssetDispatch? plan, Horizon h)
    {
        var dt = h.SlotHours;
        var d = plan as BatteryDispatch;
        var e = b.InitialSoc.Kwh;
        var net = new double[h.Count];
        var discharged = 0.0;
        for (var t = 0; t < net.Length; t++)
        {
            var ch = Math.Min(Math.Max(0, d?.ChargeKw[t] ?? 0), b.MaxCharge.Kw);
            var dis = Math.Min(Math.Max(0, d?.DischargeKw[t] ?? 0), b.MaxDischarge.Kw);
            var room = (b.SocMax.Kwh - e) / (b.ChargeEfficiency * dt);
            if (ch > room + Slack)
            {
                ch = Math.Max(0, room);
            }

            var held = (e - b.SocMin.Kwh) * b.DischargeEfficiency / dt;
            if (dis > held + Slack)
            {
                dis = Math.Max(0, held);
            }

            e = Math.Clamp(e + (b.ChargeEfficiency * ch * dt) - (dis * dt / b.DischargeEfficiency), b.SocMin.Kwh, b.SocMax.Kwh);
            net[t] = dis - ch;
            discharged += dis * dt;
        }

        var cost = discharged * b.DegradationCost.EurPerKwh;
        return new AssetOutcome(net, e, cost, b.TerminalValue.EurPerKwh * (e - b.InitialSoc.Kwh));
    }

    private static AssetOutcome DeliverVehicle(ElectricVehicle v, AssetDispatch? plan, Horizon h)
    {
        var dt = h.SlotHours;
        var d = plan as EvDispatch;
        var e = v.ArrivalEnergy.Kwh;
        var net = new double[h.Count];
        foreach (var slot in h.Slots)
        {
            var t = slot.Index;
            if (slot.Start < v.Arrival || slot.End > v.Departure)
            {
                continue;
            }

            // Without a plan: plug and charge at full power until the requirement is met.
            var ch = Math.Min(Math.Max(0, d is null ? Math.Max(0, v.RequiredEnergy.Kwh - e) / (v.ChargeEfficiency * dt) : d.ChargeKw[t]), v.MaxCharge.Kw);
            var dis = v.VehicleToGrid ? Math.Min(Math.Max(0, d?.DischargeKw[t] ?? 0), v.MaxDischarge.Kw) : 0;
            var room = (v.Capacity.Kwh - e) / (v.ChargeEfficiency * dt);
            if (ch > room + Slack)
            {
                ch = Math.Max(0, room);
            }

            var held = e * v.DischargeEfficiency / dt;
            if (dis > held + Slack)
            {
                dis = Math.Max(0, held);
            }

            e = Math.Clamp(e + (v.ChargeEfficiency * ch * dt) - (dis * dt / v.DischargeEfficiency), 0, v.Capacity.Kwh);
            net[t] = dis - ch;
        }

        return new AssetOutcome(net, e, 0, 0);
    }

    private static AssetOutcome DeliverHeatPump(HeatPump hp, AssetDispatch? plan, Horizon h)
    {
        var dt = h.SlotHours;
        var d = plan as HeatPumpDispatch;
        var keep = hp.Retention(dt);
        var e = hp.InitialEnergy.Kwh;
        var net = new double[h.Count];
        for (var t = 0; t < net.Length; t++)
        {
            var cop = hp.Cop[t];
            var demand = hp.ThermalDemandKw[t];
            var p = Math.Clamp(d?.ElectricKw[t] ?? hp.MinPower.Kw, hp.MinPower.Kw, hp.MaxPower.Kw);
            var next = (keep * e) + (((cop * p) - demand) * dt);
            if (next < hp.ComfortMin.Kwh - Slack)
            {
                p = Math.Min(hp.MaxPower.Kw, ((hp.ComfortMin.Kwh - (keep * e)) / dt + demand) / cop);
            }
            else if (next > hp.ComfortMax.Kwh + Slack)
            {
                p = Math.Max(hp.MinPower.Kw, ((hp.ComfortMax.Kwh - (keep * e)) / dt + demand) / cop);
            }

            e = (keep * e) + (((cop * p) - demand) * dt);

            // Rounding may put the store a hair outside the comfort band; the next day starts inside it.
            if (Math.Abs(e - hp.ComfortMin.Kwh) < 1e-6 && e < hp.ComfortMin.Kwh)
            {
                e = hp.ComfortMin.Kwh;
            }
            else if (Math.Abs(e - hp.ComfortMax.Kwh) < 1e-6 && e > hp.ComfortMax.Kwh)
            {
                e = hp.ComfortMax.Kwh;
            }

            e = Math.Clamp(e, 0, hp.StorageCapacity.Kwh);
            net[t] = -p;
        }

        return new AssetOutcome(net, e, 0, 0);
    }
}
