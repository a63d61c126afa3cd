namespace Lem.Markets.Assets;

/// <summary>
/// A battery (docs/mechanisms/pool.md#batteries): e(t) = e(t−1) + ηch·pch(t)·Δt − pdis(t)·Δt/ηdis, e(−1) = initial,
/// SocMin ≤ e ≤ SocMax, e(T−1) ≥ terminal (cyclic: e(T−1) = initial), degradation cost on discharged energy, terminal
/// value −v·(e(T−1) − e(−1)) in the last slot's cost (docs/mechanisms/pool.md#storage-at-the-horizons-end); optional binaries
/// pch ≤ P̄ch·z, pdis ≤ P̄dis·(1 − z).
/// </summary>
internal sealed class BatteryModel(Battery battery, ParticipantId owner, int bus) : PoolAssetModel(battery.Id, owner, bus)
{
    private Variable[] _charge = [];
    private Variable[] _discharge = [];
    private Variable[] _soc = [];
    private Variable[] _mode = [];
    private Variable? _terminalSlack;

    // A cyclic battery ends at its initial state of charge, at least (and, by the upper bound, at most).
    private Energy TerminalMin => battery.Cyclic ? battery.InitialSoc : battery.TerminalSocMin;

    public override void Build(PoolBuildContext c)
    {
        var n = c.SlotCount;
        var h = c.Hours;
        _charge = new Variable[n];
        _discharge = new Variable[n];
        _soc = new Variable[n];
        var binaries = c.BinaryStorages.Contains(battery.Id);
        _mode = binaries ? new Variable[n] : [];
        var maxCh = battery.MaxCharge.Mw;
        var maxDis = battery.MaxDischarge.Mw;
        var degradation = battery.DegradationCost.EurPerMwh * h;
        for (var t = 0; t < n; t++)
        {
            var ch = c.Model.AddVariable(0, maxCh, $"{battery.Id}.ch[{t}]");
            var dis = c.Model.AddVariable(0, maxDis, $"{battery.Id}.dis[{t}]");
            var last = t == n - 1;
            var lower = last && !c.Elastic ? Math.Max(battery.SocMin.Mwh, TerminalMin.Mwh) : battery.SocMin.Mwh;
            var upper = last && battery.Cyclic ? Math.Min(battery.SocMax.Mwh, battery.InitialSoc.Mwh) : battery.SocMax.Mwh;
            var e = c.Model.AddVariable(lower, upper, $"{battery.Id}.soc[{t}]");
            _charge[t] = ch;
            _discharge[t] = dis;
            _soc[t] = e;

            var dynamics = new LinearExpression(4).Add(e, 1.0).Add(ch, -battery.ChargeEfficiency * h).Add(dis, h / battery.DischargeEfficiency);
            if (t > 0)
            {
                dynamics.Add(_soc[t - 1], -1.0);
            }

            c.Model.AddEquality(dynamics, t == 0 ? battery.InitialSoc.Mwh : 0.0, $"{battery.Id}.soc_balance[{t}]");
            c.P[t][Bus].Add(dis, 1.0).Add(ch, -1.0);
            c.Cost[t].Add(dis, degradation);
            if (last && battery.TerminalValue.EurPerMwh != 0)
            {
                // Welfare counts the change of stored energy at its terminal value, v·(e(T−1) − e(−1)), so a battery that
                // ends where it started adds nothing (docs/mechanisms/pool.md#storage-at-the-horizons-end).
                c.Cost[t].Add(e, -battery.TerminalValue.EurPerMwh).AddConstant(battery.TerminalValue.EurPerMwh * battery.InitialSoc.Mwh);
            }

            if (binaries)
            {
                var z = c.Model.AddBinary($"{battery.Id}.charging[{t}]");
                _mode[t] = z;
                c.Binaries++;
                c.Model.AddLessOrEqual(new LinearExpression(2).Add(ch, 1.0).Add(z, -maxCh), 0.0, $"{battery.Id}.ch_mode[{t}]");
                c.Model.AddLessOrEqual(new LinearExpression(2).Add(dis, 1.0).Add(z, maxDis), maxDis, $"{battery.Id}.dis_mode[{t}]");
            }
        }

        if (c.Elastic && n > 0)
        {
            var s = c.AddSlack(1.0, $"{battery.Id}.terminal_shortfall");
            _terminalSlack = s;
            c.Model.AddGreaterOrEqual(new LinearExpression(2).Add(_soc[n - 1], 1.0).Add(s, 1.0), TerminalMin.Mwh, $"{battery.Id}.terminal");
        }
    }

    public override AssetDispatch Read(double[] values, double hours) =>
        new BatteryDispatch(battery.Id, Owner, Kw(values, _charge), Kw(values, _discharge), [.. _soc.Select(e => values[e.Index] * 1000.0)]);

    public override bool Couples(int slot) => true;

    public override bool ChargesAndDischargesAtOnce(double[] values) => AnySimultaneous(values, _charge, _discharge);

    public override void FixBinaries(OptimizationModel model, IReadOnlyList<double> values) => FixAtRoundedValues(model, values, _mode);

    public override string? Shortfall(double[] values)
    {
        if (_terminalSlack is not { } s || values[s.Index] <= ShortfallToleranceMwh)
        {
            return null;
        }

        var shortKwh = values[s.Index] * 1000.0;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"battery '{battery.Id}' of participant '{Owner}' cannot end the horizon with its terminal state of charge of {TerminalMin.Kwh:0.###} kWh; it falls short by {shortKwh:0.###} kWh");
    }
}
