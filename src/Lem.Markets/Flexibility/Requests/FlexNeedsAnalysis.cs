using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Flexibility.Requests;

/// <summary>
/// The DSO's needs (docs/mechanisms/flexibility.md#the-dsos-needs): runs the AC power flow of the baseline of every slot
/// (the grid file's injections plus the prognoses — a day-ahead schedule of any mechanism enters as prognoses) and turns
/// each thermal or voltage violation into a request at the congestion point that can relieve it: the least change of
/// injection inside the area that removes the violation (requested) and the most before the element is violated the
/// other way (available), both through the element's sensitivities.
/// </summary>
public static class FlexNeedsAnalysis
{
    private const double MinSensitivity = 1e-6;

    /// <summary>Analyses the baseline of every slot of the market.</summary>
    public static FlexNeedsResult Analyse(FlexMarket market, Lem.Grid.Network.GridNetwork grid, FlexClearingOptions? options = null)
    {
        var clock = new FlexClearingClock();
        (options, _, var lin) = FlexClearing.Prepare(market, grid, options, clock);
        using var ac = FlexAcEvaluators.For(lin, options);
        var (before, states) = FlexClearing.Baselines(market, lin, [ac], clock, options.ReferenceMode);
        return FromBaselines(market, lin, before, states);
    }

    /// <summary>The requests from the AC power flows and the linear states of the baselines of every slot.</summary>
    internal static FlexNeedsResult FromBaselines(FlexMarket market, IFlexLinearisation lin, IReadOnlyList<FlexAcSlot> baselines, IReadOnlyList<FlexLinearState> states)
    {
        var index = lin.Index;
        var bands = new Dictionary<(string Point, int Slot, FlexDirection Direction), (double Requested, double Available)>();
        var notes = new List<string>();
        for (var t = 0; t < market.SlotCount; t++)
        {
            var state = states[t];
            var before = baselines[t];
            if (!before.Converged)
            {
                notes.Add($"slot {t}: the AC power flow of the baseline did not converge; no automatic request.");
                continue;
            }

            foreach (var v in before.Violations)
            {
                var need = v.Kind == "overload" ? Thermal(index, lin, state, before, v) : Voltage(index, lin, before, v);
                if (need is null)
                {
                    notes.Add($"slot {t}: {v.Kind} at {v.Element} cannot be expressed with the {(lin.HasVoltages ? "linearised" : "dc")} sensitivities; no automatic request.");
                    continue;
                }

                var point = Relieving(market, index, need.Value.Sensitivity);
                if (point is null)
                {
                    notes.Add($"slot {t}: no congestion point has all its buses sensitive to {v.Element} in one direction; the {v.Kind} there gets no automatic request.");
                    continue;
                }

                var (id, direction, minS, maxS) = point.Value;
                var requested = need.Value.Excess / minS * index.BaseMva * 1000;
                var available = Math.Max(requested, need.Value.Room / maxS * index.BaseMva * 1000);
                var key = (id, t, direction);
                bands[key] = bands.TryGetValue(key, out var b) ? (Math.Max(b.Requested, requested), Math.Max(Math.Max(b.Requested, requested), Math.Min(b.Available, available))) : (requested, available);
            }
        }

        var requests = bands.OrderBy(kv => kv.Key.Slot).ThenBy(kv => kv.Key.Point, StringComparer.Ordinal).ThenBy(kv => kv.Key.Direction)
            .Select(kv => new FlexRequest($"auto-{kv.Key.Point}-{kv.Key.Slot}-{kv.Key.Direction.Name()}", kv.Key.Point, kv.Key.Slot, kv.Key.Direction, Math.Round(kv.Value.Requested, 6), Math.Round(kv.Value.Available, 6)))
            .ToList();
        return new FlexNeedsResult(requests, notes);
    }

    /// <summary>
    /// An overloaded branch: with the linear reactive flow Q, the AC apparent power S and the rating S̄, the active flow
    /// must shrink by |P| − √(S̄² − Q²) where |P| = √(S² − Q²); the room is |P| + √(S̄² − Q²). The sensitivity is signed so
    /// that a positive value relieves the branch: −sign(P)·∂P/∂p_j.
    /// </summary>
    private static (double Excess, double Room, Func<int, double> Sensitivity)? Thermal(NetworkIndex index, IFlexLinearisation lin, FlexLinearState state, FlexAcSlot before, FlexViolation v)
    {
        // Per phase (docs/three-phase.md#flexibility-on-three-phases) the element is k·3 + φ, its rating the branch's in p.u. of S_base/3.
        var k = v.ElementIndex >= 0 ? v.ElementIndex : index.BranchIds.IndexOf(v.Element);
        var rating = index.RatingPu[k / lin.Phases];
        var q = Math.Min(Math.Abs(state.BranchQ[k]), rating);
        var s = before.LoadingPercent[k] / 100 * rating;
        var p = Math.Sqrt(Math.Max(0, (s * s) - (q * q)));
        var allowed = Math.Sqrt((rating * rating) - (q * q));
        var sign = Math.Sign(state.BranchP[k]) is 0 ? 1 : Math.Sign(state.BranchP[k]);
        return (p - allowed, p + allowed, j => -sign * lin.Of(j, reactive: false).BranchP[k]);
    }

    /// <summary>
    /// A bus voltage out of its band: the squared voltage must move by the excess beyond the violated bound; the room is
    /// the distance to the other bound. The sensitivity is signed so that a positive value moves the voltage back.
    /// </summary>
    private static (double Excess, double Room, Func<int, double> Sensitivity)? Voltage(NetworkIndex index, IFlexLinearisation lin, FlexAcSlot before, FlexViolation v)
    {
        if (!lin.HasVoltages)
        {
            return null;
        }

        var i = v.ElementIndex >= 0 ? v.ElementIndex : index.IndexOf(new BusId(v.Element));
        var sq = before.VoltagesPu[i] * before.VoltagesPu[i];
        var high = index.VmMaxPu[i / lin.Phases] * index.VmMaxPu[i / lin.Phases];
        var low = index.VmMinPu[i / lin.Phases] * index.VmMinPu[i / lin.Phases];
        return v.Kind == "overvoltage"
            ? (sq - high, sq - low, j => -lin.Of(j, reactive: false).SquaredVoltage![i])
            : (low - sq, high - sq, j => lin.Of(j, reactive: false).SquaredVoltage![i]);
    }

    /// <summary>
    /// The congestion point that relieves an element: every bus of it moves the element the same way (by at least
    /// <see cref="MinSensitivity"/>); of several, the one with the most buses (the widest choice of offers), then by id.
    /// The direction is up when more injection relieves it.
    /// </summary>
    private static (string Id, FlexDirection Direction, double MinS, double MaxS)? Relieving(FlexMarket market, NetworkIndex index, Func<int, double> sensitivity)
    {
        (string Id, FlexDirection Direction, double MinS, double MaxS)? best = null;
        var bestCount = 0;
        foreach (var point in market.CongestionPoints.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var s = point.Buses.Select(b => sensitivity(index.IndexOf(b))).ToList();
            if (s.Count == 0 || !(s.All(x => x >= MinSensitivity) || s.All(x => x <= -MinSensitivity)) || s.Count <= bestCount)
            {
                continue;
            }

            var direction = s[0] > 0 ? FlexDirection.Up : FlexDirection.Down;
            best = (point.Id, direction, s.Min(Math.Abs), s.Max(Math.Abs));
            bestCount = s.Count;
        }

        return best;
    }
}
