namespace Lem.Markets.Stochastic;

/// <summary>
/// The LP of the two-stage clearing (docs/mechanisms/stochastic-pool.md#model): one copy of the first stage (or one per
/// scenario for the wait-and-see bound), the second stage per scenario and slot, the scenario costs C_s and the objective
/// (1 − β)·Σ π_s C_s + β·(η + 1/(1−α)·Σ π_s z_s) with z_s ≥ C_s − η, z_s ≥ 0. Solver units: MW, EUR.
/// </summary>
internal sealed class StochasticModel
{
    private readonly StochasticProblem _p;
    private readonly IReadOnlyList<StochasticScenario> _scenarios;
    private readonly Copy[] _copies;
    private readonly Constraint[][] _realTimeBalance;
    private readonly LinearExpression[] _scenarioCost;

    public StochasticModel(StochasticProblem problem, IReadOnlyList<StochasticScenario> scenarios, RiskObjective objective, FirstStage? fix, bool anticipative)
    {
        _p = problem;
        _scenarios = scenarios;
        var h = problem.SlotHours;
        var n = problem.SlotCount;
        var m = Model;
        _copies = [.. Enumerable.Range(0, anticipative ? scenarios.Count : 1).Select(k => new Copy(problem, m, k, fix))];
        _realTimeBalance = new Constraint[scenarios.Count][];
        _scenarioCost = new LinearExpression[scenarios.Count];
        for (var s = 0; s < scenarios.Count; s++)
        {
            var sc = scenarios[s];
            var copy = _copies[anticipative ? s : 0];
            var cost = copy.Cost.Clone();
            _realTimeBalance[s] = new Constraint[n];
            var balance = new LinearExpression[n];
            var rhs = new double[n];
            var scheduledDemand = new LinearExpression[n];
            for (var t = 0; t < n; t++)
            {
                balance[t] = new LinearExpression();
                scheduledDemand[t] = new LinearExpression();
                rhs[t] = sc.LoadMw.Sum(l => l[t]) - _p.Loads.Sum(l => l.ForecastMw[t]) - sc.RenewableMw.Sum(r => r[t]);
            }

            for (var u = 0; u < problem.Units.Count; u++)
            {
                var unit = problem.Units[u];
                var g = copy.Units[u];
                if (unit.UpCostEurPerMwh is { } up)
                {
                    var r = m.AddVariable(0, double.PositiveInfinity, $"s{s}.up.{unit.Id}");
                    m.AddLessOrEqual(new LinearExpression().Add(r, 1).Add(g, 1), unit.CapacityMw);
                    balance[unit.Slot].Add(r, 1);
                    cost.Add(r, up * h);
                }

                if (unit.DownRefundEurPerMwh is { } down)
                {
                    var r = m.AddVariable(0, double.PositiveInfinity, $"s{s}.down.{unit.Id}");
                    m.AddLessOrEqual(new LinearExpression().Add(r, 1).Add(g, -1), 0);
                    balance[unit.Slot].Add(r, -1);
                    cost.Add(r, -down * h);
                }
            }

            for (var j = 0; j < problem.Demands.Count; j++)
            {
                scheduledDemand[problem.Demands[j].Slot].Add(copy.Demands[j], 1);
            }

            for (var i = 0; i < problem.Renewables.Count; i++)
            {
                var renewable = problem.Renewables[i];
                for (var t = 0; t < n; t++)
                {
                    var spill = m.AddVariable(0, sc.RenewableMw[i][t], $"s{s}.spill.{renewable.Id}[{t}]");
                    balance[t].Add(copy.Renewables[i][t], -1).Add(spill, -1);
                    cost.Add(spill, renewable.SpillCostEurPerMwh * h);
                }
            }

            for (var t = 0; t < n; t++)
            {
                // Shedding up to everything consumed in the scenario: the realised loads and the scheduled demands.
                var shed = m.AddVariable(0, double.PositiveInfinity, $"s{s}.shed[{t}]");
                m.AddLessOrEqual(new LinearExpression().Add(shed, 1).Add(scheduledDemand[t], -1), sc.LoadMw.Sum(l => l[t]));
                balance[t].Add(shed, 1);
                cost.Add(shed, problem.VollEurPerMwh * h);
                if (problem.Outside is { } o)
                {
                    var mi = m.AddVariable(0, double.PositiveInfinity, $"s{s}.rt_import[{t}]");
                    var xi = m.AddVariable(0, double.PositiveInfinity, $"s{s}.rt_export[{t}]");
                    if (!double.IsPositiveInfinity(o.ImportLimitMw))
                    {
                        m.AddLessOrEqual(new LinearExpression().Add(mi, 1).Add(copy.Import![t], 1), o.ImportLimitMw);
                    }

                    if (!double.IsPositiveInfinity(o.ExportLimitMw))
                    {
                        m.AddLessOrEqual(new LinearExpression().Add(xi, 1).Add(copy.Export![t], 1), o.ExportLimitMw);
                    }

                    balance[t].Add(mi, 1).Add(xi, -1);
                    cost.Add(mi, o.ImbalanceImportEurPerMwh[t] * h).Add(xi, -o.ImbalanceExportEurPerMwh[t] * h);
                }

                // Σ(r↑ − r↓) + Σ(W_s − W^DA − w^sp) + ℓ^sh + m^RT − x^RT = D_s − D^DA (dual: λ^RT_s, probability-weighted).
                _realTimeBalance[s][t] = m.AddEquality(balance[t], rhs[t], $"s{s}.balance[{t}]");
            }

            _scenarioCost[s] = cost;
        }

        var goal = new LinearExpression();
        for (var s = 0; s < scenarios.Count; s++)
        {
            goal.Add(_scenarioCost[s], (1 - objective.Beta) * scenarios[s].Probability);
        }

        if (objective.Beta > 0)
        {
            var eta = m.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "eta");
            goal.Add(eta, objective.Beta);
            for (var s = 0; s < scenarios.Count; s++)
            {
                var z = m.AddVariable(0, double.PositiveInfinity, $"z[{s}]");
                goal.Add(z, objective.Beta * scenarios[s].Probability / (1 - objective.Alpha));
                var cut = new LinearExpression().Add(z, 1).Add(eta, 1).Add(_scenarioCost[s], -1);
                m.AddGreaterOrEqual(Variables(cut), -cut.Constant);
            }
        }

        m.SetObjective(goal);
    }

    /// <summary>The LP.</summary>
    public OptimizationModel Model { get; } = new("stochastic-pool");

    /// <summary>Reads a solve back.</summary>
    public StochasticSolution Read(Solution solution, RiskObjective objective)
    {
        if (solution.Status != SolveStatus.Optimal)
        {
            return new StochasticSolution { Status = solution.Status, Message = solution.Message, Variables = Model.Variables.Count, Constraints = Model.Constraints.Count };
        }

        var h = _p.SlotHours;
        var probabilities = _scenarios.Select(s => s.Probability).ToArray();
        var costs = _scenarioCost.Select(solution.Value).ToArray();
        var expected = RiskMeasures.Expected(costs, probabilities);
        var (valueAtRisk, cvar) = RiskMeasures.Of(costs, probabilities, objective.Alpha);
        var copy = _copies[0];
        var hasDuals = solution.Duals.Count == Model.Constraints.Count;
        return new StochasticSolution
        {
            Status = solution.Status,
            FirstStage = copy.Read(solution),
            Probabilities = probabilities,
            ScenarioCostsEur = costs,
            ExpectedCostEur = expected,
            CvarEur = cvar,
            VarEur = valueAtRisk,
            ObjectiveEur = objective.Of(expected, cvar),
            DayAheadPricesEurPerMwh = hasDuals ? [.. copy.Balance.Select(c => solution.Dual(c) / h)] : [],
            RealTimePricesEurPerMwh = hasDuals
                ? [.. _realTimeBalance.Select((row, s) => (IReadOnlyList<double>)[.. row.Select(c => solution.Dual(c) / (h * probabilities[s]))])]
                : [],
            Variables = Model.Variables.Count,
            Constraints = Model.Constraints.Count,
        };
    }

    /// <summary>The expression without its constant (constraints take constants on the right-hand side).</summary>
    private static LinearExpression Variables(LinearExpression e)
    {
        var copy = new LinearExpression(e.Count);
        for (var i = 0; i < e.Count; i++)
        {
            copy.Add(new Variable(e.Indices[i]), e.Coefficients[i]);
        }

        return copy;
    }

    /// <summary>One copy of the first stage: its variables, day-ahead balance and day-ahead cost.</summary>
    private sealed class Copy
    {
        public Copy(StochasticProblem p, OptimizationModel m, int k, FirstStage? fix)
        {
            var h = p.SlotHours;
            var n = p.SlotCount;
            var balance = Enumerable.Range(0, n).Select(_ => new LinearExpression()).ToArray();
            Units = new Variable[p.Units.Count];
            for (var u = 0; u < p.Units.Count; u++)
            {
                var unit = p.Units[u];
                Units[u] = Bounded(m, 0, unit.CapacityMw, fix?.UnitsMw?[u], $"c{k}.g.{unit.Id}");
                balance[unit.Slot].Add(Units[u], 1);
                Cost.Add(Units[u], unit.CostEurPerMwh * h);
            }

            Demands = new Variable[p.Demands.Count];
            for (var j = 0; j < p.Demands.Count; j++)
            {
                var demand = p.Demands[j];
                Demands[j] = Bounded(m, 0, demand.QuantityMw, fix?.DemandsMw?[j], $"c{k}.d.{demand.Id}");
                balance[demand.Slot].Add(Demands[j], -1);
                Cost.Add(Demands[j], -demand.ValueEurPerMwh * h);
            }

            Renewables = new Variable[p.Renewables.Count][];
            for (var i = 0; i < p.Renewables.Count; i++)
            {
                var r = p.Renewables[i];
                Renewables[i] = new Variable[n];
                for (var t = 0; t < n; t++)
                {
                    Renewables[i][t] = Bounded(m, 0, r.CapacityMw, fix?.RenewablesMw?[i][t], $"c{k}.w.{r.Id}[{t}]");
                    balance[t].Add(Renewables[i][t], 1);
                }
            }

            if (p.Outside is { } o)
            {
                Import = new Variable[n];
                Export = new Variable[n];
                for (var t = 0; t < n; t++)
                {
                    Import[t] = Bounded(m, 0, o.ImportLimitMw, fix?.ImportMw?[t], $"c{k}.import[{t}]");
                    Export[t] = Bounded(m, 0, o.ExportLimitMw, fix?.ExportMw?[t], $"c{k}.export[{t}]");
                    balance[t].Add(Import[t], 1).Add(Export[t], -1);
                    Cost.Add(Import[t], o.ImportEurPerMwh[t] * h).Add(Export[t], -o.ExportEurPerMwh[t] * h);
                }
            }

            // Σ g + Σ W^DA + m − x − Σ d = D^DA (dual: λ^DA, +∂cost/∂demand).
            Balance = [.. Enumerable.Range(0, n).Select(t => m.AddEquality(balance[t], p.Loads.Sum(l => l.ForecastMw[t]), $"c{k}.balance[{t}]"))];
            _p = p;
        }

        private readonly StochasticProblem _p;

        public Variable[] Units { get; }

        public Variable[] Demands { get; }

        public Variable[][] Renewables { get; }

        public Variable[]? Import { get; }

        public Variable[]? Export { get; }

        public Constraint[] Balance { get; }

        public LinearExpression Cost { get; } = new();

        public FirstStage Read(Solution s) => new(
            [.. Units.Select(s.Value)],
            [.. Demands.Select(s.Value)],
            [.. Renewables.Select(r => (IReadOnlyList<double>)[.. r.Select(s.Value)])],
            Import is null ? new double[_p.SlotCount] : [.. Import.Select(s.Value)],
            Export is null ? new double[_p.SlotCount] : [.. Export.Select(s.Value)]);

        /// <summary>A variable in [lower, upper], or fixed at the given value (clamped into its bounds).</summary>
        private static Variable Bounded(OptimizationModel m, double lower, double upper, double? fixAt, string name)
        {
            if (fixAt is { } v)
            {
                var clamped = Math.Clamp(v, lower, upper);
                return m.AddVariable(clamped, clamped, name);
            }

            return m.AddVariable(lower, upper, name);
        }
    }
}
