namespace Lem.Markets.Redispatch;

/// <summary>
/// <c>iterative</c> (seed Ref 116, docs/mechanisms/redispatch.md#iterative-redispatch): clear → AC check → for each
/// violated limit and slot, the sensitivities of the limited quantity to each participant's injection around the AC
/// point (finite differences) → the smallest change of the driving participants' positions (least squares, within what
/// caps can ask) that brings the linearised quantity back inside the limit with a margin → those positions become
/// caps on injection or withdrawal → clear again; until no violation is left or after K rounds.
/// </summary>
public sealed class IterativeRedispatch : IRedispatch
{
    /// <summary>Sensitivities below this fraction of the largest one of a limit are treated as zero (upstream participants).</summary>
    private const double NegligibleSensitivity = 1e-3;

    /// <inheritdoc />
    public string Name => "iterative";

    /// <inheritdoc />
    public string Description => "Clear, AC-check, cap the participants driving each violation by sensitivities, clear again (Ref 116)";

    /// <inheritdoc />
    public RedispatchOutcome Apply(IClearingMechanism mechanism, ClearingRequest request, RedispatchOptions options)
    {
        var warnings = new List<string>();
        var (initial, _, before, history) = RedispatchCore.First(mechanism, request, options, warnings);
        var market = request.Market;
        var limits = market.BidLimits;
        var current = initial;
        var after = before;
        var rounds = 0;
        if (market.Grid is not null && initial.HasSchedule && before > 0)
        {
            var caps = RedispatchCore.StartCaps(market);
            var (demand, supply) = RedispatchCore.Demand(market);
            while (after > 0 && rounds < options.MaxRounds)
            {
                if (!Tighten(market, current, caps, demand, supply, options, warnings))
                {
                    warnings.Add($"Round {rounds + 1}: no participant's cap can relieve the remaining violations.");
                    break;
                }

                var tightened = RedispatchCore.ToLimits(caps);
                var next = RedispatchCore.Clear(mechanism, request, tightened, warnings);
                rounds++;
                if (!next.HasSchedule)
                {
                    warnings.Add($"Round {rounds}: the clearing with the tightened caps ended {next.StatusName}; the last schedule is kept.");
                    history.Add(RedispatchCore.Round(rounds, next, null, tightened));
                    break;
                }

                current = next;
                limits = tightened;
                var check = GridCheck.Run(market, current, request.Options.Progress);
                after = GridCheck.ViolationCount(check);
                history.Add(RedispatchCore.Round(rounds, current, check, limits));
            }
        }

        return new RedispatchOutcome(Name, initial, current, rounds, before, after, initial.WelfareEur - current.WelfareEur)
        {
            History = history,
            FinalLimits = limits,
            Warnings = warnings,
        };
    }

    /// <summary>Tightens <paramref name="caps"/> for every violated limit of <paramref name="clearing"/>; false when nothing could be tightened.</summary>
    private static bool Tighten(
        MarketInput market,
        ClearingResult clearing,
        Dictionary<ParticipantId, (double[] Injection, double[] Withdrawal)> caps,
        Dictionary<ParticipantId, double[]> demand,
        Dictionary<ParticipantId, double[]> supply,
        RedispatchOptions options,
        List<string> warnings)
    {
        var x = RedispatchCore.Positions(market, clearing);
        using var point = AcOperatingPoint.Of(market, clearing);
        var all = GridLimit.All(point.Index);
        var participants = market.Participants.Where(p => point.BusOf.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        var changed = false;
        for (var t = 0; t < market.Horizon.Count; t++)
        {
            var at = point.Solve(t);
            var violated = all.Where(l => l.ViolatedBy(at)).ToList();
            if (violated.Count == 0)
            {
                continue;
            }

            var g = point.Sensitivities(t, at, violated, participants.Select(p => point.BusOf[p]));
            for (var e = 0; e < violated.Count; e++)
            {
                var limit = violated[e];
                var value = limit.ValueIn(at);
                var margin = limit.Margin(options);

                // Oriented so that a > 0 means more injection worsens the violation; d > 0 is the change needed.
                var above = value > limit.Upper;
                var needed = above ? value - (limit.Upper - margin) : limit.Lower + margin - value;
                var a = participants.Select(p => (above ? 1 : -1) * g[point.BusOf[p]][e]).ToArray();
                var largest = a.Max(Math.Abs);
                if (largest <= 0)
                {
                    continue;
                }

                // What a cap can ask of each participant: an injector less injection (down to zero), a withdrawer less
                // withdrawal (down to the demand its assets cannot avoid).
                var room = new double[participants.Count];
                for (var n = 0; n < participants.Count; n++)
                {
                    var p = participants[n];
                    var floor = Math.Max(0, demand[p][t] - supply[p][t]);
                    room[n] = Math.Abs(a[n]) < NegligibleSensitivity * largest ? 0
                        : a[n] > 0 ? Math.Max(0, x[p][t])
                        : Math.Max(0, -x[p][t] - floor);
                }

                var lambda = Multiplier(a, room, needed, out var enough);
                if (!enough)
                {
                    warnings.Add($"Slot {t}: caps can reduce the violation of {(limit.IsBranch ? "branch" : "bus")} {limit.Id} only in part.");
                }

                for (var n = 0; n < participants.Count; n++)
                {
                    var change = Math.Min(lambda * Math.Abs(a[n]), room[n]);
                    if (change <= 0)
                    {
                        continue;
                    }

                    var p = participants[n];
                    var (injection, withdrawal) = caps[p];
                    if (a[n] > 0)
                    {
                        injection[t] = Math.Min(injection[t], x[p][t] - change);
                    }
                    else
                    {
                        withdrawal[t] = Math.Min(withdrawal[t], -x[p][t] - change);
                    }

                    changed = true;
                }
            }
        }

        return changed;
    }

    /// <summary>
    /// The λ ≥ 0 of the least-squares change Δ_n = −λ·a_n (clipped to |Δ_n| ≤ room_n) with Σ |a_n|·|Δ_n| =
    /// <paramref name="needed"/>, by bisection; <paramref name="enough"/> is false when even every room used falls short.
    /// </summary>
    public static double Multiplier(IReadOnlyList<double> a, IReadOnlyList<double> room, double needed, out bool enough)
    {
        double Relief(double lambda)
        {
            var sum = 0.0;
            for (var n = 0; n < a.Count; n++)
            {
                sum += Math.Abs(a[n]) * Math.Min(lambda * Math.Abs(a[n]), room[n]);
            }

            return sum;
        }

        var high = 0.0;
        for (var n = 0; n < a.Count; n++)
        {
            if (room[n] > 0 && a[n] != 0)
            {
                high = Math.Max(high, room[n] / Math.Abs(a[n]));
            }
        }

        enough = Relief(high) >= needed;
        if (!enough)
        {
            return high;
        }

        var low = 0.0;
        for (var i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var mid = 0.5 * (low + high);
            if (Relief(mid) >= needed)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }
}
