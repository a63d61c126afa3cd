using static Lem.Markets.Assets.AssetReading;

namespace Lem.Markets.Assets;

/// <summary>The <c>ev</c> kind: an electric vehicle that must leave with a required energy, optionally with vehicle-to-grid.</summary>
public sealed class ElectricVehicleKind() : AssetKind<ElectricVehicle>("ev")
{
    private protected override ElectricVehicle? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var (capacity, maxCharge) = StoreLimits(r, NumberRange.Positive);
        var eta = r.Number("charge_efficiency", required: false, NumberRange.Efficiency) ?? 0.95;
        var arrival = c.Time(r, "arrival", required: true);
        var departure = c.Time(r, "departure", required: true);
        var arrivalEnergy = r.Number("arrival_energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var required = r.Number("required_energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var v2g = r.Bool("v2g", required: false) ?? false;
        var maxDischarge = r.Number("max_discharge_kw", required: false, NumberRange.NonNegative, "kW") ?? (v2g ? maxCharge : 0);
        var etaDis = r.Number("discharge_efficiency", required: false, NumberRange.Efficiency) ?? eta;
        var terminalValue = r.Number("terminal_value_eur_per_mwh", required: false, NumberRange.UpTo(100_000), "EUR/MWh");
        if (capacity is null || maxCharge is null || arrival is null || departure is null || arrivalEnergy is null || required is null || maxDischarge is null)
        {
            return null;
        }

        var before = r.Diagnostics.Errors.Count;
        if (departure <= arrival)
        {
            r.Diagnostics.Error(r.PathOf("departure"), ValidationCodes.BoundsInverted, "The departure must be after the arrival.");
        }

        CheckAtMost(r, "arrival_energy_kwh", arrivalEnergy, "capacity_kwh", capacity);
        CheckAtMost(r, "required_energy_kwh", required, "capacity_kwh", capacity);

        if (!v2g && maxDischarge > 0)
        {
            r.Diagnostics.Error(r.PathOf("max_discharge_kw"), ValidationCodes.ValueInvalid, "max_discharge_kw is above zero but v2g is false; set v2g to true or remove max_discharge_kw.");
        }

        // docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end: a value of stored energy replaces the requirement
        // only where the requirement lies after the horizon.
        if (terminalValue is not null && c.Horizon is not null && departure <= c.Horizon.End)
        {
            r.Diagnostics.Error(r.PathOf("terminal_value_eur_per_mwh"), ValidationCodes.ValueInvalid, $"terminal_value_eur_per_mwh applies only to an EV still plugged in at the horizon's end; this EV departs at {departure.Value}, within the horizon (which ends at {c.Horizon.End}), where its required_energy_kwh applies; remove terminal_value_eur_per_mwh.");
        }

        if (r.Diagnostics.Errors.Count == before && c.Horizon is not null)
        {
            var hours = HoursWithin(c.Horizon, arrival.Value, departure.Value);
            var deliverable = eta * maxCharge.Value * hours;
            var atEnd = terminalValue is null ? required.Value : ElectricVehicle.StillToHoldAt(c.Horizon.End, Energy.FromKwh(required.Value), eta, Power.FromKw(maxCharge.Value), departure.Value).Kwh;
            var needed = atEnd - arrivalEnergy.Value;
            var after = atEnd < required.Value ? $" by the horizon's end (its required {F(required.Value)} kWh less the {F(required.Value - atEnd)} kWh it can still charge before its departure)" : string.Empty;
            if (needed > deliverable + 1e-9)
            {
                r.Diagnostics.Error(r.PathOf("required_energy_kwh"), ValidationCodes.EvEnergyUnreachable, $"The EV needs {F(needed)} kWh more{after} but can receive at most {F(deliverable)} kWh: {F(hours)} h of charging at {F(maxCharge.Value)} kW with efficiency {F(eta)} within its window in the horizon.");
            }
        }

        if (id is null || r.Diagnostics.Errors.Count != before)
        {
            return null;
        }

        return new ElectricVehicle(id.Value, name, Energy.FromKwh(capacity.Value), Power.FromKw(maxCharge.Value), eta, arrival.Value, departure.Value, Energy.FromKwh(arrivalEnergy.Value), Energy.FromKwh(required.Value), v2g, Power.FromKw(maxDischarge.Value), etaDis, terminalValue is null ? null : Price.FromEurPerMwh(terminalValue.Value));
    }

    private protected override void AddFiguresOf(ElectricVehicle asset, AssetFigures figures, double slotHours) => figures.EvEnergyKwh += asset.EnergyToCharge.Kwh;

    private protected override PoolAssetModel PoolModelOf(ElectricVehicle asset, ParticipantId owner, int bus, Horizon horizon) => new EvModel(asset, owner, bus, horizon);

    private protected override void CheckFeasibilityOf(ElectricVehicle ev, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        var (first, end) = EvModel.PluggedSlots(ev, horizon);
        var hours = (end - first) * horizon.SlotHours;
        var need = ev.RequiredAtHorizonEnd(horizon.End).Kwh - ev.ArrivalEnergy.Kwh;
        var most = ev.ChargeEfficiency * ev.MaxCharge.Kw * hours;
        string? why = null;
        if (ev.RequiredEnergy > ev.Capacity)
        {
            why = Inv($"its required {ev.RequiredEnergy.Kwh:0.###} kWh is above its capacity of {ev.Capacity.Kwh:0.###} kWh");
        }
        else if (ev.ArrivalEnergy > ev.Capacity)
        {
            why = Inv($"its arrival energy of {ev.ArrivalEnergy.Kwh:0.###} kWh is above its capacity of {ev.Capacity.Kwh:0.###} kWh");
        }
        else if (need > most + 1e-9)
        {
            why = end == first
                ? Inv($"it needs {need:0.###} kWh more than its arrival energy but is plugged in for no whole slot of the horizon")
                : Inv($"it needs {need:0.###} kWh more than its arrival energy but can receive at most {most:0.###} kWh ({hours:0.###} h plugged in at {ev.MaxCharge.Kw:0.###} kW with efficiency {ev.ChargeEfficiency:0.###})");
        }

        if (why is not null)
        {
            causes.Add($"EV '{ev.Id}' of participant '{owner}' cannot reach its required energy: {why}");
        }
    }

    private protected override void AddToImportCheckOf(ElectricVehicle ev, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        if (!ev.VehicleToGrid)
        {
            return;
        }

        var (first, end) = EvModel.PluggedSlots(ev, horizon);
        for (var t = first; t < end; t++)
        {
            check.CanSupply(t, ev.MaxDischarge.Kw);
        }
    }
}
