namespace Lem.Markets.Distributed;

/// <summary>
/// A price-taking participant's own optimisation (docs/agents.md#the-mpc-lp): its share of the pool model — the same
/// asset and order models the distributed agents solve (<see cref="OptimizedCost"/>) — with, per slot, an import
/// m_t ≥ 0 bought at π^buy_t and an export x_t ≥ 0 sold at π^sell_t that close its balance:
/// min Σ_t [cost_t(assets) + (π^buy_t m_t − π^sell_t x_t) Δt] s.t. injection_t(assets) + m_t − x_t = 0 (λ_t).
/// The MPC prosumer agents solve it over their rolling horizon; with π^buy = π^sell = λ (the pool's prices) it is the
/// participant's term of the pool's Lagrangian decomposition. The plan carries each asset's schedule as the pool
/// reports it (<see cref="PriceResponsePlan.Assets"/>): a household energy management system's plan.
/// </summary>
public static class PriceResponse
{
    /// <summary>
    /// Plans <paramref name="participant"/> over <paramref name="horizon"/> against the given prices (EUR/MWh per slot).
    /// <paramref name="startBasis"/>, the basis of an earlier plan of the same participant and horizon length
    /// (<see cref="PriceResponsePlan.Basis"/>), warm-starts the LP: the same optimum in fewer pivots, possibly another
    /// optimal vertex where the optimum is not unique.
    /// </summary>
    /// <exception cref="ArgumentException">When a price series does not have one value per slot, or a sell price exceeds the buy price (the plan would be unbounded).</exception>
    public static PriceResponsePlan Plan(Participant participant, Horizon horizon, IReadOnlyList<double> buyEurPerMwh, IReadOnlyList<double> sellEurPerMwh, SimplexBasis? startBasis = null)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(buyEurPerMwh);
        ArgumentNullException.ThrowIfNull(sellEurPerMwh);
        var n = horizon.Count;
        if (buyEurPerMwh.Count != n || sellEurPerMwh.Count != n)
        {
            throw new ArgumentException($"The price series have {buyEurPerMwh.Count} and {sellEurPerMwh.Count} values; the horizon has {n} slots.");
        }

        for (var t = 0; t < n; t++)
        {
            if (!double.IsFinite(buyEurPerMwh[t]) || !double.IsFinite(sellEurPerMwh[t]) || sellEurPerMwh[t] > buyEurPerMwh[t])
            {
                throw new ArgumentException($"Slot {t}: the sell price {sellEurPerMwh[t]} must be finite and at most the buy price {buyEurPerMwh[t]}.");
            }
        }

        var model = new OptimizationModel($"mpc:{participant.Id}");
        var c = OptimizedCost.LocalContext(model, participant, horizon, out var assets);
        var hours = c.Hours;
        var imports = new Variable[n];
        var exports = new Variable[n];
        var balances = new Constraint[n];
        var objective = new LinearExpression();
        for (var t = 0; t < n; t++)
        {
            objective.Add(c.Cost[t]);
            imports[t] = model.AddVariable(0, double.PositiveInfinity, $"import[{t}]");
            exports[t] = model.AddVariable(0, double.PositiveInfinity, $"export[{t}]");
            var injection = c.P[t][0];
            var row = new LinearExpression(injection.Count + 2);
            for (var i = 0; i < injection.Count; i++)
            {
                row.Add(new Variable(injection.Indices[i]), injection.Coefficients[i]);
            }

            // Supply − flexible demand = fixed demand, so the dual is +∂(objective)/∂(demand) (docs/formulations.md#copper-plate).
            row.Add(imports[t], 1.0).Add(exports[t], -1.0);
            balances[t] = model.AddEquality(row, -injection.Constant, $"balance[{t}]");
            objective.Add(imports[t], buyEurPerMwh[t] * hours).Add(exports[t], -sellEurPerMwh[t] * hours);
        }

        model.SetObjective(objective);
        var marginal = new double[n];
        string? message = BySlotMessage;
        SimplexBasis? basis = null;
        var values = participant.Orders.Count == 0 ? BySlot(model, assets, imports, exports, buyEurPerMwh, sellEurPerMwh, hours, marginal) : null;
        if (values is null)
        {
            // Without presolve: these small LPs are solved by the hundred a simulated day (docs/simulation.md#performance).
            var solution = Solvers.For(model).Solve(model, SolverOptions.Default with { Presolve = false, StartBasis = startBasis });
            if (solution.Status != SolveStatus.Optimal)
            {
                return new PriceResponsePlan(solution.Status, solution.Message, [], double.NaN, double.NaN, []);
            }

            values = solution.Values.ToArray();
            message = solution.Message;
            basis = solution.Basis;
            for (var t = 0; t < n; t++)
            {
                marginal[t] = solution.Dual(balances[t]) / hours;
            }
        }

        var net = new double[n];
        for (var t = 0; t < n; t++)
        {
            net[t] = 1000.0 * (values[exports[t].Index] - values[imports[t].Index]);
        }

        return new PriceResponsePlan(SolveStatus.Optimal, message, net, objective.Evaluate(values), c.Cost.Sum(e => e.Evaluate(values)), marginal)
        {
            Assets = OptimizedCost.ReadAssets(assets, values, hours),
            Basis = basis,
        };
    }

    /// <summary>What <see cref="PriceResponsePlan.Message"/> says of a plan solved slot by slot.</summary>
    public const string BySlotMessage = "solved slot by slot by merit order (no asset couples slots)";

    /// <summary>
    /// The LP in closed form when no asset couples slots (docs/agents.md#the-mpc-lp, "Without storage"): the model is
    /// then a sum of one-slot problems, each a merit order of the assets' steps (PV offered at minus its curtailment
    /// cost, loads bid at their value) against the supplier, an offer at π^buy_t and a bid at π^sell_t without limit.
    /// Where that slot's price is unique it is the balance's dual and the merit order's acceptances are an optimum of
    /// the slot's LP; null (the caller solves the LP) when an asset couples slots or a slot's price is not unique.
    /// </summary>
    private static double[]? BySlot(OptimizationModel model, IReadOnlyList<PoolAssetModel> assets, Variable[] imports, Variable[] exports, IReadOnlyList<double> buyEurPerMwh, IReadOnlyList<double> sellEurPerMwh, double hours, double[] marginal)
    {
        var n = imports.Length;
        for (var t = 0; t < n; t++)
        {
            foreach (var a in assets)
            {
                if (a.Couples(t))
                {
                    return null;
                }
            }
        }

        var values = new double[model.Variables.Count];
        for (var t = 0; t < n; t++)
        {
            var book = new MeritBook();
            foreach (var a in assets)
            {
                a.AddMeritSteps(t, book, hours);
            }

            var m = imports[t];
            var x = exports[t];
            book.AddOffer(buyEurPerMwh[t], double.PositiveInfinity, e => (m.Index, e / hours));
            book.AddBid(sellEurPerMwh[t], double.PositiveInfinity, e => (x.Index, e / hours));
            var cleared = MeritOrderClearing.ClearSlot(book.Offers, book.Bids);
            if (cleared.IsPriceIndeterminate || !double.IsFinite(cleared.PriceLowEurPerMwh))
            {
                return null;
            }

            for (var i = 0; i < book.Offers.Count; i++)
            {
                if (book.OfferWriters[i](cleared.AcceptedOffersMwh[i]) is { } w)
                {
                    values[w.Index] = w.Value;
                }
            }

            for (var i = 0; i < book.Bids.Count; i++)
            {
                if (book.BidWriters[i](cleared.AcceptedBidsMwh[i]) is { } w)
                {
                    values[w.Index] = w.Value;
                }
            }

            marginal[t] = cleared.PriceLowEurPerMwh;
        }

        return values;
    }
}
