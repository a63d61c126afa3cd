using Lem.Markets.Flexibility.Requests;
using Lem.Markets.Flexibility.Sensitivities;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// The DSO's flexibility clearing (docs/mechanisms/flexibility.md#clearing; FORMULATIONS §14): per slot, the least-cost
/// selection of offers that keeps the linearised grid (LinDistFlow on a radial feeder, PTDF/DC on a meshed grid) within
/// its thermal and voltage limits and meets the DSO's requests, checked with the AC power flow and relinearised until no
/// violation remains or the rounds run out; orders priced pay-as-bid or at the locational flexibility prices.
/// </summary>
public static class FlexClearing
{
    /// <summary>Clears the market on a grid.</summary>
    /// <exception cref="ArgumentException">When an offer or prognosis names a bus the grid does not have, or the sensitivity model cannot represent the grid.</exception>
    public static FlexClearingResult Clear(FlexMarket market, Lem.Grid.Network.GridNetwork grid, FlexClearingOptions? options = null)
    {
        var clock = new FlexClearingClock();
        var start = FlexClearingClock.Now;
        (options, var model, var lin) = Prepare(market, grid, options, clock);
        var index = lin.Index;
        var workers = options.ReferenceMode ? 1 : Math.Clamp(Math.Min(Environment.ProcessorCount, market.SlotCount), 1, 64);
        var evaluators = Enumerable.Range(0, workers).Select(_ => FlexAcEvaluators.For(lin, options)).ToArray();
        try
        {
            var (before, states) = Baselines(market, lin, evaluators, clock, options.ReferenceMode);
            var tick = FlexClearingClock.Now;
            var needs = market.AutomaticRequests ? FlexNeedsAnalysis.FromBaselines(market, lin, before, states) : null;
            clock.Needs(tick);
            if (needs is not null)
            {
                market = market with { Requests = [.. market.Requests, .. needs.Requests] };
            }

            var outcomes = new FlexSlotOutcome[market.SlotCount];
            var requestsBySlot = market.Requests.ToLookup(r => r.Slot);
            var points = market.CongestionPoints.GroupBy(c => c.Id).ToDictionary(g => g.Key, g => g.First());
            ForEachSlot(market.SlotCount, workers, (t, w) =>
            {
                var candidates = Candidates(market, index, t);
                var requests = requestsBySlot[t].Select(r =>
                {
                    var area = points[r.CongestionPoint];
                    var members = candidates.Select(c => c.Offer.Direction == r.Direction && area.Contains(c.Offer.Bus)).ToArray();
                    return (r, members);
                }).ToList();
                var (p0, q0) = BaselineInjections(market, index, evaluators[w].SpecifiedInjectionsPu, t, lin.Phases);
                var slot = new FlexSlotClearing(lin, evaluators[w], clock, options, t, market.SlotHours, market.Rules.GranularityKw, p0, q0, candidates, requests);
                outcomes[t] = slot.Run(before[t], states[t]);
            });

            return Result(market, index, model, options, needs, outcomes, clock.Timings(start));
        }
        finally
        {
            foreach (var evaluator in evaluators)
            {
                evaluator.Dispose();
            }
        }
    }

    /// <summary>
    /// The AC power flow and the linear state of every slot's baseline, slots shared out over the evaluators (one per
    /// worker thread); with <paramref name="reference"/> the linear states are summed bus by bus.
    /// </summary>
    internal static (FlexAcSlot[] Before, FlexLinearState[] States) Baselines(FlexMarket market, IFlexLinearisation lin, IFlexAcEvaluator[] evaluators, FlexClearingClock clock, bool reference)
    {
        var before = new FlexAcSlot[market.SlotCount];
        var states = new FlexLinearState[market.SlotCount];
        ForEachSlot(market.SlotCount, evaluators.Length, (t, w) =>
        {
            var (p0, q0) = BaselineInjections(market, lin.Index, evaluators[w].SpecifiedInjectionsPu, t, lin.Phases);
            var tick = FlexClearingClock.Now;
            before[t] = evaluators[w].Run(t, p0, q0);
            clock.Ac(tick);
            tick = FlexClearingClock.Now;
            states[t] = reference ? FlexLinearState.Sum(lin, p0, q0) : lin.StateAt(p0, q0);
            clock.Sensitivities(tick);
        });
        return (before, states);
    }

    /// <summary>Runs <paramref name="body"/>(slot, worker) for every slot, slot t on worker t mod workers (in order on one worker).</summary>
    private static void ForEachSlot(int slots, int workers, Action<int, int> body)
    {
        if (workers <= 1)
        {
            for (var t = 0; t < slots; t++)
            {
                body(t, 0);
            }

            return;
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            for (var t = w; t < slots; t += workers)
            {
                body(t, w);
            }
        });
    }

    private static FlexClearingResult Result(FlexMarket market, NetworkIndex index, IFlexSensitivityModel model, FlexClearingOptions options, FlexNeedsResult? needs, FlexSlotOutcome[] outcomes, FlexClearingTimings timings)
    {
        var orders = new List<FlexOrder>();
        foreach (var outcome in outcomes)
        {
            var prices = outcome.Prices.ToDictionary(p => p.Bus);
            foreach (var (candidate, activation) in outcome.Activations.OrderBy(x => x.Candidate.Offer.Id, StringComparer.Ordinal))
            {
                var offer = candidate.Offer;
                var price = options.Pricing.PriceEurPerMwh(offer, prices[index.BusIdOf(candidate.Bus)]);
                var quantityMwh = activation * offer.QuantityKw / 1000 * market.SlotHours;
                orders.Add(new FlexOrder(
                    offer,
                    outcome.Before.Slot,
                    Math.Round(activation, 9),
                    Math.Round(activation * offer.PowerKw, 6),
                    Math.Round(activation * offer.ReactiveKvar, 6),
                    Math.Round(price, 9),
                    Math.Round((decimal)price * (decimal)quantityMwh, 6)));
            }
        }

        return new FlexClearingResult
        {
            Status = outcomes.Length == 0 ? FlexClearingStatus.Cleared : outcomes.Max(o => o.Status),
            SensitivityModel = model.Name,
            Pricing = options.Pricing.Name,
            Rounds = outcomes.Length == 0 ? 0 : outcomes.Max(o => o.Rounds),
            Orders = orders,
            Prices = [.. outcomes.SelectMany(o => o.Prices)],
            BindingLimits = [.. outcomes.SelectMany(o => o.BindingLimits)],
            Before = [.. outcomes.Select(o => o.Before)],
            After = [.. outcomes.Select(o => o.After)],
            Notes = [.. needs?.Notes ?? [], .. outcomes.SelectMany(o => o.Notes)],
            Timings = timings,
        };
    }

    /// <summary>
    /// The start of a clearing and of the DSO's needs analysis: checks the arguments, defaults the options, indexes the
    /// grid and prepares the sensitivity model's linearisation (timed as sensitivities on <paramref name="clock"/>).
    /// </summary>
    internal static (FlexClearingOptions Options, IFlexSensitivityModel Model, IFlexLinearisation Lin) Prepare(FlexMarket market, Lem.Grid.Network.GridNetwork grid, FlexClearingOptions? options, FlexClearingClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= FlexClearingOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRounds, 1, nameof(options));
        var index = NetworkIndex.Build(grid);
        var model = FlexSensitivityModels.Choose(options.SensitivityModel, index);
        var tick = FlexClearingClock.Now;
        var lin = model.Prepare(index);
        clock.Sensitivities(tick);
        return (options, model, lin);
    }

    /// <summary>
    /// The baseline net injections of slot <paramref name="t"/> (p.u.): the grid file's own (unless the prognoses replace
    /// them; balanced, a third per phase) plus the prognoses on their phase connections; per solver bus with one phase,
    /// per (bus, phase) at bus·3 + φ with three (docs/three-phase.md#flexibility-on-three-phases).
    /// </summary>
    internal static (double[] P, double[] Q) BaselineInjections(FlexMarket market, NetworkIndex index, System.Numerics.Complex[] specified, int t, int phases = 1)
    {
        var p0 = new double[index.BusCount * phases];
        var q0 = new double[index.BusCount * phases];
        if (!market.PrognosesReplaceGridInjections)
        {
            for (var i = 0; i < index.BusCount; i++)
            {
                FlexInjections.Add(p0, q0, phases, i, Lem.Grid.ThreePhase.PhaseConnection.Abc, specified[i].Real, specified[i].Imaginary);
            }
        }

        foreach (var prognosis in market.Prognoses)
        {
            var bus = index.IndexOf(prognosis.Bus);
            FlexInjections.Add(p0, q0, phases, bus, prognosis.Phase, prognosis.PowerKw[t] / 1000 / index.BaseMva, (prognosis.ReactiveKvar?[t] ?? 0) / 1000 / index.BaseMva);
        }

        return (p0, q0);
    }

    /// <summary>The offers that cover slot <paramref name="t"/> and are still valid at its gate closure.</summary>
    private static List<FlexCandidate> Candidates(FlexMarket market, NetworkIndex index, int t)
    {
        DateTimeOffset? gate = market.SlotStarts.Count > t ? market.Rules.GateClosure(market.SlotStarts[t]) : null;
        var result = new List<FlexCandidate>();
        foreach (var offer in market.Offers)
        {
            if (!offer.Slots.Contains(t) || (gate is { } g && offer.ValidUntil is { } until && until < g))
            {
                continue;
            }

            var sign = offer.Direction.Sign();
            var cost = offer.Product.ClearingPriceEurPerMwh(offer) * offer.QuantityKw / 1000 * market.SlotHours;
            result.Add(new FlexCandidate(offer, index.IndexOf(offer.Bus), sign * offer.PowerKw / 1000, sign * offer.ReactiveKvar / 1000, cost));
        }

        return result;
    }
}
