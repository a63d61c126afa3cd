using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Markets.Flexibility.Domain;
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
    public static FlexClearingResult Clear(FlexMarket market, GridNetwork grid, FlexClearingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= FlexClearingOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRounds, 1, nameof(options));
        var index = NetworkIndex.Build(grid);
        var model = FlexSensitivityModels.Choose(options.SensitivityModel, index);
        var lin = model.Prepare(index);
        var needs = market.AutomaticRequests ? FlexNeedsAnalysis.Analyse(market, grid, options) : null;
        if (needs is not null)
        {
            market = market with { Requests = [.. market.Requests, .. needs.Requests] };
        }

        using var ac = new FlexAcEvaluator(index, options);
        var specified = ac.SpecifiedInjectionsPu;
        var outcomes = new List<FlexSlotOutcome>(market.SlotCount);
        for (var t = 0; t < market.SlotCount; t++)
        {
            var (p0, q0) = BaselineInjections(market, index, specified, t);

            var candidates = Candidates(market, index, t);
            var requests = market.Requests.Where(r => r.Slot == t).Select(r =>
            {
                var area = market.CongestionPoints.First(c => c.Id == r.CongestionPoint);
                var members = candidates.Select(c => c.Offer.Direction == r.Direction && area.Contains(c.Offer.Bus)).ToArray();
                return (r, members);
            }).ToList();
            var slot = new FlexSlotClearing(lin, ac, options, t, market.SlotHours, market.Rules.GranularityKw, p0, q0, candidates, requests);
            outcomes.Add(slot.Run());
        }

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
            Status = outcomes.Count == 0 ? FlexClearingStatus.Cleared : outcomes.Max(o => o.Status),
            SensitivityModel = model.Name,
            Pricing = options.Pricing.Name,
            Rounds = outcomes.Count == 0 ? 0 : outcomes.Max(o => o.Rounds),
            Orders = orders,
            Prices = [.. outcomes.SelectMany(o => o.Prices)],
            BindingLimits = [.. outcomes.SelectMany(o => o.BindingLimits)],
            Before = [.. outcomes.Select(o => o.Before)],
            After = [.. outcomes.Select(o => o.After)],
            Notes = [.. needs?.Notes ?? [], .. outcomes.SelectMany(o => o.Notes)],
        };
    }

    /// <summary>The baseline net injections of slot <paramref name="t"/> per solver bus (p.u.): the grid file's own (unless the prognoses replace them) plus the prognoses.</summary>
    internal static (double[] P, double[] Q) BaselineInjections(FlexMarket market, NetworkIndex index, System.Numerics.Complex[] specified, int t)
    {
        var p0 = market.PrognosesReplaceGridInjections ? new double[index.BusCount] : specified.Select(s => s.Real).ToArray();
        var q0 = market.PrognosesReplaceGridInjections ? new double[index.BusCount] : specified.Select(s => s.Imaginary).ToArray();
        foreach (var prognosis in market.Prognoses)
        {
            var bus = index.IndexOf(prognosis.Bus);
            p0[bus] += prognosis.PowerKw[t] / 1000 / index.BaseMva;
            q0[bus] += (prognosis.ReactiveKvar?[t] ?? 0) / 1000 / index.BaseMva;
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
