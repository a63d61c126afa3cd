namespace Lem.Markets.Assets;

/// <summary>
/// A heat pump with a thermal store (docs/mechanisms/pool.md#heat-pumps): electric power p(t) ∈ [P_min, P_max] drawn as
/// a load (reactive power at the load power factor), stored heat
/// e(t) = (1 − loss·Δt)·e(t−1) + (COP(t)·p(t) − D(t))·Δt from e(−1) = initial, comfort min ≤ e(t) ≤ comfort max and
/// e(T−1) ≥ final. It has no cost of its own: it buys its electricity at the balance price, so the pool heats the store
/// in cheap slots within the comfort band. In elastic mode heat may be missing (added to the balance) or dumped
/// (taken from it) and the final heat may fall short, at a penalty of 1/COP_max per MWh_th: below the 2/COP per MWh_th
/// that unserved electricity would cost, so the diagnosis names the heat pump.
/// </summary>
internal sealed class HeatPumpModel(HeatPump hp, ParticipantId owner, int bus) : PoolAssetModel(hp.Id, owner, bus)
{
    private Variable[] _power = [];
    private Variable[] _energy = [];
    private Variable[] _below = [];
    private Variable[] _above = [];
    private Variable? _finalSlack;

    public override void Build(PoolBuildContext c)
    {
        var n = c.SlotCount;
        var h = c.Hours;
        var keep = hp.Retention(h);
        _power = new Variable[n];
        _energy = new Variable[n];
        _below = c.Elastic ? new Variable[n] : [];
        _above = c.Elastic ? new Variable[n] : [];
        var comfortMin = hp.ComfortMin.Mwh;
        var comfortMax = hp.ComfortMax.Mwh;
        var penalty = 1.0 / Math.Max(1.0, hp.Cop.Max());
        for (var t = 0; t < n; t++)
        {
            var p = c.Model.AddVariable(hp.MinPower.Mw, hp.MaxPower.Mw, $"{hp.Id}.p[{t}]");
            var lower = t == n - 1 && !c.Elastic ? Math.Max(comfortMin, hp.FinalEnergyMin.Mwh) : comfortMin;
            var e = c.Model.AddVariable(lower, comfortMax, $"{hp.Id}.heat[{t}]");
            _power[t] = p;
            _energy[t] = e;

            // e(t) − keep·e(t−1) − COP·Δt·p(t) = −D·Δt (+ keep·initial in the first slot), MWh.
            var dynamics = new LinearExpression(5).Add(e, 1.0).Add(p, -hp.Cop[t] * h);
            if (t > 0)
            {
                dynamics.Add(_energy[t - 1], -keep);
            }

            if (c.Elastic)
            {
                _below[t] = c.AddSlack(penalty, $"{hp.Id}.heat_missing[{t}]");
                _above[t] = c.AddSlack(penalty, $"{hp.Id}.heat_dumped[{t}]");
                dynamics.Add(_below[t], -1.0).Add(_above[t], 1.0);
            }

            var rhs = (-hp.ThermalDemandKw[t] / 1000.0 * h) + (t == 0 ? keep * hp.InitialEnergy.Mwh : 0.0);
            c.Model.AddEquality(dynamics, rhs, $"{hp.Id}.heat_balance[{t}]");
            c.AddLoad(t, Bus, p);
        }

        if (c.Elastic && n > 0)
        {
            _finalSlack = c.AddSlack(penalty, $"{hp.Id}.final_shortfall");
            c.Model.AddGreaterOrEqual(new LinearExpression(2).Add(_energy[n - 1], 1.0).Add(_finalSlack.Value, 1.0), hp.FinalEnergyMin.Mwh, $"{hp.Id}.final");
        }
    }

    public override AssetDispatch Read(double[] values, double hours)
    {
        var electric = Kw(values, _power);
        return new HeatPumpDispatch(hp.Id, Owner, electric, [.. electric.Select((p, t) => hp.Cop[t] * p)], Kw(values, _energy));
    }

    public override bool Couples(int slot) => true;

    public override string? Shortfall(double[] values)
    {
        var parts = new List<string>();
        if (Worst(values, _below) is { } below)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"keep its stored heat at or above its comfort minimum of {hp.ComfortMin.Kwh:0.###} kWh_th against its thermal demand: it lacks up to {below.Kwh:0.###} kWh_th of heat in {below.Slots} slot(s), first in slot {below.First}"));
        }

        if (Worst(values, _above) is { } above)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"keep its stored heat at or below its comfort maximum of {hp.ComfortMax.Kwh:0.###} kWh_th at its minimum power of {hp.MinPower.Kw:0.###} kW: it makes up to {above.Kwh:0.###} kWh_th of heat too much in {above.Slots} slot(s), first in slot {above.First}"));
        }

        if (_finalSlack is { } s && values[s.Index] > ShortfallToleranceMwh)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"end the horizon with its final stored heat of {hp.FinalEnergyMin.Kwh:0.###} kWh_th: it falls short by {values[s.Index] * 1000.0:0.###} kWh_th"));
        }

        return parts.Count == 0 ? null : $"heat pump '{hp.Id}' of participant '{Owner}' cannot {string.Join(", nor ", parts)}";
    }

    private static (double Kwh, int Slots, int First)? Worst(double[] values, Variable[] slacks)
    {
        var worst = 0.0;
        var count = 0;
        var first = -1;
        for (var t = 0; t < slacks.Length; t++)
        {
            var v = values[slacks[t].Index];
            if (v > ShortfallToleranceMwh)
            {
                count++;
                first = first < 0 ? t : first;
                worst = Math.Max(worst, v);
            }
        }

        return count == 0 ? null : (worst * 1000.0, count, first);
    }
}
