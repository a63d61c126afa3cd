using Lem.Markets.Tariffs;

namespace Lem.Markets.Distributed;

/// <summary>
/// A cost that separates by slot into f_t(P) = C + ½aP² + b⁻·min(P − K, 0) + b⁺·max(P − K, 0) on [lo, hi] with
/// b⁻ ≤ b⁺: quadratic agents (b⁻ = b⁺), fixed loads (lo = hi), PV with curtailment, curtailable loads and the outside
/// market (kink at 0, b⁻ = export price, b⁺ = import price). Local steps in closed form: a clipped piecewise
/// formula for the proximal step, and a scalar search on the balance multiplier plus clipping for the P2P step.
/// </summary>
internal sealed class SeparableCost : ILocalCost
{
    private const double FarBound = 1e12;
    private readonly double[] _lo;
    private readonly double[] _hi;
    private readonly double[] _kink;
    private readonly double[] _below;
    private readonly double[] _above;
    private readonly double[] _a;
    private readonly double[] _constant;
    private readonly double _eurPerUnit;
    private readonly double[] _x;
    private double[]? _tariffWithdrawal;
    private double[]? _tariffInjection;
    private double _preferenceCost;
    private double[] _points = [];
    private double[] _lastRoot = [];

    public SeparableCost(double[] lo, double[] hi, double[] kink, double[] slopeBelow, double[] slopeAbove, double[] quadratic, double[] constant, double eurPerUnit)
    {
        var n = lo.Length;
        if (hi.Length != n || kink.Length != n || slopeBelow.Length != n || slopeAbove.Length != n || quadratic.Length != n || constant.Length != n)
        {
            throw new ArgumentException("All per-slot arrays of a separable cost must have the same length.");
        }

        for (var t = 0; t < n; t++)
        {
            if (!(lo[t] <= hi[t]) || !(slopeBelow[t] <= slopeAbove[t]) || !(quadratic[t] >= 0) || double.IsNaN(kink[t]))
            {
                throw new ArgumentException($"Slot {t}: a separable cost needs lo ≤ hi, b⁻ ≤ b⁺ and a ≥ 0 (got lo {lo[t]}, hi {hi[t]}, b⁻ {slopeBelow[t]}, b⁺ {slopeAbove[t]}, a {quadratic[t]}).");
            }
        }

        _lo = [.. lo.Select(v => Math.Max(v, -FarBound))];
        _hi = [.. hi.Select(v => Math.Min(v, FarBound))];
        _kink = kink;
        _below = slopeBelow;
        _above = slopeAbove;
        _a = quadratic;
        _constant = constant;
        _eurPerUnit = eurPerUnit;
        _x = new double[n];
    }

    public int SlotCount => _lo.Length;

    /// <summary>Slot t's lower bound on the net injection.</summary>
    public double Lower(int t) => _lo[t];

    /// <summary>Slot t's upper bound on the net injection.</summary>
    public double Upper(int t) => _hi[t];

    /// <summary>½aP² + bP on [lo, hi] in every slot, quantities in the cost's units, cost × eurPerUnit in EUR.</summary>
    public static SeparableCost Quadratic(double[] a, double[] b, double[] lo, double[] hi, double eurPerUnit) =>
        new(lo, hi, new double[a.Length], b, b, a, new double[a.Length], eurPerUnit);

    /// <summary>The outside market in kW: import (injection into the community) at the import price, export at the export price, within the limits.</summary>
    public static SeparableCost Outside(OutsideMarket market, int slots, double hours)
    {
        var lo = Enumerable.Repeat(-(market.ExportLimit?.Kw ?? double.PositiveInfinity), slots).ToArray();
        var hi = Enumerable.Repeat(market.ImportLimit?.Kw ?? double.PositiveInfinity, slots).ToArray();
        var below = Enumerable.Range(0, slots).Select(t => market.WholesaleExportEurPerMwh[t]).ToArray();
        var above = Enumerable.Range(0, slots).Select(t => market.WholesaleImportEurPerMwh[t]).ToArray();
        for (var t = 0; t < slots; t++)
        {
            if (below[t] > above[t])
            {
                // Export dearer than import would be an arbitrage without bound; the pool nets it out, here both meet.
                below[t] = above[t] = 0.5 * (below[t] + above[t]);
            }
        }

        return new SeparableCost(lo, hi, new double[slots], below, above, new double[slots], new double[slots], hours / 1000.0);
    }

    /// <summary>
    /// A participant without orders whose assets all separate by slot (<see cref="AssetKind.Separable"/>: fixed
    /// demand, sheddable demand at one value of lost load, curtailable output at one curtailment cost), in kW; null for
    /// anything else (it needs the optimisation layer). A <paramref name="tariff"/> that charges only per slot folds into the
    /// kink at 0 where the cost is linear (or the injection fixed) in every slot; otherwise the result is null too.
    /// </summary>
    public static SeparableCost? TryFromParticipant(Participant p, int slots, double hours, TariffCost? tariff = null)
    {
        if (tariff is not null)
        {
            return tariff.CouplesSlots ? null : TryFromParticipant(p, slots, hours)?.WithTariff(tariff);
        }

        if (p.Orders.Count > 0)
        {
            return null;
        }

        var profiles = new List<SeparableProfile>(p.Assets.Count);
        foreach (var a in p.Assets)
        {
            if (AssetKinds.Of(a).Separable(a) is not { } profile)
            {
                return null;
            }

            profiles.Add(profile);
        }

        var fixedLoads = profiles.Where(x => x.FixedDemandKw is not null).Select(x => x.FixedDemandKw!).ToList();
        var renewables = profiles.Where(x => x.AvailableOutputKw is not null).ToList();
        var curtailables = profiles.Where(x => x.SheddableDemandKw is not null).ToList();
        if (renewables.Select(r => r.CurtailmentCostEurPerMwh).Distinct().Count() > 1 || curtailables.Select(c => c.ValueOfLostLoadEurPerMwh).Distinct().Count() > 1)
        {
            return null;
        }

        var kappa = renewables.Count > 0 ? renewables[0].CurtailmentCostEurPerMwh : 0.0;
        var voll = curtailables.Count > 0 ? curtailables[0].ValueOfLostLoadEurPerMwh : 0.0;
        double[] lo = new double[slots], hi = new double[slots], kink = new double[slots], below = new double[slots], above = new double[slots], constant = new double[slots];
        for (var t = 0; t < slots; t++)
        {
            var fixedKw = fixedLoads.Sum(l => l[t]);
            var sheddable = curtailables.Sum(l => l.SheddableDemandKw![t]);
            var available = renewables.Sum(r => r.AvailableOutputKw![t]);
            lo[t] = -(fixedKw + sheddable);
            hi[t] = lo[t] + available + sheddable;
            if (available == 0 && sheddable == 0)
            {
                kink[t] = lo[t];
            }
            else if (sheddable == 0)
            {
                kink[t] = hi[t]; // every renewable kWh used: no curtailment cost at hi
                below[t] = above[t] = -kappa;
            }
            else if (available == 0)
            {
                kink[t] = lo[t]; // shedding from lo at the value of lost load
                below[t] = above[t] = voll;
            }
            else if (-kappa <= voll)
            {
                // Raising the injection uses renewables first (slope −κ), then sheds load (slope VOLL).
                kink[t] = lo[t] + available;
                below[t] = -kappa;
                above[t] = voll;
            }
            else
            {
                kink[t] = lo[t] + sheddable;
                below[t] = voll;
                above[t] = -kappa;
                constant[t] = (voll * sheddable) + (kappa * available);
            }
        }

        return new SeparableCost(lo, hi, kink, below, above, new double[slots], constant, hours / 1000.0);
    }

    /// <summary>
    /// This cost plus ω_t·max(0, −P) + ξ_t·max(0, P) (docs/settlement.md#tariff-aware-clearing): the kink moves to 0 with
    /// slopes b − ω and b + ξ where the cost is linear with slope b, or where lo = hi; null where it has a kink of its own.
    /// The tariff is part of the steps' objective, not of <see cref="LastCostEur"/>.
    /// </summary>
    private SeparableCost? WithTariff(TariffCost tariff)
    {
        var n = _lo.Length;
        double[] kink = new double[n], below = new double[n], above = new double[n], constant = new double[n];
        for (var t = 0; t < n; t++)
        {
            var slope = _lo[t] == _hi[t] ? 0.0 : _below[t] == _above[t] ? _below[t] : double.NaN;
            if (double.IsNaN(slope))
            {
                return null;
            }

            // Keep the cost's value: C + b·(P − K) = (C − b·K) + b·P, or the one value at lo = hi.
            constant[t] = _lo[t] == _hi[t] ? Cost(t, _lo[t]) - (0.5 * _a[t] * _lo[t] * _lo[t]) : _constant[t] - (slope * _kink[t]);
            below[t] = slope - tariff.WithdrawalEurPerMwh[t];
            above[t] = slope + tariff.InjectionEurPerMwh[t];
        }

        return new SeparableCost(_lo, _hi, kink, below, above, _a, constant, _eurPerUnit)
        {
            _tariffWithdrawal = [.. tariff.WithdrawalEurPerMwh],
            _tariffInjection = [.. tariff.InjectionEurPerMwh],
        };
    }

    public void Prox(ReadOnlySpan<double> v, double rho, Span<double> x)
    {
        for (var t = 0; t < _lo.Length; t++)
        {
            x[t] = _x[t] = ProxSlot(t, v[t], rho);
        }

        _preferenceCost = 0;
    }

    public void TradeStep(int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, Span<double> trades, Span<double> injection, NetInjectionTerm? net = null)
    {
        var n = _lo.Length;
        var pref = 0.0;
        for (var t = 0; t < n; t++)
        {
            injection[t] = _x[t] = TradeSlot(t, partners, targets, preferences, rho, trades, net);
            for (var k = 0; k < partners; k++)
            {
                pref += preferences[k] * Math.Abs(trades[(k * n) + t]);
            }
        }

        _preferenceCost = pref;
    }

    public double LastCostEur()
    {
        var f = _preferenceCost;
        for (var t = 0; t < _lo.Length; t++)
        {
            f += Cost(t, _x[t]);
            if (_tariffWithdrawal is not null && _tariffInjection is not null)
            {
                f -= (_tariffWithdrawal[t] * Math.Max(0.0, -_x[t])) + (_tariffInjection[t] * Math.Max(0.0, _x[t]));
            }
        }

        return f * _eurPerUnit;
    }

    private double Cost(int t, double p) =>
        _constant[t] + (0.5 * _a[t] * p * p) + (_below[t] * Math.Min(p - _kink[t], 0.0)) + (_above[t] * Math.Max(p - _kink[t], 0.0));

    private double ProxSlot(int t, double v, double rho)
    {
        var denom = _a[t] + rho;
        var w = rho * v;
        var k = _kink[t];
        var p1 = (w - _below[t]) / denom;
        double p;
        if (p1 < k)
        {
            p = p1;
        }
        else
        {
            var p2 = (w - _above[t]) / denom;
            p = p2 > k ? p2 : k;
        }

        return Math.Clamp(p, _lo[t], _hi[t]);
    }

    /// <summary>The set argmin f(P) − μP as an interval.</summary>
    private (double Low, double High) Response(int t, double mu)
    {
        double lo = _lo[t], hi = _hi[t], k = Math.Clamp(_kink[t], lo, hi);
        if (_a[t] > 0)
        {
            var p1 = (mu - _below[t]) / _a[t];
            double p;
            if (p1 < _kink[t])
            {
                p = p1;
            }
            else
            {
                var p2 = (mu - _above[t]) / _a[t];
                p = p2 > _kink[t] ? p2 : _kink[t];
            }

            p = Math.Clamp(p, lo, hi);
            return (p, p);
        }

        if (mu < _below[t])
        {
            return (lo, lo);
        }

        if (mu == _below[t])
        {
            return _below[t] == _above[t] ? (lo, hi) : (lo, k);
        }

        if (mu < _above[t])
        {
            return (k, k);
        }

        return mu == _above[t] ? (k, hi) : (hi, hi);
    }

    private double TradeSlot(int t, int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, Span<double> trades, NetInjectionTerm? net)
    {
        var n = _lo.Length;
        var supply = net?.SupplyKw[t] ?? 0.0;
        if (partners == 0)
        {
            return Math.Clamp(supply, _lo[t], _hi[t]);
        }

        var pLow = _lo[t] - supply >= 0 ? 0.0 : double.NegativeInfinity;
        var pHigh = _hi[t] - supply <= 0 ? 0.0 : double.PositiveInfinity;

        if (_lastRoot.Length != n)
        {
            _lastRoot = new double[n];
            Array.Fill(_lastRoot, double.NaN);
        }

        // A Newton step from the last root finds the new one when it lies on the same linear piece of G (the tail of
        // ADMM); otherwise the breakpoint search does (docs/mechanisms/admm.md#active-set-local-steps).
        var root = net is null && double.IsFinite(_lastRoot[t]) && TryNewtonRoot(t, partners, targets, preferences, rho, pLow, pHigh, _lastRoot[t]) is { } newton
            ? newton
            : BalanceMultiplier(t, partners, targets, preferences, rho, pLow, pHigh, net);
        _lastRoot[t] = root;
        var total = 0.0;
        for (var k = 0; k < partners; k++)
        {
            var p = Trade(targets[(k * n) + t], preferences[k], root, rho, pLow, pHigh);
            trades[(k * n) + t] = p;
            total += p;
        }

        var (low, high) = Answer(t, root, net);
        return Math.Clamp(total, low, high) + supply;
    }

    /// <summary>
    /// The root μ of the slot's balance G(μ) = S(μ) − clamp(S(μ), argmin f − μP) with S(μ) = Σ_k p_k(μ), the trades at
    /// multiplier μ (docs/mechanisms/admm.md#local-steps). G is non-increasing and linear between the breakpoints
    /// ρ·target_k ± c_k of the trades and the kinks and bounds of the agent's response, so a binary search over the sorted
    /// breakpoints finds the segment that holds the root and one interpolation on it is exact; past the outermost
    /// breakpoint a doubling step closes the bracket.
    /// </summary>
    private double BalanceMultiplier(int t, int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, double pLow, double pHigh, NetInjectionTerm? net)
    {
        var n = _lo.Length;
        var needed = (2 * partners) + 6;
        if (_points.Length < needed)
        {
            _points = new double[needed];
        }

        var points = _points.AsSpan();
        var count = 0;
        for (var k = 0; k < partners; k++)
        {
            var centre = rho * targets[(k * n) + t];
            points[count++] = centre - preferences[k];
            points[count++] = centre + preferences[k];
        }

        static void AddPoint(Span<double> into, ref int at, double mu)
        {
            if (double.IsFinite(mu))
            {
                into[at++] = mu;
            }
        }

        // With the grid's term w/2(y − v)² the answer solves μ = (a + w)·y + f's slope − w·v, so its breakpoints move likewise.
        double a = _a[t], below = _below[t], above = _above[t];
        if (net is not null)
        {
            a += net.Weight;
            below -= net.Weight * net.TargetKw[t];
            above -= net.Weight * net.TargetKw[t];
        }

        if (a > 0)
        {
            AddPoint(points, ref count, below + (a * _kink[t]));
            AddPoint(points, ref count, above + (a * _kink[t]));
            AddPoint(points, ref count, below + (a * _lo[t]));
            AddPoint(points, ref count, above + (a * _lo[t]));
            AddPoint(points, ref count, below + (a * _hi[t]));
            AddPoint(points, ref count, above + (a * _hi[t]));
        }
        else
        {
            AddPoint(points, ref count, below);
            AddPoint(points, ref count, above);
        }

        var sorted = points[..count];
        sorted.Sort();
        double left = double.NegativeInfinity, right = double.PositiveInfinity, gLeft = 0, gRight = 0;
        int first = 0, last = count - 1;
        while (first <= last)
        {
            var middle = (first + last) / 2;
            var mu = sorted[middle];
            var g = Balance(t, partners, targets, preferences, rho, pLow, pHigh, net, mu);
            if (g == 0)
            {
                return mu;
            }

            if (g > 0)
            {
                (left, gLeft, first) = (mu, g, middle + 1);
            }
            else
            {
                (right, gRight, last) = (mu, g, middle - 1);
            }
        }

        // Beyond the outermost breakpoint G is linear: step outwards, doubling, until the sign changes.
        var edge = double.IsFinite(left) ? left : double.IsFinite(right) ? right : 0.0;
        var step = Math.Max(1.0, 0.1 * Math.Abs(edge));
        for (var doubling = 0; doubling < 1100 && !(double.IsFinite(left) && double.IsFinite(right)); doubling++)
        {
            var mu = double.IsFinite(left) ? left + step : right - step;
            step *= 2;
            var g = Balance(t, partners, targets, preferences, rho, pLow, pHigh, net, mu);
            if (g == 0)
            {
                return mu;
            }

            if (g > 0)
            {
                (left, gLeft) = (mu, g);
            }
            else
            {
                (right, gRight) = (mu, g);
            }
        }

        if (!(double.IsFinite(left) && double.IsFinite(right)))
        {
            return double.IsFinite(left) ? left : right;
        }

        return Math.Clamp(left + (gLeft * (right - left) / (gLeft - gRight)), left, right);
    }

    /// <summary>
    /// One Newton step on the balance G(μ) = S(μ) − clamp(S(μ), response at μ) from <paramref name="start"/>: G is
    /// piecewise linear, so the step lands on the root when the root lies on the piece of the start. Accepted only if G
    /// vanishes there to rounding; null otherwise (a flat piece included).
    /// </summary>
    private double? TryNewtonRoot(int t, int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, double pLow, double pHigh, double start)
    {
        var (g, slope, _) = BalanceWithSlope(t, partners, targets, preferences, rho, pLow, pHigh, start);
        if (g == 0)
        {
            return start;
        }

        if (!(slope < 0))
        {
            return null;
        }

        var mu = start - (g / slope);
        var (g1, _, size) = BalanceWithSlope(t, partners, targets, preferences, rho, pLow, pHigh, mu);
        return Math.Abs(g1) <= 1e-13 * (1.0 + size) ? mu : null;
    }

    /// <summary>G(μ) without a grid term, its slope on the piece that holds μ, and Σ|p_k| + |P| (its size).</summary>
    private (double G, double Slope, double Size) BalanceWithSlope(int t, int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, double pLow, double pHigh, double mu)
    {
        var n = _lo.Length;
        double s = 0, slope = 0, size = 0;
        for (var k = 0; k < partners; k++)
        {
            var z = targets[(k * n) + t] - (mu / rho);
            var th = preferences[k] / rho;
            var p = z > th ? z - th : z < -th ? z + th : 0.0;
            if (p > pLow && p < pHigh && (z > th || z < -th))
            {
                slope -= 1.0 / rho;
            }

            p = Math.Clamp(p, pLow, pHigh);
            s += p;
            size += Math.Abs(p);
        }

        var a = _a[t];
        if (a == 0)
        {
            // A piecewise-constant response (an interval only at μ = a slope): G = S − clamp(S, low, high) falls with S.
            var (low, high) = Response(t, mu);
            var clamped = Math.Clamp(s, low, high);
            return (s - clamped, s > low && s < high ? 0.0 : slope, size + Math.Abs(clamped));
        }

        // The response of Response(t, μ) for a > 0, with its slope 1/a on its linear pieces.
        var r = (mu - _below[t]) / a;
        var dr = 1.0 / a;
        if (r >= _kink[t])
        {
            r = (mu - _above[t]) / a;
            if (!(r > _kink[t]))
            {
                (r, dr) = (_kink[t], 0.0);
            }
        }

        if (r <= _lo[t] || r >= _hi[t])
        {
            (r, dr) = (Math.Clamp(r, _lo[t], _hi[t]), 0.0);
        }

        return (s - r, slope - dr, size + Math.Abs(r));
    }

    /// <summary>
    /// The trades' sum P answering μ: argmin f(P) − μP, or with the grid's term (docs/mechanisms/admm.md#p2p-with-the-grid-agent)
    /// argmin_y f(y) + w/2(y − v)² − μy = prox of f at v + μ/w with weight w, less the outside market's supply.
    /// </summary>
    private (double Low, double High) Answer(int t, double mu, NetInjectionTerm? net)
    {
        if (net is null)
        {
            return Response(t, mu);
        }

        var y = ProxSlot(t, net.TargetKw[t] + (mu / net.Weight), net.Weight) - net.SupplyKw[t];
        return (y, y);
    }

    /// <summary>G(μ) of <see cref="BalanceMultiplier"/>: the trades' sum minus its projection on the agent's response at μ.</summary>
    private double Balance(int t, int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, double pLow, double pHigh, NetInjectionTerm? net, double mu)
    {
        var n = _lo.Length;
        var s = 0.0;
        for (var k = 0; k < partners; k++)
        {
            s += Trade(targets[(k * n) + t], preferences[k], mu, rho, pLow, pHigh);
        }

        var (low, high) = Answer(t, mu, net);
        return s - Math.Clamp(s, low, high);
    }

    /// <summary>argmin c|p| + ρ/2(p − target)² + μp over [low, high]: soft thresholding, then clipping.</summary>
    private static double Trade(double target, double c, double mu, double rho, double low, double high)
    {
        var z = target - (mu / rho);
        var th = c / rho;
        var p = z > th ? z - th : z < -th ? z + th : 0.0;
        return Math.Clamp(p, low, high);
    }
}
