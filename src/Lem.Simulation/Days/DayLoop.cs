using Lem.Domain.Progress;
using Lem.Markets.Redispatch;
using Lem.Settlement.Tariffs;
using Lem.Simulation.Agents;
using Lem.Simulation.Delivery;
using Lem.Simulation.Forecasts;
using Lem.Simulation.Intraday;

namespace Lem.Simulation.Days;

/// <summary>The state of a run between days: agents, carried storage, yesterday's actuals and prices.</summary>
internal sealed class DayLoop
{
    private readonly SimulationSettings _s;
    private readonly IClearingMechanism _mechanism;
    private readonly IAgentStrategy _strategy;
    private readonly IForecaster _forecaster;
    private readonly IIntradayMarket _intraday;
    private readonly SettlementImbalance _imbalance;
    private readonly Dictionary<ParticipantId, IMarketAgent> _agents = [];
    private Dictionary<AssetId, double> _carried = [];
    private Dictionary<string, SlotSeries> _yesterday = new(StringComparer.Ordinal);
    private IReadOnlyList<double>? _yesterdayPrices;

    public DayLoop(SimulationSettings s)
    {
        _s = s;
        _mechanism = ClearingMechanisms.Get(s.Mechanism);
        AgentStrategies.TryGet(s.Agents, out _strategy);
        Forecasters.TryCreate(s.Forecast, new ForecastSettings(s.ForecastError, s.Seed), out _forecaster);
        IntradayMarkets.TryGet(s.Intraday, out _intraday);
        _imbalance = s.Imbalance ?? (s.Source as ScenarioDaySource)?.Scenario.Settlement.Imbalance ?? SettlementImbalance.Default;
    }

    public SimulatedDay Day(int d)
    {
        var warnings = new List<string>();
        var watch = Stopwatch.StartNew();

        // The actual day with the states carried from the day before.
        var source = _s.Source.ActualDay(d);
        var horizon = source.Horizon;
        var slots = horizon.Count;
        var dt = horizon.SlotHours;
        var actual = source with { Participants = [.. source.Participants.Select(p => p with { Assets = [.. p.Assets.Select(Carry)] })] };
        var start = StatesOf(actual);
        var participants = actual.Participants;
        var n = participants.Count;

        // Day-ahead forecasts.
        var forecastDa = new Participant[n];
        ForEach(n, i => forecastDa[i] = Forecast(participants[i], d, ForecastStage.DayAhead));
        var forecastSeconds = Lap(watch);

        // The price forecast and the agents' day-ahead submissions.
        var prices = _yesterdayPrices is { } y && y.Count == slots && y.All(double.IsFinite) ? y : actual.OutsideMarket.WholesaleImportEurPerMwh.Values;
        var schedulesAssets = _mechanism.Capabilities.MultiPeriodAssets;
        var agents = participants.Select(p => Agent(p)).ToArray();
        var expected = agents.Any(a => a is IAnticipatingAgent) ? ExpectedBids(d, forecastDa, actual, prices) : null;
        var submitted = new Participant[n];
        ForEach(n, i => submitted[i] = agents[i].DayAhead(View(d, forecastDa[i], actual, prices, schedulesAssets) with { ExpectedBids = expected }));
        var bidSeconds = Lap(watch);

        // Clearing with the redispatch.
        var market = new MarketInput(actual.Name, horizon, submitted, actual.OutsideMarket, actual.Grid);
        var request = new ClearingRequest(market) { Formulation = _s.Formulation, Options = _s.Clearing };
        var outcome = DayClearing.Clear(_s.Redispatch, _mechanism, request, out var acSeconds);
        var final = outcome.Final;
        var clearingSeconds = Lap(watch) - acSeconds;
        if (!final.HasSchedule)
        {
            warnings.Add($"Day {d}: the {final.Mechanism} clearing ended {final.StatusName}{(final.Message is null ? string.Empty : ": " + final.Message)}; every position is settled as imbalance.");
        }

        var positions = final.HasSchedule ? final.Positions.ToDictionary(p => p.Participant) : [];
        var dayAheadEur = DayAheadCosts(final, positions, dt);

        // Intraday with the intraday forecasts.
        var forecastId = new Participant[n];
        ForEach(n, i => forecastId[i] = Forecast(participants[i], d, ForecastStage.Intraday));
        forecastSeconds += Lap(watch);
        var intradayOrders = new IReadOnlyList<Order>[n];
        ForEach(n, i =>
        {
            var position = positions.TryGetValue(participants[i].Id, out var pos) ? pos.NetInjectionKw : new double[slots];
            intradayOrders[i] = _intraday.Name == "none" ? [] : agents[i].Intraday(View(d, forecastId[i], actual, prices, schedulesAssets), position);
        });
        bidSeconds += Lap(watch);
        var intraday = _intraday.Trade([.. intradayOrders.SelectMany(o => o)], horizon, SeedMixer.Mix(_s.Seed, "intraday", d));
        var intradaySeconds = Lap(watch);

        // Delivery with the actual series, imbalance settlement and the day's figures.
        // The schedules the clearing reports (the pool's, and the ADMM agents' final local solutions: docs/simulation.md#delivery).
        var plans = final.HasSchedule && final.Assets.Count > 0 ? final.Assets.ToDictionary(a => a.Asset) : null;
        var pricing = new ImbalancePricing(_imbalance, actual.OutsideMarket);
        var people = new ParticipantDay[n];
        var communityNet = new double[slots];
        var imbalanceKw = new double[slots];
        var imbalanceKwh = 0.0;
        var assetCost = 0.0;
        var storedValue = 0.0;
        var end = new Dictionary<AssetId, double>();

        // The participants' own plans (an LP each, independent of one another) in parallel over the cores; the loop
        // below uses them in participant order, so the results and the order of the warnings do not depend on it.
        var selfPlans = new IReadOnlyList<AssetDispatch>?[n];
        var selfPlanWarnings = new List<string>?[n];
        ForEach(n, i =>
        {
            var p = participants[i];
            if (p.Assets.Count == 0 || agents[i] is IPlanningAgent { PlannedDispatch: not null } || (plans is not null && p.Assets.All(a => plans.ContainsKey(a.Id))))
            {
                return;
            }

            var pos = positions.GetValueOrDefault(p.Id);
            var cleared = schedulesAssets && pos is not null && pos.PriceEurPerMwh.Count == slots && pos.PriceEurPerMwh.All(double.IsFinite) ? pos.PriceEurPerMwh : null;
            var own = new List<string>();
            selfPlans[i] = SelfPlan(p, forecastDa[i], horizon, actual.OutsideMarket, cleared ?? prices, cleared is not null, own);
            selfPlanWarnings[i] = own;
        });

        for (var i = 0; i < n; i++)
        {
            var p = participants[i];
            var scheduled = new double[slots];
            var ownPrice = new double[slots];
            Array.Fill(ownPrice, double.NaN);
            if (positions.TryGetValue(p.Id, out var pos))
            {
                for (var t = 0; t < slots; t++)
                {
                    scheduled[t] = pos.NetInjectionKw[t];
                    ownPrice[t] = pos.PriceEurPerMwh[t];
                }
            }

            if (intraday.NetInjectionKw.TryGetValue(p.Id, out var traded))
            {
                for (var t = 0; t < slots; t++)
                {
                    scheduled[t] += traded[t];
                }
            }

            var agentPlan = (agents[i] as IPlanningAgent)?.PlannedDispatch;
            var fromClearing = plans is not null && p.Assets.Count > 0 && p.Assets.All(a => plans.ContainsKey(a.Id));
            var delivered = new double[slots];
            if (p.Assets.Count == 0)
            {
                Array.Copy(scheduled, delivered, slots);
            }
            else
            {
                // Assets the mechanism scheduled without reporting their plans (an ADMM agent with a closed-form cost:
                // PV and a curtailable load): the participant's response at the prices it cleared at reproduces its
                // position (docs/simulation.md#delivery).
                var ownPlans = fromClearing ? null : agentPlan ?? selfPlans[i];
                if (!fromClearing && agentPlan is null && selfPlanWarnings[i] is { } own)
                {
                    warnings.AddRange(own);
                }

                if (fromClearing)
                {
                    // Explicit orders are delivered as cleared: delivered = position + Σ (delivered − planned) of the assets.
                    Array.Copy(pos!.NetInjectionKw.ToArray(), delivered, slots);
                }

                foreach (var a in p.Assets)
                {
                    var plan = fromClearing ? plans![a.Id] : ownPlans?.FirstOrDefault(x => x.Asset == a.Id);
                    var o = AssetDelivery.Deliver(a, plan, horizon);
                    var planned = fromClearing ? plan!.NetInjectionKw : null;
                    for (var t = 0; t < slots; t++)
                    {
                        delivered[t] += o.NetInjectionKw[t] - (planned?[t] ?? 0);
                    }

                    assetCost += o.CostEur;
                    storedValue += o.StoredValueEur;
                    if (o.EndStateKwh is { } e && AssetDayRules.StateOf(a) is not null && (a is not Lem.Markets.Assets.ElectricVehicle ev || ev.Departure > horizon.End))
                    {
                        end[a.Id] = e;
                    }
                }
            }

            var imbalanceEur = 0m;
            for (var t = 0; t < slots; t++)
            {
                var diff = delivered[t] - scheduled[t];
                if (Math.Abs(diff) < 1e-9)
                {
                    diff = 0;
                }

                imbalanceEur += pricing.AmountEur(t, diff * dt, ownPrice[t]);
                imbalanceKw[t] += diff;
                imbalanceKwh += Math.Abs(diff) * dt;
                communityNet[t] += delivered[t];
            }

            people[i] = new ParticipantDay(
                p.Id,
                dayAheadEur.TryGetValue(p.Id, out var da) ? da : 0m,
                intraday.CostEur.TryGetValue(p.Id, out var id) ? id : 0m,
                imbalanceEur,
                delivered);
        }

        var importKw = communityNet.Select(x => Math.Max(0, -x)).ToArray();
        var exportKw = communityNet.Select(x => Math.Max(0, x)).ToArray();
        var outsideEur = 0.0;
        for (var t = 0; t < slots; t++)
        {
            outsideEur += ((importKw[t] * actual.OutsideMarket.WholesaleImportEurPerMwh[t]) - (exportKw[t] * actual.OutsideMarket.WholesaleExportEurPerMwh[t])) * dt / 1000.0;
        }

        var welfare = Math.Round((decimal)(storedValue - outsideEur - assetCost) + ExplicitOrderWelfare(actual, final), 6);
        var dayPrices = Enumerable.Range(0, slots).Select(t => final.PricesEurPerMwh.Count > t && final.PricesEurPerMwh[t].Count > 0 ? final.PricesEurPerMwh[t][0] : double.NaN).ToArray();
        _carried = end;
        _yesterday = SeriesOf(actual);
        _yesterdayPrices = dayPrices;
        var settlementSeconds = Lap(watch);
        var (messages, bytes) = Communication(final, submitted, slots);
        return new SimulatedDay
        {
            Day = d,
            DayAheadMarket = market,
            DayAhead = outcome,
            Participants = people,
            WelfareEur = welfare,
            ClearingSeconds = clearingSeconds + intradaySeconds,
            Messages = messages,
            Bytes = bytes,
            EndStateKwh = end,
            StartStateKwh = start,
            PriceEurPerMwh = dayPrices,
            ImportKw = importKw,
            ExportKw = exportKw,
            ImbalanceKw = imbalanceKw,
            ImbalanceKwh = imbalanceKwh,
            IntradayTrades = intraday.Trades,
            Timings = new DayTimings
            {
                ForecastSeconds = forecastSeconds,
                BidSeconds = bidSeconds,
                ClearingSeconds = clearingSeconds,
                AcCheckSeconds = acSeconds,
                IntradaySeconds = intradaySeconds,
                SettlementSeconds = settlementSeconds,
            },
            Warnings = [.. warnings, .. final.Warnings.Select(w => $"Day {d}: {w}")],
        };
    }

    private static double Lap(Stopwatch watch)
    {
        var s = watch.Elapsed.TotalSeconds;
        watch.Restart();
        return s;
    }

    private void ForEach(int count, Action<int> body)
    {
        if (_s.Parallel && count > 1)
        {
            System.Threading.Tasks.Parallel.For(0, count, body);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
        }
    }

    private Asset Carry(Asset a) =>
        _carried.TryGetValue(a.Id, out var e) && AssetDayRules.StateOf(a) is { } rule ? rule.With(a, e) : a;

    private static Dictionary<AssetId, double> StatesOf(MarketInput day)
    {
        var states = new Dictionary<AssetId, double>();
        foreach (var a in day.Participants.SelectMany(p => p.Assets))
        {
            if (AssetDayRules.StateOf(a) is { } rule)
            {
                states[a.Id] = rule.Get(a);
            }
        }

        return states;
    }

    private static string Key(Participant p, Asset a, AssetSeriesRule rule) => $"{p.Id.Value}/{a.Id.Value}/{rule.Quantity}";

    private static Dictionary<string, SlotSeries> SeriesOf(MarketInput day)
    {
        var map = new Dictionary<string, SlotSeries>(StringComparer.Ordinal);
        foreach (var p in day.Participants)
        {
            foreach (var a in p.Assets)
            {
                foreach (var rule in AssetDayRules.SeriesOf(a))
                {
                    if (rule.Forecast)
                    {
                        map[Key(p, a, rule)] = rule.Get(a);
                    }
                }
            }
        }

        return map;
    }

    private Participant Forecast(Participant actual, int day, ForecastStage stage)
    {
        if (actual.Assets.Count == 0)
        {
            return actual;
        }

        return actual with
        {
            Assets = [.. actual.Assets.Select(a => AssetDayRules.MapSeries(a, (rule, series) =>
            {
                if (!rule.Forecast)
                {
                    return series;
                }

                var key = Key(actual, a, rule);
                return _forecaster.Forecast(new ForecastRequest(series, _yesterday.GetValueOrDefault(key), key, day, stage));
            }))],
        };
    }

    private IMarketAgent Agent(Participant p)
    {
        lock (_agents)
        {
            if (!_agents.TryGetValue(p.Id, out var agent))
            {
                var strategy = _s.Strategic?.Contains(p.Id) == true ? StrategicAgents : _strategy;
                _agents[p.Id] = agent = strategy.Create(p, _s.AgentSettings with { Seed = _s.Seed, StrategicIds = _s.Strategic ?? _s.AgentSettings.StrategicIds });
            }

            return agent;
        }
    }

    /// <summary>The strategy of the participants in <see cref="SimulationSettings.Strategic"/>.</summary>
    private static IAgentStrategy StrategicAgents => AgentStrategies.TryGet("strategic", out var s) ? s : throw new InvalidOperationException("The strategic agents are not registered.");

    /// <summary>Every participant's truthful order-only bid from its day-ahead forecast: what anticipating agents expect the others to bid (docs/agents.md#strategic).</summary>
    private Participant[] ExpectedBids(int day, Participant[] forecast, MarketInput actual, IReadOnlyList<double> prices)
    {
        var bids = new Participant[forecast.Length];
        ForEach(forecast.Length, i => bids[i] = new Agents.Truthful.TruthfulAgent(forecast[i].Id).DayAhead(View(day, forecast[i], actual, prices, false)));
        return bids;
    }

    private AgentView View(int day, Participant forecast, MarketInput actual, IReadOnlyList<double> prices, bool schedulesAssets) =>
        new(day, forecast, actual.Horizon, actual.OutsideMarket, prices, schedulesAssets, new Random((int)(SeedMixer.Mix(_s.Seed, forecast.Id.Value, day) & 0x7FFF_FFFF)));

    private static IReadOnlyList<AssetDispatch>? SelfPlan(Participant actual, Participant forecast, Horizon horizon, OutsideMarket outside, IReadOnlyList<double> prices, bool atClearedPrices, List<string> warnings)
    {
        if (!SelfDispatch.HasChoices(actual))
        {
            return null;
        }

        var plan = atClearedPrices ? SelfDispatch.Plan(forecast, horizon, outside, prices, prices) : SelfDispatch.Plan(forecast, horizon, outside, prices);
        if (plan is null)
        {
            lock (warnings)
            {
                warnings.Add($"{actual.Id}: its own plan has no solution; its storage stays idle.");
            }
        }

        return plan;
    }

    /// <summary>Day-ahead cost per participant (positive: pays): trade by trade for a bilateral clearing, else net position × its price.</summary>
    private static Dictionary<ParticipantId, decimal> DayAheadCosts(ClearingResult final, Dictionary<ParticipantId, ClearingPosition> positions, double dt)
    {
        var costs = new Dictionary<ParticipantId, decimal>();
        void Add(ParticipantId who, decimal eur) => costs[who] = costs.GetValueOrDefault(who) + eur;
        if (!final.HasSchedule)
        {
            return costs;
        }

        if (final.Bilateral)
        {
            foreach (var t in final.Trades)
            {
                var eur = Math.Round((decimal)t.QuantityKwh, 6) * Math.Round((decimal)t.PriceEurPerMwh, 6) / 1000m;
                if (t.BuyerId != final.OutsideMarketId)
                {
                    Add(new ParticipantId(t.BuyerId), eur);
                }

                if (t.SellerId != final.OutsideMarketId)
                {
                    Add(new ParticipantId(t.SellerId), -eur);
                }
            }

            return costs;
        }

        foreach (var (id, pos) in positions)
        {
            var eur = 0m;
            for (var t = 0; t < pos.NetInjectionKw.Count; t++)
            {
                var price = pos.PriceEurPerMwh[t];
                if (double.IsFinite(price))
                {
                    eur -= Math.Round((decimal)(pos.NetInjectionKw[t] * dt), 6) * Math.Round((decimal)price, 6) / 1000m;
                }
            }

            Add(id, eur);
        }

        return costs;
    }

    /// <summary>The value of the source's explicit orders as filled: Σ filled bids × their limit prices − Σ filled offers × theirs, steps in merit order.</summary>
    private static decimal ExplicitOrderWelfare(MarketInput actual, ClearingResult final)
    {
        if (final.OrderFillsKwh is not { } fills || !final.HasSchedule)
        {
            return 0m;
        }

        var total = 0m;
        foreach (var o in actual.Participants.SelectMany(p => p.Orders))
        {
            if (!fills.TryGetValue(o.Id.Value, out var filled) || filled <= 0)
            {
                continue;
            }

            var left = (decimal)filled;
            foreach (var step in o.Steps)
            {
                var q = Math.Min(left, step.QuantityKwh);
                total += (o.Side == OrderSide.Buy ? 1 : -1) * q * step.PriceEurPerMwh / 1000m;
                left -= q;
                if (left <= 0)
                {
                    break;
                }
            }
        }

        return total;
    }

    /// <summary>
    /// Messages and bytes of the day-ahead clearing: the mechanism's own count when it reports one (distributed
    /// mechanisms), else one submission per participant and one result back, 8 bytes a number (a series value, an
    /// order step's price and quantity, a position and price per slot).
    /// </summary>
    private static (long Messages, long Bytes) Communication(ClearingResult final, IReadOnlyList<Participant> submitted, int slots)
    {
        if (final.Diagnostics.TryGetValue("messages", out var m) && final.Diagnostics.TryGetValue("bytes", out var b))
        {
            return ((long)m, (long)b);
        }

        long messages = 0, bytes = 0;
        foreach (var p in submitted)
        {
            if (p.Assets.Count == 0 && p.Orders.Count == 0)
            {
                continue;
            }

            messages += 2;
            bytes += 8L * ((p.Assets.Count * (slots + 8)) + p.Orders.Sum(o => 2 * o.Steps.Count + 1) + (2 * slots));
        }

        return (messages, bytes);
    }
}
