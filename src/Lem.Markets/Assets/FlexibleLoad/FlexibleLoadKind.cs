using static Lem.Markets.Assets.AssetReading;

namespace Lem.Markets.Assets;

/// <summary>The <c>flexible_load</c> kind: an energy to deliver within a window between a minimum and a maximum power.</summary>
public sealed class FlexibleLoadKind() : AssetKind<FlexibleLoad>("flexible_load")
{
    private protected override FlexibleLoad? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
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

        CheckOrdered(r, "min_power_kw", minPower, "max_power_kw", maxPower);

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

    private protected override void AddFiguresOf(FlexibleLoad asset, AssetFigures figures, double slotHours) => figures.FlexibleEnergyKwh += asset.Energy.Kwh;

    private protected override PoolAssetModel PoolModelOf(FlexibleLoad asset, ParticipantId owner, int bus, Horizon horizon) => new FlexibleLoadModel(asset, owner, bus, horizon);

    private protected override void CheckFeasibilityOf(FlexibleLoad flex, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        var (first, end) = FlexibleLoadModel.WindowSlots(flex, horizon);
        var hours = (end - first) * horizon.SlotHours;
        var e = flex.Energy.Kwh;
        string? why = null;
        if (flex.MinPower > flex.MaxPower)
        {
            why = Inv($"its minimum power {flex.MinPower.Kw:0.###} kW is above its maximum power {flex.MaxPower.Kw:0.###} kW");
        }
        else if (end == first && e > 1e-9)
        {
            why = Inv($"it needs {e:0.###} kWh but its window holds no whole slot of the horizon");
        }
        else if (e > (flex.MaxPower.Kw * hours) + 1e-9)
        {
            why = Inv($"it needs {e:0.###} kWh but its window of {hours:0.###} h at most {flex.MaxPower.Kw:0.###} kW holds {flex.MaxPower.Kw * hours:0.###} kWh");
        }
        else if ((flex.MinPower.Kw * hours) > e + 1e-9)
        {
            why = Inv($"drawing its minimum power {flex.MinPower.Kw:0.###} kW for the {hours:0.###} h of its window already exceeds its {e:0.###} kWh");
        }

        if (why is not null)
        {
            causes.Add($"flexible load '{flex.Id}' of participant '{owner}' cannot receive its energy: {why}");
        }
    }

    private protected override void AddToImportCheckOf(FlexibleLoad flex, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        var (first, end) = FlexibleLoadModel.WindowSlots(flex, horizon);
        for (var t = first; t < end; t++)
        {
            check.MustServe(t, flex.MinPower.Kw);
        }
    }
}
