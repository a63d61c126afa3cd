namespace Lem.Markets.Assets;

/// <summary>
/// A flexible load: consumption f ∈ [min power, max power] in the slots lying wholly within [window start, window end)
/// ∩ horizon, Σ f·Δt = energy.
/// </summary>
internal sealed class FlexibleLoadModel(FlexibleLoad load, ParticipantId owner, int bus, Horizon horizon)
    : WindowedAssetModel(load.Id, owner, bus, horizon, load.WindowStart, load.WindowEnd)
{
    private Variable[] _power = [];
    private Variable? _under;
    private Variable? _over;

    /// <summary>The slots lying wholly within the window and the horizon, as [first, end).</summary>
    public static (int First, int End) WindowSlots(FlexibleLoad load, Horizon horizon) => SlotsWithin(horizon, load.WindowStart, load.WindowEnd);

    public override void Build(PoolBuildContext c)
    {
        var k = End - First;
        _power = new Variable[k];
        var energy = new LinearExpression(k + 2);
        for (var j = 0; j < k; j++)
        {
            var t = First + j;
            var f = c.Model.AddVariable(load.MinPower.Mw, load.MaxPower.Mw, $"{load.Id}.p[{t}]");
            _power[j] = f;
            energy.Add(f, c.Hours);
            c.AddLoad(t, Bus, f);
        }

        if (k == 0)
        {
            return;
        }

        if (c.Elastic)
        {
            _under = c.AddSlack(1.0, $"{load.Id}.energy_shortfall");
            _over = c.AddSlack(1.0, $"{load.Id}.energy_excess");
            energy.Add(_under.Value, 1.0).Add(_over.Value, -1.0);
        }

        c.Model.AddEquality(energy, load.Energy.Mwh, $"{load.Id}.energy");
    }

    public override AssetDispatch Read(double[] values, double hours)
    {
        var consumption = new double[SlotCount];
        for (var j = 0; j < _power.Length; j++)
        {
            consumption[First + j] = values[_power[j].Index] * 1000.0;
        }

        return new LoadDispatch(load.Id, Owner, load.Kind, consumption, new double[SlotCount]);
    }

    public override string? Shortfall(double[] values)
    {
        if (_under is { } u && values[u.Index] > ShortfallToleranceMwh)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"flexible load '{load.Id}' of participant '{Owner}' cannot receive its {load.Energy.Kwh:0.###} kWh within its window; it falls short by {values[u.Index] * 1000.0:0.###} kWh");
        }

        if (_over is { } o && values[o.Index] > ShortfallToleranceMwh)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"flexible load '{load.Id}' of participant '{Owner}' must draw {values[o.Index] * 1000.0:0.###} kWh more than its {load.Energy.Kwh:0.###} kWh (its minimum power)");
        }

        return null;
    }
}
