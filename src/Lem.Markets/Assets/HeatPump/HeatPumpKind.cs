using static Lem.Markets.Assets.AssetReading;

namespace Lem.Markets.Assets;

/// <summary>
/// The <c>heat_pump</c> kind: a heat pump with a thermal store, a comfort band on the stored heat and a thermal demand
/// per slot (docs/scenario-format.md#heat-pumps, docs/mechanisms/pool.md#heat-pumps).
/// </summary>
public sealed class HeatPumpKind() : AssetKind<HeatPump>("heat_pump")
{
    /// <summary>The validation code of a comfort band, thermal demand or final heat that no schedule can meet.</summary>
    public const string ComfortUnreachable = "heat_pump.comfort_unreachable";

    private static readonly NumberRange CopRange = new(0, 20, MinExclusive: true);

    private protected override HeatPump? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var minPower = r.Number("min_power_kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        var maxPower = r.Number("max_power_kw", required: true, NumberRange.Positive, "kW");
        var cop = ReadCop(r, c, out var copOk);
        var capacity = r.Number("storage_capacity_kwh", required: true, NumberRange.Positive, "kWh");
        var loss = r.Number("standing_loss_per_hour", required: false, NumberRange.Fraction) ?? 0;
        var comfortMin = r.Number("comfort_min_kwh", required: false, NumberRange.NonNegative, "kWh") ?? 0;
        var comfortMax = r.Number("comfort_max_kwh", required: false, NumberRange.NonNegative, "kWh") ?? capacity;
        var initial = r.Number("initial_energy_kwh", required: true, NumberRange.NonNegative, "kWh");
        var final = r.Number("final_energy_min_kwh", required: false, NumberRange.NonNegative, "kWh") ?? initial;
        var demand = c.Series(r, "thermal_demand_kw", required: true, NumberRange.NonNegative, "kW");
        if (maxPower is null || capacity is null || comfortMax is null || initial is null || final is null)
        {
            return null;
        }

        var before = r.Diagnostics.Errors.Count;
        CheckOrdered(r, "min_power_kw", minPower, "max_power_kw", maxPower);
        CheckOrdered(r, "comfort_min_kwh", comfortMin, "comfort_max_kwh", comfortMax);

        CheckAtMost(r, "comfort_max_kwh", comfortMax, "storage_capacity_kwh", capacity);

        if (comfortMin <= comfortMax && comfortMax <= capacity)
        {
            if (initial < comfortMin || initial > comfortMax)
            {
                r.Diagnostics.Error(r.PathOf("initial_energy_kwh"), ValidationCodes.ValueOutOfRange, $"initial_energy_kwh = {F(initial.Value)} is outside the comfort band [comfort_min_kwh, comfort_max_kwh] = [{F(comfortMin)}, {F(comfortMax.Value)}].");
            }

            CheckAtMost(r, "final_energy_min_kwh", final, "comfort_max_kwh", comfortMax);
        }

        if (c.Horizon is { } horizon && loss * horizon.SlotHours >= 1)
        {
            r.Diagnostics.Error(r.PathOf("standing_loss_per_hour"), ValidationCodes.ValueOutOfRange, $"standing_loss_per_hour = {F(loss)} loses the whole store within one slot of {F(horizon.SlotHours)} h; it must be below {F(1 / horizon.SlotHours)}.");
        }

        if (id is null || !copOk || cop is null || demand is null || c.Horizon is null || r.Diagnostics.Errors.Count != before)
        {
            return null;
        }

        var hp = new HeatPump(
            id.Value,
            name,
            Power.FromKw(minPower),
            Power.FromKw(maxPower.Value),
            cop,
            Energy.FromKwh(capacity.Value),
            loss,
            Energy.FromKwh(comfortMin),
            Energy.FromKwh(comfortMax.Value),
            Energy.FromKwh(initial.Value),
            Energy.FromKwh(final.Value),
            demand);
        if (HeatPumpEnvelope.Check(hp, c.Horizon) is { } problem)
        {
            var field = problem.Kind switch
            {
                HeatPumpProblemKind.TooWarm => "min_power_kw",
                HeatPumpProblemKind.FinalUnreachable => "final_energy_min_kwh",
                _ => "thermal_demand_kw",
            };
            r.Diagnostics.Error(r.PathOf(field), ComfortUnreachable, $"The heat pump cannot meet its comfort band: {problem.Reason}.");
            return null;
        }

        return hp;
    }

    private protected override IReadOnlyList<SlotSeries> SeriesOf(HeatPump asset) => [asset.Cop, asset.ThermalDemandKw];

    private protected override HeatPump ExtendedOf(HeatPump asset, int slots) => asset with { Cop = asset.Cop.Repeated(slots), ThermalDemandKw = asset.ThermalDemandKw.Repeated(slots) };

    // Without the private schedule, the heat pump is expected to follow its demand: D/COP within its power limits.
    private protected override IReadOnlyList<double> ExpectedConsumptionOf(HeatPump asset, Horizon horizon) =>
        [.. Enumerable.Range(0, horizon.Count).Select(t => Math.Clamp(asset.ThermalDemandKw[t] / asset.Cop[t], asset.MinPower.Kw, asset.MaxPower.Kw))];

    private protected override void AddFiguresOf(HeatPump asset, AssetFigures figures, double slotHours) =>
        figures.HeatPumpThermalDemandKwh += asset.ThermalDemandKw.IntegrateKwh(slotHours);

    private protected override PoolAssetModel PoolModelOf(HeatPump asset, ParticipantId owner, int bus, Horizon horizon) => new HeatPumpModel(asset, owner, bus);

    private protected override void CheckFeasibilityOf(HeatPump asset, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        if (asset.ComfortMin > asset.ComfortMax)
        {
            causes.Add(Inv($"heat pump '{asset.Id}' of participant '{owner}' cannot meet its comfort band: its comfort minimum {asset.ComfortMin.Kwh:0.###} kWh_th is above its comfort maximum {asset.ComfortMax.Kwh:0.###} kWh_th"));
        }
        else if (asset.MinPower > asset.MaxPower)
        {
            causes.Add(Inv($"heat pump '{asset.Id}' of participant '{owner}' cannot meet its comfort band: its minimum power {asset.MinPower.Kw:0.###} kW is above its maximum power {asset.MaxPower.Kw:0.###} kW"));
        }
        else if (HeatPumpEnvelope.Check(asset, horizon) is { } problem)
        {
            causes.Add($"heat pump '{asset.Id}' of participant '{owner}' cannot meet its comfort band: {problem.Reason}");
        }
    }

    private protected override void AddToImportCheckOf(HeatPump asset, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        for (var t = 0; t < horizon.Count; t++)
        {
            check.MustServe(t, asset.MinPower.Kw);
        }
    }

    /// <summary>
    /// <c>cop</c> (a number or a series), or <c>outdoor_temperature_c</c> (a series) with <c>supply_temperature_c</c>,
    /// optional <c>carnot_fraction</c> and <c>cop_max</c> (<see cref="HeatPumpCop"/>); exactly one of the two.
    /// </summary>
    private static SlotSeries? ReadCop(ObjectReader r, IAssetReadContext c, out bool ok)
    {
        var hasCop = r.Has("cop");
        var hasTemperature = r.Has("outdoor_temperature_c");
        if (hasCop && hasTemperature)
        {
            r.Diagnostics.Error(r.PathOf("cop"), ValidationCodes.ValueInvalid, "Give either cop or outdoor_temperature_c (with supply_temperature_c), not both.");
            foreach (var field in new[] { "cop", "outdoor_temperature_c", "supply_temperature_c", "carnot_fraction", "cop_max" })
            {
                r.Element(field, required: false); // known fields: reported once, as the conflict above
            }

            ok = false;
            return null;
        }

        if (!hasCop && !hasTemperature)
        {
            r.Diagnostics.Error(r.PathOf("cop"), ValidationCodes.FieldMissing, "A heat pump needs cop (a number or a series) or outdoor_temperature_c with supply_temperature_c.");
            ok = false;
            return null;
        }

        if (hasCop)
        {
            var cop = c.Series(r, "cop", required: true, CopRange, string.Empty);
            ok = cop is not null || c.Horizon is null;
            return cop;
        }

        var outdoor = c.Series(r, "outdoor_temperature_c", required: true, NumberRange.Between(-60, 60), "°C");
        var supply = r.Number("supply_temperature_c", required: true, NumberRange.Between(0, 100), "°C");
        var fraction = r.Number("carnot_fraction", required: false, NumberRange.Efficiency) ?? HeatPumpCop.DefaultCarnotFraction;
        var copMax = r.Number("cop_max", required: false, CopRange) ?? HeatPumpCop.DefaultCopMax;
        ok = supply is not null && (outdoor is not null || c.Horizon is null);
        return outdoor is null || supply is null
            ? null
            : new SlotSeries(outdoor.Values.Select(o => HeatPumpCop.FromTemperatures(o, supply.Value, fraction, copMax)));
    }
}
