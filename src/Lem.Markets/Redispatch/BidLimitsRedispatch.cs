namespace Lem.Markets.Redispatch;

/// <summary>
/// <c>bid-limits</c> (dynamic bid limits, PEBBLES; docs/mechanisms/redispatch.md#dynamic-bid-limits): before the clearing
/// the DSO puts every participant at its baseline (the demand its assets must serve, nothing else), linearises the AC
/// power flow there, shares each limit's headroom among the participants (and directions) that push towards it in
/// proportion to how far each can move, and gives each participant per slot the largest injection and withdrawal within
/// its share; an AC check with every
/// participant at its injection caps, and one at its withdrawal caps, scales the shares down until both are within limits.
/// The market is cleared once with the caps. The outcome's first clearing is the one without caps (for the violations
/// it would have had and the welfare the caps cost).
/// </summary>
public sealed class BidLimitsRedispatch : IRedispatch
{
    /// <summary>Sensitivities below this fraction of the largest one of a limit are treated as zero.</summary>
    private const double NegligibleSensitivity = 1e-3;

    /// <summary>The factor the shares are scaled by after a failed AC check of the caps.</summary>
    private const double ScaleDown = 0.8;

    /// <summary>The most AC checks of the caps per slot.</summary>
    private const int MaxCapChecks = 12;

    /// <inheritdoc />
    public string Name => "bid-limits";

    /// <inheritdoc />
    public string Description => "Cap each participant's injection and withdrawal to the grid's shared headroom before clearing once (PEBBLES)";

    /// <inheritdoc />
    public RedispatchOutcome Apply(IClearingMechanism mechanism, ClearingRequest request, RedispatchOptions options)
    {
        var warnings = new List<string>();
        var (initial, _, before, history) = RedispatchCore.First(mechanism, request, options, warnings);
        var market = request.Market;
        if (market.Grid is null)
        {
            return new RedispatchOutcome(Name, initial, initial, 0, before, before, 0m) { History = history, FinalLimits = market.BidLimits, Warnings = warnings };
        }

        var limits = Limits(market, options, warnings);
        var final = RedispatchCore.Clear(mechanism, request, limits, warnings);
        var finalCheck = final.HasSchedule ? GridCheck.Run(market, final, request.Options.Progress) : null;
        history.Add(RedispatchCore.Round(1, final, finalCheck, limits));
        if (!final.HasSchedule)
        {
            warnings.Add($"The clearing with the bid limits ended {final.StatusName}.");
        }

        return new RedispatchOutcome(Name, initial, final, 1, before, final.HasSchedule ? GridCheck.ViolationCount(finalCheck) : before, initial.WelfareEur - final.WelfareEur)
        {
            History = history,
            FinalLimits = limits,
            Warnings = warnings,
        };
    }

    /// <summary>
    /// The dynamic bid limits of <paramref name="market"/> (docs/mechanisms/redispatch.md#dynamic-bid-limits), merged
    /// with the market's own (the tighter cap wins); null when nobody is capped.
    /// </summary>
    public static BidLimits? Limits(MarketInput market, RedispatchOptions options, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(warnings);
        if (market.Grid is null)
        {
            return market.BidLimits;
        }

        var slots = market.Horizon.Count;
        var (demand, supply) = RedispatchCore.Demand(market);
        var baseline = demand.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)[.. kv.Value.Select(d => -d)]);
        var consumption = demand.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value);
        var netImportMw = Enumerable.Range(0, slots).Select(t => demand.Values.Sum(d => d[t]) / 1000).ToList();
        using var point = AcOperatingPoint.Of(market, baseline, consumption, netImportMw, PoolOptions.Default.LoadPowerFactor);
        var all = GridLimit.All(point.Index);
        var participants = market.Participants.Where(p => point.BusOf.ContainsKey(p.Id)).Select(p => p.Id).ToList();
        var caps = RedispatchCore.StartCaps(market);
        var potentials = participants.Select(id => Potentials(market, market.Participants.First(p => p.Id == id), supply[id])).ToList();
        for (var t = 0; t < slots; t++)
        {
            var at = point.Solve(t);
            var g = point.Sensitivities(t, at, all, participants.Select(p => point.BusOf[p]));
            var (up, down) = Shares(all, at, [.. participants.Select(p => g[point.BusOf[p]])], [.. potentials.Select(x => x.Up[t])], [.. potentials.Select(x => x.Down[t])], options);

            // The AC check of the caps: everybody at the injection caps, then everybody at the withdrawal caps.
            var scale = 1.0;
            for (var attempt = 0; attempt < MaxCapChecks; attempt++)
            {
                if (WithinLimits(point, t, all, participants, up, scale) && WithinLimits(point, t, all, participants, down, -scale))
                {
                    break;
                }

                scale *= ScaleDown;
                if (attempt == MaxCapChecks - 1)
                {
                    warnings.Add($"Slot {t}: the bid limits still break a limit in the AC check after {MaxCapChecks} reductions.");
                }
            }

            for (var n = 0; n < participants.Count; n++)
            {
                var (injection, withdrawal) = caps[participants[n]];
                var x0 = baseline[participants[n]][t];
                injection[t] = Math.Min(injection[t], x0 + scale * up[n]);
                withdrawal[t] = Math.Min(withdrawal[t], -x0 + scale * down[n]);
            }
        }

        return RedispatchCore.ToLimits(caps);
    }

    /// <summary>
    /// Per participant the largest injection increase and withdrawal increase from the baseline, kW (+∞ when no limit
    /// responds): each side of each limit has a headroom h (inside the margin) that the (participant, direction) pairs
    /// pushing towards it share in proportion to their potential π: every pair gets the same fraction
    /// f = min(1, h / Σ π·|g|) of its potential (docs/mechanisms/redispatch.md#dynamic-bid-limits). An unknown potential
    /// counts as h/|g| (the pair alone could use the whole headroom).
    /// </summary>
    private static (double[] Up, double[] Down) Shares(IReadOnlyList<GridLimit> all, AcState at, IReadOnlyList<double[]> g, double[] potentialUp, double[] potentialDown, RedispatchOptions options)
    {
        var count = g.Count;
        var up = Enumerable.Repeat(double.PositiveInfinity, count).ToArray();
        var down = Enumerable.Repeat(double.PositiveInfinity, count).ToArray();
        for (var e = 0; e < all.Count; e++)
        {
            var limit = all[e];
            var value = limit.ValueIn(at);
            var margin = limit.Margin(options);
            var largest = g.Max(s => Math.Abs(s[e]));
            if (largest <= 0)
            {
                continue;
            }

            // An injection increase moves the quantity by +g per kW, a withdrawal increase by −g per kW.
            foreach (var side in new[] { 1, -1 })
            {
                var headroom = Math.Max(0, side > 0 ? limit.Upper - margin - value : value - (limit.Lower + margin));
                var pairs = new List<(int N, bool Injection, double Sensitivity, double Potential)>();
                for (var n = 0; n < count; n++)
                {
                    var s = g[n][e] * side;
                    if (Math.Abs(s) < NegligibleSensitivity * largest)
                    {
                        continue;
                    }

                    var injection = s > 0;
                    var potential = injection ? potentialUp[n] : potentialDown[n];
                    if (potential == 0)
                    {
                        // It cannot move this way: no cap needed.
                        continue;
                    }

                    pairs.Add((n, injection, Math.Abs(s), double.IsNaN(potential) ? headroom / Math.Abs(s) : potential));
                }

                var push = pairs.Sum(x => x.Potential * x.Sensitivity);
                if (push <= headroom)
                {
                    continue;
                }

                var fraction = headroom / push;
                foreach (var (n, injection, _, potential) in pairs)
                {
                    if (injection)
                    {
                        up[n] = Math.Min(up[n], fraction * potential);
                    }
                    else
                    {
                        down[n] = Math.Min(down[n], fraction * potential);
                    }
                }
            }
        }

        return (up, down);
    }

    /// <summary>
    /// Per participant and slot how far it can move from the baseline (kW): injection by its assets' supply (renewable
    /// output, storage discharge) and its offers; withdrawal by the demand its assets may shed and its bids; NaN (unknown)
    /// for a participant with an asset whose consumption range is not known in advance (storage, EVs, heat pumps).
    /// </summary>
    private static (double[] Up, double[] Down) Potentials(MarketInput market, Participant participant, double[] supplyKw)
    {
        var slots = market.Horizon.Count;
        var hours = market.Horizon.SlotHours;
        var up = (double[])supplyKw.Clone();
        var down = new double[slots];
        foreach (var order in participant.Orders.Where(o => o.SlotIndex < slots))
        {
            var kw = (double)order.TotalQuantityKwh / hours;
            if (order.Side == OrderSide.Sell)
            {
                up[order.SlotIndex] += kw;
            }
            else
            {
                down[order.SlotIndex] += kw;
            }
        }

        foreach (var asset in participant.Assets)
        {
            var profile = AssetKinds.Of(asset).Separable(asset);
            for (var t = 0; t < slots; t++)
            {
                down[t] = profile is null ? double.NaN : down[t] + (profile.SheddableDemandKw?[t] ?? 0);
            }
        }

        return (up, down);
    }

    /// <summary>Whether slot <paramref name="slot"/> is within every limit with each participant moved by <paramref name="sign"/> × its share (finite shares only).</summary>
    private static bool WithinLimits(AcOperatingPoint point, int slot, IReadOnlyList<GridLimit> all, IReadOnlyList<ParticipantId> participants, double[] shares, double sign)
    {
        var extra = new double[point.Index.BusCount];
        for (var n = 0; n < participants.Count; n++)
        {
            if (double.IsFinite(shares[n]))
            {
                extra[point.BusOf[participants[n]]] += sign * shares[n] / 1000;
            }
        }

        var state = point.Solve(slot, extra);
        return state.Converged && !all.Any(l => l.ViolatedBy(state));
    }
}
