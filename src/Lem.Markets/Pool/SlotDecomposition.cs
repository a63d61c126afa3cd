using Lem.Markets.Preferences;

namespace Lem.Markets.Pool;

/// <summary>
/// The pool's fast path for inputs that nothing couples across slots (docs/mechanisms/pool.md#slot-screening): orders
/// only (no assets, so no storage, EV or flexible-load window), no preferences, tariffs or bid limits, cleared on a
/// lossless LinDistFlow feeder fed at its root whose shunt elements consume no active power (line charging is reactive). The model is then block-diagonal by slot, and
/// each slot is screened: its copper-plate merit-order optimum, when a single step is partially accepted (a unique
/// primal and a unique price), is checked against the slot's LinDistFlow rows; when every row holds strictly, it is the
/// LinDistFlow optimum and every DLMP equals that price (complementary slackness). The other slots go to an LP each
/// (the monolithic model of that slot alone), in parallel; results equal the monolithic LP's where its optimum is unique.
/// </summary>
internal static class SlotDecomposition
{
    /// <summary>How far inside its bounds every grid row must be for a slot to be screened, per unit (ten times the LP's feasibility tolerance).</summary>
    private const double MarginPu = 1e-6;

    /// <summary>How far from its bounds the marginal step must be, MW, for the price to be unique.</summary>
    private const double MarginalToleranceMw = 1e-9;

    /// <summary>
    /// Clears <paramref name="setup"/> slot by slot when it qualifies; the slots that do not screen are cleared by
    /// <paramref name="clearLp"/> (the monolithic pool) as one market of those slots. Null when the input does not
    /// qualify or that LP is not optimal (the caller then runs the monolithic path, with its diagnostics).
    /// </summary>
    public static PoolResult? TryClear(PoolSetup setup, Func<MarketInput, PoolResult> clearLp)
    {
        var scenario = setup.Market;
        if (setup.Grid is not PreparedLinDistFlowFormulation grid
            || grid.Feeder.ShuntPPerV.Any(g => g != 0)
            || setup.ConnectionBus != grid.Feeder.Root
            || scenario.BidLimits is not null
            || setup.Options.Clearing.Tariffs is { Count: > 0 }
            || scenario.Participants.Any(p => p.Assets.Count > 0)
            || PreferencePremiums.Declared(scenario))
        {
            return null;
        }

        var horizon = scenario.Horizon;
        var n = horizon.Count;
        var h = horizon.SlotHours;
        var index = setup.Index;
        var outside = scenario.OutsideMarket;

        // The orders in scenario order (the monolithic model's order), grouped by slot.
        var orders = new List<(int Participant, Order Order)>();
        var bySlot = new List<int>[n];
        for (var t = 0; t < n; t++)
        {
            bySlot[t] = [];
        }

        for (var i = 0; i < scenario.Participants.Count; i++)
        {
            foreach (var o in scenario.Participants[i].Orders)
            {
                bySlot[o.SlotIndex].Add(orders.Count);
                orders.Add((i, o));
            }
        }

        var accepted = new double[orders.Count][];
        var net = new double[scenario.Participants.Count][];
        for (var i = 0; i < net.Length; i++)
        {
            net[i] = new double[n];
        }

        var slots = new PoolSlot?[n];
        var binding = new List<int>();
        var steps = new List<(double PriceEurPerMwh, double CapacityMw, bool Offer, int Order, int Step)>();
        var injection = new double[index.BusCount];
        for (var t = 0; t < n; t++)
        {
            steps.Clear();
            steps.Add((outside.WholesaleImportEurPerMwh[t], outside.ImportLimit?.Mw ?? double.PositiveInfinity, true, -1, 0));
            steps.Add((outside.WholesaleExportEurPerMwh[t], outside.ExportLimit?.Mw ?? double.PositiveInfinity, false, -1, 0));
            foreach (var o in bySlot[t])
            {
                var order = orders[o].Order;
                for (var k = 0; k < order.Steps.Count; k++)
                {
                    var (stepPrice, quantityMwh) = OrderModel.Read(order.Steps[k]);
                    steps.Add((stepPrice, quantityMwh / h, order.Side == OrderSide.Sell, o, k));
                }
            }

            if (UniqueOptimum(steps) is not { } optimum)
            {
                binding.Add(t);
                continue;
            }

            var (price, marginal, marginalMw) = optimum;
            double Value(int s) => s == marginal ? marginalMw : Accepted(steps[s], price);
            Array.Clear(injection);
            var imp = Value(0);
            var exp = Value(1);
            var cost = (outside.WholesaleImportEurPerMwh[t] * h * imp) + (-outside.WholesaleExportEurPerMwh[t] * h * exp);
            for (var s = 2; s < steps.Count; s++)
            {
                var step = steps[s];
                var x = Value(s);
                var order = orders[step.Order];
                var sign = step.Offer ? 1.0 : -1.0;
                accepted[step.Order] ??= new double[order.Order.Steps.Count];
                accepted[step.Order][step.Step] = x;
                injection[setup.ParticipantBus[order.Participant]] += sign * x;
                cost += sign * step.PriceEurPerMwh * h * x;
            }

            if (!grid.TryInteriorState(injection, MarginPu, out var voltages, out var flows))
            {
                binding.Add(t);
                continue;
            }

            foreach (var o in bySlot[t])
            {
                var (participant, order) = orders[o];
                var sum = 0.0;
                foreach (var x in accepted[o])
                {
                    sum += x;
                }

                net[participant][t] += (order.Side == OrderSide.Sell ? 1.0 : -1.0) * sum * 1000.0;
            }

            var prices = new double[index.BusCount];
            Array.Fill(prices, price);
            slots[t] = new PoolSlot(
                Index: t,
                Start: horizon.Slots[t].Start,
                PricesEurPerMwh: prices,
                PriceSource: PriceSource.Dual,
                PriceLowEurPerMwh: null,
                PriceHighEurPerMwh: null,
                ImportMwh: imp * h,
                ExportMwh: exp * h,
                WelfareEur: PoolClearing.ToEur(-cost),
                LossesMw: 0.0,
                VoltagesPu: voltages,
                BranchFlowsMw: flows,
                Dlmps: [.. index.BusIds.Select(b => new DlmpDecomposition(b, price, 0.0, 0.0, 0.0))],
                SocExactness: null);
        }

        // The binding slots are independent of one another: one LP each, in parallel over the cores (each is the
        // monolithic model of its slot alone, so the optimum is the joint LP's; among tied orders each LP picks its own).
        var dispatch = new OrderDispatch?[orders.Count];
        var lps = new PoolResult[binding.Count];
        Parallel.For(0, binding.Count, i => lps[i] = clearLp(Restricted(scenario, [binding[i]])));
        if (lps.Any(r => r.Status != PoolStatus.Optimal))
        {
            return null;
        }

        var positionOf = new int[orders.Count];
        var cursors = new int[n];
        for (var o = 0; o < orders.Count; o++)
        {
            positionOf[o] = cursors[orders[o].Order.SlotIndex]++;
        }

        for (var i = 0; i < binding.Count; i++)
        {
            var t = binding[i];
            var lp = lps[i];
            slots[t] = lp.Slots[0] with { Index = t, Start = horizon.Slots[t].Start };
            for (var p = 0; p < net.Length; p++)
            {
                net[p][t] = lp.Participants[p].NetInjectionKw[0];
            }
        }

        // Each restricted market keeps the scenario's order of participants and orders.
        var bindingIndex = new int[n];
        Array.Fill(bindingIndex, -1);
        for (var i = 0; i < binding.Count; i++)
        {
            bindingIndex[binding[i]] = i;
        }

        for (var o = 0; o < orders.Count; o++)
        {
            var t = orders[o].Order.SlotIndex;
            if (bindingIndex[t] >= 0)
            {
                dispatch[o] = lps[bindingIndex[t]].Orders[positionOf[o]] with { Slot = t };
            }
        }

        for (var o = 0; o < orders.Count; o++)
        {
            var (participant, order) = orders[o];
            dispatch[o] ??= new OrderDispatch(order.Id, scenario.Participants[participant].Id, order.Side, order.SlotIndex, [.. accepted[o].Select(x => x * h * 1000.0)]);
        }

        decimal welfare = 0;
        double importMwh = 0, exportMwh = 0;
        var all = new PoolSlot[n];
        for (var t = 0; t < n; t++)
        {
            all[t] = slots[t]!;
            welfare += all[t].WelfareEur;
            importMwh += all[t].ImportMwh;
            exportMwh += all[t].ExportMwh;
        }

        return new PoolResult
        {
            Status = PoolStatus.Optimal,
            ScenarioName = scenario.Name,
            FormulationName = setup.Formulation.Name,
            PriceRule = setup.Options.Clearing.PriceRule,
            VolumeRule = setup.Options.VolumeRule,
            Statistics = lps.Length == 0 ? new PoolStatistics(0, 0, 0, 0, 0, 0, null) : new PoolStatistics(
                lps.Sum(r => r.Statistics.Variables),
                lps.Sum(r => r.Statistics.Constraints),
                0,
                lps.Sum(r => r.Statistics.Solves),
                lps.Sum(r => r.Statistics.BuildSeconds),
                lps.Sum(r => r.Statistics.SolveSeconds),
                lps[0].Statistics.SolverName),
            BusIds = index.BusIds,
            AllBusIds = index.AllBusIds,
            AllBusIndex = index.AllBusIndex,
            BranchIds = index.BranchIds,
            Warnings = [.. lps.SelectMany(r => r.Warnings).Distinct()],
            WelfareEur = welfare,
            ImportMwh = importMwh,
            ExportMwh = exportMwh,
            Slots = all,
            Participants = [.. scenario.Participants.Select((p, i) => new ParticipantDispatch(p.Id, setup.ParticipantBus[i] >= 0 ? index.BusIdOf(setup.ParticipantBus[i]) : null, net[i]))],
            Orders = [.. dispatch.Select(d => d!)],
        };
    }

    /// <summary>
    /// The merit-order optimum of one slot when it is unique: a price level held by a single step that the balance
    /// accepts strictly inside its bounds (every other step is then at a bound in every optimum, and the price is the
    /// only dual that prices that step). Null on a vertical step, a tie at the margin or an unbounded slot.
    /// </summary>
    private static (double Price, int Marginal, double MarginalMw)? UniqueOptimum(List<(double PriceEurPerMwh, double CapacityMw, bool Offer, int Order, int Step)> steps)
    {
        var levels = steps.Select(s => s.PriceEurPerMwh).Distinct().Order().ToArray();
        foreach (var level in levels)
        {
            var count = 0;
            var at = -1;
            double offersBelow = 0, bidsAbove = 0;
            for (var s = 0; s < steps.Count; s++)
            {
                var step = steps[s];
                if (step.PriceEurPerMwh == level)
                {
                    count++;
                    at = s;
                }
                else if (step.Offer && step.PriceEurPerMwh < level)
                {
                    offersBelow += step.CapacityMw;
                }
                else if (!step.Offer && step.PriceEurPerMwh > level)
                {
                    bidsAbove += step.CapacityMw;
                }
            }

            if (count != 1)
            {
                continue;
            }

            var x = steps[at].Offer ? bidsAbove - offersBelow : offersBelow - bidsAbove;
            if (x > MarginalToleranceMw && x < steps[at].CapacityMw - MarginalToleranceMw)
            {
                return (level, at, x);
            }
        }

        return null;
    }

    /// <summary>A step's acceptance at the price when it is not marginal: offers below and bids above are taken in full.</summary>
    private static double Accepted((double PriceEurPerMwh, double CapacityMw, bool Offer, int Order, int Step) step, double price) =>
        (step.Offer ? step.PriceEurPerMwh < price : step.PriceEurPerMwh > price) ? step.CapacityMw : 0.0;

    /// <summary>The scenario restricted to <paramref name="slots"/> (ascending), renumbered 0…k−1 on a horizon of k slots from the same start.</summary>
    private static MarketInput Restricted(MarketInput scenario, List<int> slots)
    {
        var horizon = scenario.Horizon;
        var map = new int[horizon.Count];
        Array.Fill(map, -1);
        for (var i = 0; i < slots.Count; i++)
        {
            map[slots[i]] = i;
        }

        SlotSeries Pick(SlotSeries series) => series.Count == horizon.Count ? new SlotSeries(slots.Select(t => series[t])) : series;
        var m = scenario.OutsideMarket;
        return scenario with
        {
            Horizon = Horizon.Create(horizon.Zone, horizon.Start, horizon.Start + (horizon.SlotLength.Duration * slots.Count), horizon.SlotLength),
            OutsideMarket = m with
            {
                WholesaleImportEurPerMwh = Pick(m.WholesaleImportEurPerMwh),
                WholesaleExportEurPerMwh = Pick(m.WholesaleExportEurPerMwh),
                RetailEurPerKwh = Pick(m.RetailEurPerKwh),
                FeedInEurPerKwh = Pick(m.FeedInEurPerKwh),
            },
            Participants = [.. scenario.Participants.Select(p => p with
            {
                Orders = [.. p.Orders.Where(o => map[o.SlotIndex] >= 0).Select(o => new Order(o.Id, o.Owner, o.Side, map[o.SlotIndex], o.Steps))],
            })],
        };
    }
}
