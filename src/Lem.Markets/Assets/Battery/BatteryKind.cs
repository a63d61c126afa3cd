using static Lem.Markets.Assets.AssetReading;

namespace Lem.Markets.Assets;

/// <summary>The <c>battery</c> kind: a stationary battery with state-of-charge dynamics (docs/mechanisms/pool.md#batteries).</summary>
public sealed class BatteryKind() : AssetKind<Battery>("battery")
{
    private protected override Battery? ReadAsset(string type, AssetId? id, string? name, ObjectReader r, IAssetReadContext c)
    {
        var (capacity, maxCharge) = StoreLimits(r, NumberRange.NonNegative);
        var maxDischarge = r.Number("max_discharge_kw", required: true, NumberRange.NonNegative, "kW");
        var etaCh = r.Number("charge_efficiency", required: true, NumberRange.Efficiency);
        var etaDis = r.Number("discharge_efficiency", required: true, NumberRange.Efficiency);
        var socMin = r.Number("soc_min_kwh", required: false, NumberRange.NonNegative, "kWh") ?? 0;
        var socMax = r.Number("soc_max_kwh", required: false, NumberRange.NonNegative, "kWh") ?? capacity;
        var initial = r.Number("initial_soc_kwh", required: true, NumberRange.NonNegative, "kWh");
        var terminalGiven = r.Number("terminal_soc_min_kwh", required: false, NumberRange.NonNegative, "kWh");
        var cyclic = r.Bool("cyclic", required: false) ?? false;
        var terminalValue = r.Number("terminal_value_eur_per_mwh", required: false, NumberRange.UpTo(100_000), "EUR/MWh");
        var degradation = r.Number("degradation_cost_eur_per_mwh", required: false, NumberRange.UpTo(100_000), "EUR/MWh") ?? 0;

        // docs/mechanisms/pool.md#storage-at-the-horizons-end: a fixed minimum, a cycle or a value of stored energy.
        var before = r.Diagnostics.Errors.Count;
        CheckOneEndOfHorizonMode(r, r.Has("terminal_soc_min_kwh"), cyclic, r.Has("terminal_value_eur_per_mwh"));
        var terminal = terminalValue is not null ? socMin : terminalGiven ?? initial;
        var ok = capacity is not null && maxCharge is not null && maxDischarge is not null && etaCh is not null && etaDis is not null && initial is not null && socMax is not null && terminal is not null;
        if (!ok)
        {
            return null;
        }

        CheckOrdered(r, "soc_min_kwh", socMin, "soc_max_kwh", socMax);
        CheckAtMost(r, "soc_max_kwh", socMax, "capacity_kwh", capacity);

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
            Price.FromEurPerMwh(degradation),
            cyclic,
            Price.FromEurPerMwh(terminalValue ?? 0));
    }

    private static void CheckOneEndOfHorizonMode(ObjectReader r, bool minimum, bool cyclic, bool value)
    {
        if (minimum && cyclic)
        {
            r.Diagnostics.Error(r.PathOf("cyclic"), ValidationCodes.ValueInvalid, "Give at most one of terminal_soc_min_kwh (a fixed minimum), cyclic: true (end at the initial state of charge) or terminal_value_eur_per_mwh (a value of the stored energy), not both terminal_soc_min_kwh and cyclic.");
        }

        if (value && (minimum || cyclic))
        {
            var other = minimum ? "terminal_soc_min_kwh" : "cyclic: true";
            r.Diagnostics.Error(r.PathOf("terminal_value_eur_per_mwh"), ValidationCodes.ValueInvalid, $"Give at most one of terminal_soc_min_kwh (a fixed minimum), cyclic: true (end at the initial state of charge) or terminal_value_eur_per_mwh (a value of the stored energy), not both terminal_value_eur_per_mwh and {other}.");
        }
    }

    private protected override void AddFiguresOf(Battery asset, AssetFigures figures, double slotHours)
    {
        figures.BatteryCapacityKwh += asset.Capacity.Kwh;
        figures.BatteryPowerKw += asset.MaxDischarge.Kw;
    }

    private protected override PoolAssetModel PoolModelOf(Battery asset, ParticipantId owner, int bus, Horizon horizon) => new BatteryModel(asset, owner, bus);

    private protected override void CheckFeasibilityOf(Battery b, ParticipantId owner, Horizon horizon, List<string> causes)
    {
        var horizonHours = horizon.Count * horizon.SlotHours;
        string? why = null;
        if (b.SocMin > b.SocMax)
        {
            why = Inv($"its minimum state of charge {b.SocMin.Kwh:0.###} kWh is above its maximum {b.SocMax.Kwh:0.###} kWh");
        }
        else if (b.InitialSoc < b.SocMin || b.InitialSoc > b.SocMax)
        {
            why = Inv($"its initial state of charge {b.InitialSoc.Kwh:0.###} kWh is outside [{b.SocMin.Kwh:0.###}, {b.SocMax.Kwh:0.###}] kWh");
        }
        else if (b.TerminalSocMin > b.SocMax)
        {
            why = Inv($"its terminal state of charge {b.TerminalSocMin.Kwh:0.###} kWh is above its maximum {b.SocMax.Kwh:0.###} kWh");
        }
        else
        {
            var reachable = b.InitialSoc.Kwh + (b.ChargeEfficiency * b.MaxCharge.Kw * horizonHours);
            if (b.TerminalSocMin.Kwh > reachable + 1e-9)
            {
                why = Inv($"it starts at {b.InitialSoc.Kwh:0.###} kWh and can reach at most {reachable:0.###} kWh by the end of the horizon, below its terminal state of charge of {b.TerminalSocMin.Kwh:0.###} kWh");
            }
        }

        if (why is not null)
        {
            causes.Add($"battery '{b.Id}' of participant '{owner}' cannot meet its state-of-charge limits: {why}");
        }
    }

    private protected override void AddToImportCheckOf(Battery asset, ParticipantId owner, Horizon horizon, ImportCheck check)
    {
        for (var t = 0; t < horizon.Count; t++)
        {
            check.CanSupply(t, asset.MaxDischarge.Kw);
        }
    }

    // A home or community battery on a low-voltage bus stores up to some hundred kWh; docs/scenario-format.md#plausibility-warnings.
    private protected override IReadOnlyList<AssetMagnitude> MagnitudesOf(Battery asset) => [new("capacity_kwh", asset.Capacity.Kwh, "kWh", 1000, "a home or community battery")];
}
