using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Markets.Tariffs;

namespace Lem.Settlement.TariffDesign;

/// <summary>
/// The DSO as Stackelberg leader (docs/games.md#stackelberg-tariff-design): for a tariff design it searches the
/// level that recovers the revenue R, every participant responding with its own LP (<see cref="TariffFollower"/>,
/// solved in parallel): grid search to bracket the smallest level with revenue ≥ R, then bisection.
/// </summary>
public sealed class TariffDesigner
{
    private readonly TariffResponse?[] _fixed;

    /// <summary>Creates the leader over followers with the given energy prices (EUR/MWh per slot) and ToU peak window.</summary>
    public TariffDesigner(IReadOnlyList<Participant> participants, Horizon horizon, IReadOnlyList<double> importEurPerMwh, IReadOnlyList<double> exportEurPerMwh, IReadOnlyList<bool> peakSlots)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(horizon);
        Followers = [.. participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0).Select(p => new TariffFollower(p, horizon, importEurPerMwh, exportEurPerMwh))];
        Context = new TariffDesignContext(horizon, peakSlots);
        GrossKwh = [.. Followers.Select(f => f.Participant.AssetsOf<InflexibleLoad>().Sum(l => l.DemandKw.Sum()) * horizon.SlotHours)];

        // A follower with only inflexible loads responds the same to every tariff: solved once.
        _fixed = [.. Followers.Select(f => f.Participant.Orders.Count == 0 && f.Participant.Assets.All(a => a is InflexibleLoad)
            ? f.Respond(new VolumetricTariffDesign().Unit(Context), 0.0)
            : null)];
    }

    /// <summary>The followers: every participant with assets or orders, in input order.</summary>
    public IReadOnlyList<TariffFollower> Followers { get; }

    /// <summary>The horizon and ToU window.</summary>
    public TariffDesignContext Context { get; }

    /// <summary>Each follower's gross consumption (its inflexible loads), kWh: the key of the reference shares.</summary>
    public IReadOnlyList<double> GrossKwh { get; }

    /// <summary>
    /// The leader of a market: followers buy at the retail price and sell at the feed-in tariff (never above retail);
    /// the ToU peak window is the third of the slots with the highest total inflexible demand.
    /// </summary>
    public static TariffDesigner ForMarket(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var n = market.Horizon.Count;
        var import = Enumerable.Range(0, n).Select(t => market.OutsideMarket.RetailEurPerKwh[t] * 1000.0).ToArray();
        var export = Enumerable.Range(0, n).Select(t => Math.Min(import[t], market.OutsideMarket.FeedInEurPerKwh[t] * 1000.0)).ToArray();
        var demand = Enumerable.Range(0, n).Select(t => market.Participants.Sum(p => p.AssetsOf<InflexibleLoad>().Sum(l => l.DemandKw[t]))).ToArray();
        var ranked = Enumerable.Range(0, n).OrderByDescending(t => demand[t]).ThenBy(t => t).Take(Math.Max(1, n / 3)).ToHashSet();
        return new TariffDesigner(market.Participants, market.Horizon, import, export, [.. Enumerable.Range(0, n).Select(ranked.Contains)]);
    }

    /// <summary>Every follower's response at a level (followers solved in parallel; the result is in follower order).</summary>
    public TariffResponse[] Responses(ITariffDesignKind kind, double level)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var unit = kind.Unit(Context);
        var responses = new TariffResponse[Followers.Count];
        Parallel.For(0, Followers.Count, i => responses[i] = _fixed[i] ?? Followers[i].Respond(unit, level));
        return responses;
    }

    /// <summary>The tariff revenue at a level, EUR.</summary>
    public double RevenueEur(ITariffDesignKind kind, double level, TariffResponse[] responses)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(responses);
        return responses.Sum(r => kind.ChargeEur(level, r, Context));
    }

    /// <summary>The smallest level that recovers <see cref="TariffDesignOptions.RevenueEur"/> and its figures.</summary>
    /// <exception cref="InvalidOperationException">When no level up to 2³⁰ times the first guess recovers the revenue.</exception>
    public TariffDesignOutcome Design(ITariffDesignKind kind, TariffDesignOptions options)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        var r = options.RevenueEur;
        var evaluations = 0;
        double Revenue(double level)
        {
            evaluations++;
            return RevenueEur(kind, level, Responses(kind, level));
        }

        // The first guess: the revenue per unit level with everyone's response at level 1, scaled to R.
        var perUnit = Revenue(1.0);
        var hi = perUnit > 0 ? 1.5 * r / perUnit : 1.0;
        var doublings = 0;
        while (Revenue(hi) < r)
        {
            if (++doublings > 30)
            {
                throw new InvalidOperationException($"No {kind.Name} level recovers {r.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} EUR: the participants avoid the charge entirely.");
            }

            hi *= 2;
        }

        // Grid search for the first point that recovers R, then bisection between it and the point before.
        var lo = 0.0;
        for (var k = 1; k < options.GridPoints; k++)
        {
            var level = hi * k / options.GridPoints;
            if (Revenue(level) >= r)
            {
                hi = level;
                break;
            }

            lo = level;
        }

        while (hi - lo > options.RelativeTolerance * hi)
        {
            var mid = 0.5 * (lo + hi);
            if (Revenue(mid) >= r)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return Outcome(kind, hi, options, evaluations);
    }

    /// <summary>The figures of a design at a given level.</summary>
    public TariffDesignOutcome Outcome(ITariffDesignKind kind, double level, TariffDesignOptions options, int evaluations = 1)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(options);
        var responses = Responses(kind, level);
        var gross = GrossKwh.Sum();
        var bills = Followers.Select((f, i) => new ParticipantTariffBill(
            f.Participant.Id.Value,
            f.IsPassive,
            responses[i].EnergyCostEur,
            kind.ChargeEur(level, responses[i], Context),
            gross > 0 ? options.RevenueEur * GrossKwh[i] / gross : 0.0)).ToList();
        var slots = Context.Horizon.Count;
        var peak = Enumerable.Range(0, slots).Select(t => responses.Sum(x => x.WithdrawalKw[t])).DefaultIfEmpty(0).Max();
        var passive = bills.Where(b => b.Passive).ToList();
        return new TariffDesignOutcome(
            kind.Name,
            level,
            kind.LevelUnit,
            bills.Sum(b => b.TariffEur),
            peak,
            bills.Sum(b => b.EnergyEur),
            bills,
            passive.Sum(b => b.ShiftEur),
            passive.Select(b => b.ShiftEur).DefaultIfEmpty(0).Max(),
            evaluations + 1);
    }

    /// <summary>Designs every requested tariff and recommends the one with the lowest objective within the fairness limit.</summary>
    public TariffDesignResult Run(IReadOnlyList<ITariffDesignKind> kinds, TariffDesignOptions options)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(options);
        var outcomes = kinds.Select(k => Design(k, options)).ToList();
        var admissible = outcomes.Where(o => options.FairnessLimitEur is not { } limit || o.WorstPassiveChangeEur <= limit + 1e-9).ToList();
        var best = admissible.OrderBy(o => options.Objective == "cost" ? o.SystemCostEur : o.PeakKw).ThenBy(o => o.Tariff, StringComparer.Ordinal).FirstOrDefault();
        return new TariffDesignResult(outcomes, best?.Tariff, options.Objective);
    }
}
