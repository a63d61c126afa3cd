using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Flexibility.Continuous;

/// <summary>
/// The DSO's grid check of one match at a time (docs/mechanisms/flexibility.md#continuous-trading): the grid state per
/// slot is the baseline plus every order committed so far; a match of an offer may raise no limit's excess (an
/// over-voltage, an under-voltage or an overload that was not there, or a worse one), first screened with the
/// sensitivities (corrected by the AC-minus-linear mismatch at the current point), then confirmed with the AC power
/// flow, the factor halved by bisection until the AC power flow agrees; the result respects the offer's minimum
/// activation factor and the market's granularity, and must relieve a violation of the request's area when the area
/// has one.
/// </summary>
internal sealed class FlexGridCheck : IDisposable
{
    private const double Worse = 1e-7;
    private const int Bisections = 30;

    private readonly NetworkIndex _index;
    private readonly IFlexLinearisation _lin;
    private readonly FlexAcEvaluator _ac;
    private readonly FlexClearingOptions _options;
    private readonly double _granularityKw;
    private readonly double[][] _p;
    private readonly double[][] _q;
    private readonly FlexAcSlot?[] _current;

    public FlexGridCheck(FlexMarket market, GridNetwork grid, FlexClearingOptions options)
    {
        (_options, _, _lin) = FlexClearing.Prepare(market, grid, options, new FlexClearingClock());
        _granularityKw = market.Rules.GranularityKw;
        _index = _lin.Index;
        if (_lin.Phases != 1)
        {
            throw new ArgumentException("Continuous trading checks each match with the balanced power flow; the per-phase model (lindist3flow) clears as an auction only.", nameof(options));
        }

        _ac = new FlexAcEvaluator(_index, options);
        var specified = _ac.SpecifiedInjectionsPu;
        _p = new double[market.SlotCount][];
        _q = new double[market.SlotCount][];
        _current = new FlexAcSlot?[market.SlotCount];
        for (var t = 0; t < market.SlotCount; t++)
        {
            (_p[t], _q[t]) = FlexClearing.BaselineInjections(market, _index, specified, t);
        }
    }

    /// <summary>The AC power flow of a slot with every order committed so far.</summary>
    public FlexAcSlot Current(int slot) => _current[slot] ??= _ac.Run(slot, _p[slot], _q[slot]);

    /// <summary>The largest activation factor of <paramref name="offer"/> up to <paramref name="wanted"/> the grid allows in a slot.</summary>
    /// <param name="offer">The offer.</param>
    /// <param name="slot">The slot.</param>
    /// <param name="wanted">The wanted activation factor.</param>
    /// <param name="area">The area whose violation the match must relieve, or null for none.</param>
    public FlexGridVerdict Check(FlexOffer offer, int slot, double wanted, CongestionPoint? area)
    {
        var bus = _index.IndexOf(offer.Bus);
        var sign = offer.Direction.Sign();
        var dp = sign * offer.PowerKw / 1000 / _index.BaseMva;
        var dq = sign * offer.ReactiveKvar / 1000 / _index.BaseMva;
        var now = Current(slot);
        var excess0 = Excess(now.VoltagesPu, now.LoadingPercent);
        string? kind = null, element = null;

        // Screen with the sensitivities, corrected to the AC state at the current point.
        var state = StateAt(slot);
        var sp = _lin.Of(bus, false);
        var sq = _lin.Of(bus, true);
        var correction = Corrections(state, now);
        bool LinearOk(double a) => FirstWorse(excess0, Excess(LinearVoltages(state, sp, sq, dp * a, dq * a, now), LinearLoading(state, sp, sq, dp * a, dq * a, correction))) is null;
        var a = wanted;
        if (FirstWorse(excess0, Excess(LinearVoltages(state, sp, sq, dp * a, dq * a, now), LinearLoading(state, sp, sq, dp * a, dq * a, correction))) is { } screened)
        {
            (kind, element) = screened;
            a = Bisect(0, wanted, LinearOk);
        }

        // Confirm with the AC power flow.
        bool AcOk(double f) => AcFirstWorse(slot, bus, dp * f, dq * f, excess0) is null;
        if (a > 0 && AcFirstWorse(slot, bus, dp * a, dq * a, excess0) is { } acWorse)
        {
            (kind, element) = kind is null ? acWorse : (kind, element);
            a = Bisect(0, a, AcOk);
        }

        a = Quantise(offer, a);
        if (a > 0 && a < wanted && !AcOk(a))
        {
            a = 0;
        }

        if (a > 0 && area is not null && !Relieves(slot, bus, dp * a, dq * a, now, area))
        {
            return new FlexGridVerdict(0, "no-relief", area.Id);
        }

        return new FlexGridVerdict(a, a < wanted - 1e-12 ? kind : null, a < wanted - 1e-12 ? element : null);
    }

    /// <summary>Adds an ordered activation to the slot's grid state.</summary>
    public void Commit(FlexOffer offer, int slot, double activation)
    {
        var bus = _index.IndexOf(offer.Bus);
        var sign = offer.Direction.Sign();
        _p[slot][bus] += activation * sign * offer.PowerKw / 1000 / _index.BaseMva;
        _q[slot][bus] += activation * sign * offer.ReactiveKvar / 1000 / _index.BaseMva;
        _current[slot] = null;
    }

    /// <summary>Whether a bus lies in the grid.</summary>
    public bool HasBus(BusId bus) => _index.TryIndexOf(bus, out _);

    public void Dispose() => _ac.Dispose();

    /// <summary>The largest factor in [lo, hi] the predicate accepts, given that it accepts lo and the accepted set is an interval from lo.</summary>
    private static double Bisect(double lo, double hi, Func<double, bool> ok)
    {
        for (var i = 0; i < Bisections; i++)
        {
            var mid = (lo + hi) / 2;
            if (ok(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Rounds the ordered volume down to the granularity; 0 below the minimum activation factor.</summary>
    private double Quantise(FlexOffer offer, double a)
    {
        if (_granularityKw > 0 && offer.QuantityKw > 0)
        {
            a = Math.Floor((a * offer.QuantityKw / _granularityKw) + 1e-9) * _granularityKw / offer.QuantityKw;
        }

        return a < offer.MinActivationFactor - 1e-12 || a <= 1e-12 ? 0 : a;
    }

    private (string Kind, string Element)? AcFirstWorse(int slot, int bus, double dpPu, double dqPu, double[] excess0)
    {
        var after = RunWith(slot, bus, dpPu, dqPu);
        return after.Converged ? FirstWorse(excess0, Excess(after.VoltagesPu, after.LoadingPercent)) : ("no-convergence", _index.BusIdOf(bus).Value);
    }

    private FlexAcSlot RunWith(int slot, int bus, double dpPu, double dqPu)
    {
        var p = (double[])_p[slot].Clone();
        var q = (double[])_q[slot].Clone();
        p[bus] += dpPu;
        q[bus] += dqPu;
        return _ac.Run(slot, p, q);
    }

    /// <summary>Whether the match lowers the total excess of the area's buses and of the branches touching it, when the area has any excess.</summary>
    private bool Relieves(int slot, int bus, double dpPu, double dqPu, FlexAcSlot now, CongestionPoint area)
    {
        var inArea = Enumerable.Range(0, _index.BusCount).Select(i => area.Contains(_index.BusIdOf(i))).ToArray();
        var before = AreaExcess(Excess(now.VoltagesPu, now.LoadingPercent), inArea);
        if (before <= Worse)
        {
            return true;
        }

        var after = RunWith(slot, bus, dpPu, dqPu);
        return AreaExcess(Excess(after.VoltagesPu, after.LoadingPercent), inArea) < before - Worse;
    }

    private double AreaExcess(double[] excess, bool[] inArea)
    {
        var total = 0.0;
        for (var k = 0; k < _index.BranchCount; k++)
        {
            total += inArea[_index.FromIndex[k]] || inArea[_index.ToIndex[k]] ? excess[k] : 0;
        }

        for (var i = 0; i < _index.BusCount; i++)
        {
            total += inArea[i] ? excess[_index.BranchCount + i] + excess[_index.BranchCount + _index.BusCount + i] : 0;
        }

        return total;
    }

    /// <summary>The excess beyond each limit: branch loading above 100 % (percent), then bus voltage above and below the band (p.u.).</summary>
    private double[] Excess(IReadOnlyList<double> voltagesPu, IReadOnlyList<double> loadingPercent)
    {
        var m = _index.BranchCount;
        var excess = new double[m + (2 * _index.BusCount)];
        for (var k = 0; k < m; k++)
        {
            excess[k] = Math.Max(0, loadingPercent[k] - 100 - _options.ThermalTolerancePercent);
        }

        for (var i = 0; i < _index.BusCount; i++)
        {
            var v = voltagesPu[i];
            excess[m + i] = Math.Max(0, v - _index.VmMaxPu[i] - _options.VoltageTolerancePu);
            excess[m + _index.BusCount + i] = Math.Max(0, _index.VmMinPu[i] - _options.VoltageTolerancePu - v);
        }

        return excess;
    }

    /// <summary>The first limit whose excess grew, named as the AC check names violations.</summary>
    private (string Kind, string Element)? FirstWorse(double[] before, double[] after)
    {
        var m = _index.BranchCount;
        var n = _index.BusCount;
        for (var j = 0; j < after.Length; j++)
        {
            if (after[j] > before[j] + Worse)
            {
                return j < m ? ("overload", _index.BranchIds[j])
                    : j < m + n ? ("overvoltage", _index.BusIdOf(j - m).Value)
                    : ("undervoltage", _index.BusIdOf(j - m - n).Value);
            }
        }

        return null;
    }

    private FlexLinearState StateAt(int slot)
    {
        var state = _lin.FlatState();
        for (var i = 0; i < _index.BusCount; i++)
        {
            state.Add(_lin.Of(i, false), _p[slot][i]);
            state.Add(_lin.Of(i, true), _q[slot][i]);
        }

        return state;
    }

    /// <summary>AC apparent flow minus the linear one per branch at the current point (p.u.).</summary>
    private double[] Corrections(FlexLinearState state, FlexAcSlot now)
    {
        var c = new double[_index.BranchCount];
        for (var k = 0; k < c.Length; k++)
        {
            var rating = _index.RatingPu[k];
            if (double.IsFinite(rating) && rating > 0)
            {
                c[k] = (now.LoadingPercent[k] / 100 * rating) - Math.Sqrt((state.BranchP[k] * state.BranchP[k]) + (state.BranchQ[k] * state.BranchQ[k]));
            }
        }

        return c;
    }

    private double[] LinearVoltages(FlexLinearState state, FlexSensitivity sp, FlexSensitivity sq, double dpPu, double dqPu, FlexAcSlot now)
    {
        var v = new double[_index.BusCount];
        for (var i = 0; i < v.Length; i++)
        {
            var squared = (now.VoltagesPu[i] * now.VoltagesPu[i]) + ((sp.SquaredVoltage?[i] ?? 0) * dpPu) + ((sq.SquaredVoltage?[i] ?? 0) * dqPu);
            v[i] = Math.Sqrt(Math.Max(0, squared));
        }

        return v;
    }

    private double[] LinearLoading(FlexLinearState state, FlexSensitivity sp, FlexSensitivity sq, double dpPu, double dqPu, double[] correction)
    {
        var loading = new double[_index.BranchCount];
        for (var k = 0; k < loading.Length; k++)
        {
            var rating = _index.RatingPu[k];
            if (double.IsFinite(rating) && rating > 0)
            {
                var p = state.BranchP[k] + (sp.BranchP[k] * dpPu) + (sq.BranchP[k] * dqPu);
                var q = state.BranchQ[k] + (sp.BranchQ[k] * dpPu) + (sq.BranchQ[k] * dqPu);
                loading[k] = (Math.Sqrt((p * p) + (q * q)) + correction[k]) / rating * 100;
            }
        }

        return loading;
    }
}
