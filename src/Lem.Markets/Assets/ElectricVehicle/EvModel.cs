namespace Lem.Markets.Assets;

/// <summary>
/// An electric vehicle: it charges (and with V2G discharges) only in the slots lying wholly within
/// [arrival, departure) ∩ horizon, e(j) = e(j−1) + η·pch·Δt − pdis·Δt/ηdis from the arrival energy, 0 ≤ e ≤ capacity,
/// and e ≥ required energy after its last plugged slot, i.e. at min(departure, horizon end). With a terminal value v and
/// a departure after the horizon's end, e ≥ the requirement less what charging after the horizon adds, and the last
/// slot's welfare loses v per MWh it still lacks of its requirement, −v·(required − min(e, required))
/// (docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end).
/// </summary>
internal sealed class EvModel(ElectricVehicle ev, ParticipantId owner, int bus, Horizon horizon)
    : WindowedAssetModel(ev.Id, owner, bus, horizon, ev.Arrival, ev.Departure)
{
    private Variable[] _charge = [];
    private Variable[] _discharge = [];
    private Variable[] _energy = [];
    private Variable[] _mode = [];
    private Variable? _shortfall;
    private readonly Instant _horizonEnd = horizon.End;

    /// <summary>The energy the vehicle must hold after its last plugged slot.</summary>
    private Energy Required => ev.RequiredAtHorizonEnd(_horizonEnd);

    /// <summary>Whether the vehicle is still plugged in at the horizon's end with a value of its stored energy there.</summary>
    private bool ValuedAtTheEnd => ev.TerminalValue is not null && ev.Departure > _horizonEnd;

    /// <summary>Whether the vehicle can discharge into the grid.</summary>
    private bool Discharges => ev.VehicleToGrid && ev.MaxDischarge.Kw > 0;

    /// <summary>The slots lying wholly within [arrival, departure) ∩ horizon, as [first, end).</summary>
    public static (int First, int End) PluggedSlots(ElectricVehicle ev, Horizon horizon) => SlotsWithin(horizon, ev.Arrival, ev.Departure);

    public override void Build(PoolBuildContext c)
    {
        var k = End - First;
        var h = c.Hours;
        _charge = new Variable[k];
        _discharge = Discharges ? new Variable[k] : [];
        _energy = new Variable[k];
        var binaries = Discharges && c.BinaryStorages.Contains(ev.Id);
        _mode = binaries ? new Variable[k] : [];
        var capacity = ev.Capacity.Mwh;
        var required = Required.Mwh;
        for (var j = 0; j < k; j++)
        {
            var t = First + j;
            var ch = c.Model.AddVariable(0, ev.MaxCharge.Mw, $"{ev.Id}.ch[{t}]");
            var lower = j == k - 1 && !c.Elastic ? Math.Min(required, capacity) : 0.0;
            var e = c.Model.AddVariable(lower, capacity, $"{ev.Id}.energy[{t}]");
            _charge[j] = ch;
            _energy[j] = e;
            var dynamics = new LinearExpression(4).Add(e, 1.0).Add(ch, -ev.ChargeEfficiency * h);
            if (j > 0)
            {
                dynamics.Add(_energy[j - 1], -1.0);
            }

            c.P[t][Bus].Add(ch, -1.0);
            if (Discharges)
            {
                var dis = c.Model.AddVariable(0, ev.MaxDischarge.Mw, $"{ev.Id}.dis[{t}]");
                _discharge[j] = dis;
                dynamics.Add(dis, h / ev.DischargeEfficiency);
                c.P[t][Bus].Add(dis, 1.0);
                if (binaries)
                {
                    var z = c.Model.AddBinary($"{ev.Id}.charging[{t}]");
                    _mode[j] = z;
                    c.Binaries++;
                    c.Model.AddLessOrEqual(new LinearExpression(2).Add(ch, 1.0).Add(z, -ev.MaxCharge.Mw), 0.0, $"{ev.Id}.ch_mode[{t}]");
                    c.Model.AddLessOrEqual(new LinearExpression(2).Add(dis, 1.0).Add(z, ev.MaxDischarge.Mw), ev.MaxDischarge.Mw, $"{ev.Id}.dis_mode[{t}]");
                }
            }

            c.Model.AddEquality(dynamics, j == 0 ? ev.ArrivalEnergy.Mwh : 0.0, $"{ev.Id}.energy_balance[{t}]");
        }

        if (ValuedAtTheEnd && k > 0 && ev.TerminalValue!.Value.EurPerMwh != 0)
        {
            // What the vehicle still lacks of its requirement at the horizon's end it buys after the horizon at about
            // v: welfare gains −v·(required − u) with u ≤ e(T−1) and u ≤ required, zero when it holds its requirement
            // (energy beyond it is not needed at the departure); docs/mechanisms/pool.md#electric-vehicles-at-the-horizons-end.
            var v = ev.TerminalValue.Value.EurPerMwh;
            var needed = Math.Min(ev.RequiredEnergy.Mwh, capacity);
            var u = c.Model.AddVariable(0, needed, $"{ev.Id}.valued_energy");
            c.Model.AddLessOrEqual(new LinearExpression(2).Add(u, 1.0).Add(_energy[k - 1], -1.0), 0.0, $"{ev.Id}.valued_energy_stored");
            c.Cost[End - 1].Add(u, -v).AddConstant(v * needed);
        }

        if (c.Elastic && k > 0)
        {
            var s = c.AddSlack(1.0, $"{ev.Id}.requirement_shortfall");
            _shortfall = s;
            c.Model.AddGreaterOrEqual(new LinearExpression(2).Add(_energy[k - 1], 1.0).Add(s, 1.0), required, $"{ev.Id}.requirement");
        }
    }

    public override AssetDispatch Read(double[] values, double hours)
    {
        var charge = new double[SlotCount];
        var discharge = new double[SlotCount];
        var energy = new double[SlotCount];
        var last = ev.ArrivalEnergy.Kwh;
        for (var t = 0; t < SlotCount; t++)
        {
            var j = t - First;
            if (j >= 0 && j < _charge.Length)
            {
                charge[t] = values[_charge[j].Index] * 1000.0;
                discharge[t] = Discharges ? values[_discharge[j].Index] * 1000.0 : 0.0;
                last = values[_energy[j].Index] * 1000.0;
            }

            energy[t] = last;
        }

        return new EvDispatch(ev.Id, Owner, First, End - First, charge, discharge, energy, Required.Kwh);
    }

    public override bool ChargesAndDischargesAtOnce(double[] values) => AnySimultaneous(values, _charge, _discharge);

    public override void FixBinaries(OptimizationModel model, IReadOnlyList<double> values) => FixAtRoundedValues(model, values, _mode);

    public override string? Shortfall(double[] values)
    {
        if (_shortfall is not { } s || values[s.Index] <= ShortfallToleranceMwh)
        {
            return null;
        }

        var shortKwh = values[s.Index] * 1000.0;
        return ValuedAtTheEnd
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"EV '{ev.Id}' of participant '{Owner}' cannot hold the {Required.Kwh:0.###} kWh at the horizon's end that let it reach its required {ev.RequiredEnergy.Kwh:0.###} kWh by its departure: it falls short by {shortKwh:0.###} kWh")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"EV '{ev.Id}' of participant '{Owner}' cannot reach its required {ev.RequiredEnergy.Kwh:0.###} kWh by the end of its last plugged slot: it falls short by {shortKwh:0.###} kWh");
    }
}
