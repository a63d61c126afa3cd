using System.Globalization;
using Lem.Domain.Assets;
using Lem.Domain.Ids;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Domain.Validation;
using Lem.Domain.Reading;
using NodaTime;

namespace Lem.Scenarios.Reading;

/// <summary>Reads one entry of a participant's <c>assets</c>, dispatching on its <c>type</c>.</summary>
internal static class AssetReader
{
    public static readonly string[] Types = ["inflexible_load", "pv", "wind", "battery", "ev", "flexible_load", "curtailable_load"];

    private static readonly NumberRange PriceRange = NumberRange.Between(-10_000, 100_000);

    public static Asset? Read(ObjectReader r, ReadContext c, Dictionary<string, string> assetIds)
    {
        var type = r.Choice("type", required: true, Types);
        var id = ReadId(r, assetIds);
        var name = r.String("name", required: false);
        Asset? asset = type switch
        {
            "inflexible_load" => InflexibleLoad(r, c, id, name),
            "pv" => Renewable(r, c, id, name, RenewableKind.Pv),
            "wind" => Renewable(r, c, id, name, RenewableKind.Wind),
            "battery" => Battery(r, c, id, name),
            "ev" => Ev(r, c, id, name),
            "flexible_load" => Flexible(r, c, id, name),
            "curtailable_load" => Curtailable(r, c, id, name),
            _ => null,
        };

        if (type is not null)
        {
            r.ReportUnknown();
        }

        return asset;
    }

    private static AssetId? ReadId(ObjectReader r, Dictionary<string, string> ids)
    {
        var s = r.String("id", required: true);
        if (s is null)
        {
            return null;
        }

        var problem = IdRules.Problem(s);
        if (problem is not null)
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdInvalid, problem);
            return null;
        }

        if (!ids.TryAdd(s, r.PathOf("id")))
        {
            r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdDuplicate, $"The asset id '{s}' is already used at {ids[s]}; asset ids must be unique in the scenario.");
            return null;
        }

        return new AssetId(s);
    }

    private static InflexibleLoad? InflexibleLoad(ObjectReader r, ReadContext c, AssetId? id, string? name)
    {
        var demand = c.Series(r, "demand_kw", required: true, NumberRange.NonNegative, "kW");
        return id is null || demand is null ? null : new InflexibleLoad(id.Value, name, demand);
    }

    private static RenewableGenerator? Renewable(ObjectReader r, ReadContext c, AssetId? id, string? name, RenewableKind kind)
    {
        var capacity = r.Number("capacity_kw", required: true, NumberRange.Positive, "kW");
        var available = c.Series(r, "available_kw", required: true, NumberRange.NonNegative, "kW");
        var curtail = r.Number("curtailment_cost_eur_per_mwh", required: false, PriceRange, "EUR/MWh") ?? 0;
        if (capacity is not null && available is not null)
        {
            var max = available.Max();
            if (max > capacity.Value * (1 + 1e-9))
            {
                var slot = available.Values.ToList().IndexOf(max);
                r.Diagnostics.Error(r.PathOf("available_kw"), ValidationCodes.ValueOutOfRange, $"available_kw reaches {F(max)} kW in slot {slot}, above capacity_kw = {F(capacity.Value)} kW.");
                return null;
            }
        }

        return id is null || capacity is null || available is null
            ? null
            : new RenewableGenerator(id.Value, name, kind, Power.FromKw(capacity.Value), available, Price.FromEurPerMwh(curtail));
    }

    private static Battery? Battery(ObjectReader r, ReadContext c, AssetId? id, string? name)
    {
        var capacity = r.Number("capacity_kwh", required: true, NumberRange.Positive, "kWh");
        var maxCharge = r.Number("max_charge_kw", required: true, NumberRange.NonNegative, "kW");
        var maxDischarge = r.Number("max_discharge_kw", required: true, NumberRange.NonNegative, "kW");
        var etaCh = r.Number("charge_efficiency", required: true, NumberRange.Efficiency);
        var etaDis = r.Number("discharge_efficiency", required: true, NumberRange.Efficiency);
        var socMin = r.Number("soc_min_kwh", required: false, NumberRange.NonNegative, "kWh") ?? 0;
        var socMax = r.Number("soc_max_kwh", required: false, NumberRange.NonNegative, "kWh") ?? capacity;
        var initial = r.Number("initial_soc_kwh", required: true, NumberRange.NonNegative, "kWh");
        var terminal = r.Number("terminal_soc_min_kwh", required: false, NumberRange.NonNegative, "kWh") ?? initial;
        var degradation = r.Number("degradation_cost_eur_per_mwh", required: false, NumberRange.UpTo(100_000), "EUR/MWh") ?? 0;
        var ok = capacity is not null && maxCharge is not null && maxDischarge is not null && etaCh is not null && etaDis is not null && initial is not null && socMax is not null && terminal is not null;
        if (!ok)
        {
            return null;
        }

        var before = r.Diagnostics.Errors.Count;
        if (socMin > socMax)
        {
            r.Diagnostics.Error(r.PathOf("soc_min_kwh"), ValidationCodes.BoundsInverted, $"soc_min_kwh = {F(socMin)} is above soc_max_kwh = {F(socMax!.Value)}.");
        }

        if (socMax > capacity)
        {
            r.Diagnostics.Error(r.PathOf("soc_max_kwh"), ValidationCodes.ValueOutOfRange, $"soc_max_kwh = {F(socMax!.Value)} is above capacity_kwh = {F(capacity!.Value)}.");
        }

        if (socMin <= socMax && socMax <= capacity && (initial < socMin || initial > socMax))
        {
            r.Diagnostics.Error(r.PathOf("initial_soc_kwh"), ValidationCodes.SocOutOfBounds, $"initial_soc_kwh = {F(initial!.Value)} is outside [soc_min_kwh, soc_max_kwh] = [{F(socMin)}, {F(socMax!.Value)}].");
        }

        if (socMin <= socMax && socMax <= capacity && (terminal < socMin || terminal > socMax))
        {
            r.Diagnostics.Error(r.PathOf("terminal_soc_min_kwh"), ValidationCodes.SocOutOfBounds, $"terminal_soc_min_kwh = {F(terminal!.Value)} is outside [soc_min_kwh, soc_max_kwh] = [{F(socMin)}, {F(socMax!.Value)}].");
        }

        if (id is null || r.Diagnostics.Errors.Count != before)
        {
            return null;
        }

        return new Battery(
            id.Value,
            name,
            Energy.FromKwh(capacity!.Value),
            Power.FromKw(maxCharge!.Value),
            Power.FromKw(maxDischarge!.Value),
            etaCh!.Value,
            etaDis!.Value,
            Energy.FromKwh(socMin),
            Energy.FromKwh(socMax!.Value),
            Energy.FromKwh(initial!.Value),
            Energy.FromKwh(terminal!.Value),
            Price.FromEurPerMwh(degradation));
    }

    private static ElectricVehicle? Ev(ObjectReader r, ReadContext c, AssetId? id, string? name)
    {
        var capacity = r.Number("capacity_kwh", required: true, NumberRange.Positive, "kWh");
        var maxCharge = r.Number("max_charge_kw", required: true, NumberRange.Positive, "kW");
        var eta = r.Number("charge_efficiency", required: false, NumberRange.Efficiency) ?? 0.95;
        var arrival = c.Time(r, "arrival", required: true);
        var departure = c.Time(r, "departure", required: true);
        var arrivalEnergy = r.Number("arrival_energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var required = r.Number("required_energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var v2g = r.Bool("v2g", required: false) ?? false;
        var maxDischarge = r.Number("max_discharge_kw", required: false, NumberRange.NonNegative, "kW") ?? (v2g ? maxCharge : 0);
        var etaDis = r.Number("discharge_efficiency", required: false, NumberRange.Efficiency) ?? eta;
        if (capacity is null || maxCharge is null || arrival is null || departure is null || arrivalEnergy is null || required is null || maxDischarge is null)
        {
            return null;
        }

        var before = r.Diagnostics.Errors.Count;
        if (departure <= arrival)
        {
            r.Diagnostics.Error(r.PathOf("departure"), ValidationCodes.BoundsInverted, "The departure must be after the arrival.");
        }

        if (arrivalEnergy > capacity)
        {
            r.Diagnostics.Error(r.PathOf("arrival_energy_kwh"), ValidationCodes.ValueOutOfRange, $"arrival_energy_kwh = {F(arrivalEnergy.Value)} is above capacity_kwh = {F(capacity.Value)}.");
        }

        if (required > capacity)
        {
            r.Diagnostics.Error(r.PathOf("required_energy_kwh"), ValidationCodes.ValueOutOfRange, $"required_energy_kwh = {F(required.Value)} is above capacity_kwh = {F(capacity.Value)}.");
        }

        if (!v2g && maxDischarge > 0)
        {
            r.Diagnostics.Error(r.PathOf("max_discharge_kw"), ValidationCodes.ValueInvalid, "max_discharge_kw is above zero but v2g is false; set v2g to true or remove max_discharge_kw.");
        }

        if (r.Diagnostics.Errors.Count == before && c.Horizon is not null)
        {
            var hours = HoursWithin(c.Horizon, arrival.Value, departure.Value);
            var deliverable = eta * maxCharge.Value * hours;
            var needed = required.Value - arrivalEnergy.Value;
            if (needed > deliverable + 1e-9)
            {
                r.Diagnostics.Error(r.PathOf("required_energy_kwh"), ValidationCodes.EvEnergyUnreachable, $"The EV needs {F(needed)} kWh more but can receive at most {F(deliverable)} kWh: {F(hours)} h of charging at {F(maxCharge.Value)} kW with efficiency {F(eta)} within its window in the horizon.");
            }
        }

        if (id is null || r.Diagnostics.Errors.Count != before)
        {
            return null;
        }

        return new ElectricVehicle(id.Value, name, Energy.FromKwh(capacity.Value), Power.FromKw(maxCharge.Value), eta, arrival.Value, departure.Value, Energy.FromKwh(arrivalEnergy.Value), Energy.FromKwh(required.Value), v2g, Power.FromKw(maxDischarge.Value), etaDis);
    }

    private static FlexibleLoad? Flexible(ObjectReader r, ReadContext c, AssetId? id, string? name)
    {
        var energy = r.Number("energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var start = c.Time(r, "window_start", required: true);
        var end = c.Time(r, "window_end", required: true);
        var maxPower = r.Number("max_power_kw", required: true, NumberRange.Positive, "kW");
        var minPower = r.Number("min_power_kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        if (energy is null || start is null || end is null || maxPower is null)
        {
            return null;
        }

        var before = r.Diagnostics.Errors.Count;
        if (end <= start)
        {
            r.Diagnostics.Error(r.PathOf("window_end"), ValidationCodes.BoundsInverted, "window_end must be after window_start.");
        }

        if (minPower > maxPower)
        {
            r.Diagnostics.Error(r.PathOf("min_power_kw"), ValidationCodes.BoundsInverted, $"min_power_kw = {F(minPower)} is above max_power_kw = {F(maxPower.Value)}.");
        }

        if (r.Diagnostics.Errors.Count == before && c.Horizon is not null)
        {
            var hours = HoursWithin(c.Horizon, start.Value, end.Value);
            if (hours <= 0 && energy > 0)
            {
                r.Diagnostics.Error(r.PathOf("window_start"), ValidationCodes.FlexEnergyUnreachable, "The window holds no whole slot of the horizon.");
            }
            else if (energy.Value > maxPower.Value * hours + 1e-9)
            {
                r.Diagnostics.Error(r.PathOf("energy_kwh"), ValidationCodes.FlexEnergyUnreachable, $"energy_kwh = {F(energy.Value)} cannot be delivered: the window holds {F(hours)} h at most {F(maxPower.Value)} kW, {F(maxPower.Value * hours)} kWh.");
            }
            else if (minPower * hours > energy.Value + 1e-9)
            {
                r.Diagnostics.Error(r.PathOf("min_power_kw"), ValidationCodes.FlexEnergyUnreachable, $"Drawing min_power_kw = {F(minPower)} for the {F(hours)} h of the window already exceeds energy_kwh = {F(energy.Value)}.");
            }
        }

        if (id is null || r.Diagnostics.Errors.Count != before)
        {
            return null;
        }

        return new FlexibleLoad(id.Value, name, Energy.FromKwh(energy.Value), start.Value, end.Value, Power.FromKw(maxPower.Value), Power.FromKw(minPower));
    }

    private static CurtailableLoad? Curtailable(ObjectReader r, ReadContext c, AssetId? id, string? name)
    {
        var demand = c.Series(r, "demand_kw", required: true, NumberRange.NonNegative, "kW");
        var voll = r.Number("voll_eur_per_mwh", required: true, NumberRange.Between(0, 1_000_000), "EUR/MWh");
        return id is null || demand is null || voll is null ? null : new CurtailableLoad(id.Value, name, demand, Price.FromEurPerMwh(voll.Value));
    }

    /// <summary>The hours of the slots that lie entirely within [from, to).</summary>
    internal static double HoursWithin(Horizon horizon, Instant from, Instant to)
    {
        var first = horizon.FirstSlotAtOrAfter(from);
        var hours = 0.0;
        for (var i = first; i < horizon.Count && horizon.Slots[i].End <= to; i++)
        {
            hours += horizon.Slots[i].Hours;
        }

        return hours;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
