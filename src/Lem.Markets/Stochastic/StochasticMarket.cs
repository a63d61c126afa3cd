namespace Lem.Markets.Stochastic;

/// <summary>
/// A market input as a two-stage problem with its reduced scenario set (docs/mechanisms/stochastic-pool.md#from-a-scenario):
/// orders become producers and demands, PV and wind renewables, inflexible loads uncertain loads, curtailable loads
/// demands at their VOLL; the renewables' and inflexible loads' scenarios are sampled and reduced.
/// </summary>
/// <param name="Problem">The problem.</param>
/// <param name="Scenarios">The reduced scenarios.</param>
/// <param name="Reduction">The reduction (kept sample indices, probabilities, distance).</param>
/// <param name="Parameters">The settings used.</param>
public sealed record StochasticMarket(StochasticProblem Problem, IReadOnlyList<StochasticScenario> Scenarios, ReducedScenarios Reduction, StochasticParameters Parameters)
{
    /// <summary>The assets the model cannot represent (no slot-separable profile), each as an error pointing to the pool.</summary>
    public static IReadOnlyList<ValidationError> Unsupported(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var errors = new List<ValidationError>();
        for (var i = 0; i < market.Participants.Count; i++)
        {
            var p = market.Participants[i];
            for (var j = 0; j < p.Assets.Count; j++)
            {
                var a = p.Assets[j];
                if (AssetKinds.Of(a).Separable(a) is null)
                {
                    errors.Add(new ValidationError(
                        $"participants[{i}].assets[{j}]",
                        ValidationCodes.ValueInvalid,
                        $"Asset '{a.Id}' ({a.Kind}) of participant '{p.Id}' links slots or has a model the stochastic pool cannot represent (it clears slots independently: orders, inflexible and curtailable loads, PV and wind only); clear this scenario with --mechanism pool."));
                }
            }
        }

        return errors;
    }

    /// <summary>Builds the problem, samples the scenarios and reduces them.</summary>
    /// <exception cref="ArgumentException">When the market has assets the model cannot represent (see <see cref="Unsupported"/>).</exception>
    public static StochasticMarket Build(MarketInput market, StochasticParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(parameters);
        if (Unsupported(market) is { Count: > 0 } errors)
        {
            throw new ArgumentException(errors[0].Message, nameof(market));
        }

        var h = market.Horizon.SlotHours;
        var n = market.Horizon.Count;
        var units = new List<StochasticUnit>();
        var demands = new List<StochasticDemand>();
        var renewables = new List<StochasticRenewable>();
        var loads = new List<StochasticLoad>();
        var premium = parameters.RegulationPremiumEurPerMwh;
        foreach (var p in market.Participants)
        {
            foreach (var order in p.Orders)
            {
                for (var k = 0; k < order.Steps.Count; k++)
                {
                    var price = (double)order.Steps[k].PriceEurPerMwh;
                    var mw = (double)order.Steps[k].QuantityKwh / 1000.0 / h;
                    var id = $"{order.Id}#{k}";
                    if (order.Side == OrderSide.Sell)
                    {
                        units.Add(new StochasticUnit(id, p.Id, order.SlotIndex, mw, price, price + premium, price - premium));
                    }
                    else
                    {
                        demands.Add(new StochasticDemand(id, p.Id, order.SlotIndex, mw, price));
                    }
                }
            }

            foreach (var a in p.Assets)
            {
                var profile = AssetKinds.Of(a).Separable(a)!;
                if (profile.FixedDemandKw is { } fixedKw)
                {
                    loads.Add(new StochasticLoad(a.Id.ToString(), p.Id, [.. fixedKw.Select(kw => kw / 1000.0)]));
                }

                if (profile.SheddableDemandKw is { } sheddable)
                {
                    for (var t = 0; t < n; t++)
                    {
                        demands.Add(new StochasticDemand($"{a.Id}[{t}]", p.Id, t, sheddable[t] / 1000.0, profile.ValueOfLostLoadEurPerMwh));
                    }
                }

                if (profile.AvailableOutputKw is { } available)
                {
                    var capacityKw = a is RenewableGenerator g ? g.Capacity.Kw : available.Max();
                    renewables.Add(new StochasticRenewable(a.Id.ToString(), p.Id, capacityKw / 1000.0, [.. available.Select(kw => kw / 1000.0)], profile.CurtailmentCostEurPerMwh));
                }
            }
        }

        var o = market.OutsideMarket;
        var outside = new StochasticOutside(
            o.WholesaleImportEurPerMwh.Values,
            o.WholesaleExportEurPerMwh.Values,
            [.. o.WholesaleImportEurPerMwh.Values.Select(x => x + parameters.ImbalancePremiumEurPerMwh)],
            [.. o.WholesaleExportEurPerMwh.Values.Select(x => x - parameters.ImbalancePremiumEurPerMwh)],
            o.ImportLimit?.Mw ?? double.PositiveInfinity,
            o.ExportLimit?.Mw ?? double.PositiveInfinity);
        var problem = new StochasticProblem(n, h, units, demands, renewables, loads, outside, parameters.VollEurPerMwh);

        // Uncertain series: the renewables' availability (up to capacity), then the loads' demand.
        var forecasts = renewables.Select(r => r.ForecastMw).Concat(loads.Select(l => l.ForecastMw)).ToList();
        var caps = renewables.Select(r => r.CapacityMw).Concat(loads.Select(_ => double.PositiveInfinity)).ToList();
        var samples = ScenarioSampler.Sample(forecasts, caps, parameters.ForecastError, parameters.Correlation, parameters.Samples, parameters.Seed);
        var points = samples.Select(s => s.SelectMany(row => row).ToArray()).ToList();
        var reduction = ScenarioReduction.FastForward(points, [.. Enumerable.Repeat(1.0 / samples.Length, samples.Length)], parameters.Scenarios);
        var scenarios = reduction.Kept.Select((k, i) => new StochasticScenario(
            reduction.Probabilities[i],
            [.. samples[k].Take(renewables.Count)],
            [.. samples[k].Skip(renewables.Count)])).ToList();
        return new StochasticMarket(problem, scenarios, reduction, parameters);
    }
}
