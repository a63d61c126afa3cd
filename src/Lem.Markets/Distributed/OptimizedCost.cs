using Lem.Domain.Assets;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Markets.Pool;
using Lem.Optimization;

namespace Lem.Markets.Distributed;

/// <summary>
/// A participant's local problem through the optimisation layer, for agents whose assets couple slots (batteries,
/// EVs, flexible loads) or who hold orders. The assets are added by the pool's own asset models on a one-bus build
/// context (so the local problem is the participant's share of the pool model), its net injection x (kW) per slot is
/// tied to their injections, and the ADMM terms are added as a convex quadratic objective solved by HiGHS.
/// </summary>
/// <remarks>
/// The model is rebuilt for every local step: the optimisation layer has no way to remove quadratic terms or warm-start
/// HiGHS, and building the small model costs far less than the solve. Costs are in EUR/MWh × kW (EUR × 1000/Δt), so
/// multipliers come out in EUR/MWh.
/// </remarks>
internal sealed class OptimizedCost : ILocalCost
{
    private static readonly IReadOnlySet<AssetId> NoBinaries = new HashSet<AssetId>();
    private readonly Participant _participant;
    private readonly Horizon _horizon;
    private double _lastCostEur;

    public OptimizedCost(Participant participant, Horizon horizon)
    {
        _participant = participant;
        _horizon = horizon;
    }

    public int SlotCount => _horizon.Count;

    public void Prox(ReadOnlySpan<double> v, double rho, Span<double> x)
    {
        var (model, xs, cost) = Build();
        var objective = model.Objective.Clone();
        for (var t = 0; t < xs.Length; t++)
        {
            model.AddQuadraticObjective(xs[t], xs[t], 0.5 * rho);
            objective.Add(xs[t], -rho * v[t]);
        }

        model.SetObjective(objective);
        var values = Solve(model);
        for (var t = 0; t < xs.Length; t++)
        {
            x[t] = values[xs[t].Index];
        }

        _lastCostEur = cost.Sum(c => c.Evaluate(values));
    }

    public void TradeStep(int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, Span<double> trades, Span<double> injection)
    {
        var (model, xs, cost) = Build();
        var n = xs.Length;
        var objective = model.Objective.Clone();
        var p = new Variable[partners * n];
        var absolute = new Variable?[partners * n];
        var eurPerUnit = _horizon.SlotHours / 1000.0;
        for (var t = 0; t < n; t++)
        {
            var balance = new LinearExpression(partners + 1).Add(xs[t], 1.0);
            for (var k = 0; k < partners; k++)
            {
                var i = (k * n) + t;
                var y = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"trade[{k},{t}]");
                p[i] = y;
                balance.Add(y, -1.0);
                model.AddQuadraticObjective(y, y, 0.5 * rho);
                objective.Add(y, -rho * targets[i]);
                if (preferences[k] > 0)
                {
                    var a = model.AddVariable(0, double.PositiveInfinity, $"abs_trade[{k},{t}]");
                    absolute[i] = a;
                    model.AddGreaterOrEqual(new LinearExpression(2).Add(a, 1.0).Add(y, -1.0), 0.0);
                    model.AddGreaterOrEqual(new LinearExpression(2).Add(a, 1.0).Add(y, 1.0), 0.0);
                    objective.Add(a, preferences[k]);
                }
            }

            model.AddEquality(balance, 0.0, $"trade_balance[{t}]");
        }

        model.SetObjective(objective);
        var values = Solve(model);
        var preferenceUnits = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            trades[i] = values[p[i].Index];
            if (absolute[i] is not null)
            {
                preferenceUnits += preferences[i / n] * Math.Abs(trades[i]);
            }
        }

        for (var t = 0; t < n; t++)
        {
            injection[t] = values[xs[t].Index];
        }

        _lastCostEur = cost.Sum(c => c.Evaluate(values)) + (preferenceUnits * eurPerUnit);
    }

    public double LastCostEur() => _lastCostEur;

    private static double[] Solve(OptimizationModel model)
    {
        var solution = Solvers.For(model).Solve(model, SolverOptions.Default);
        if (solution.Status != SolveStatus.Optimal)
        {
            // HiGHS's active-set QP solver sometimes fails on these QPs; Ipopt solves the same convex QP.
            solution = Solvers.ByName("ipopt").Solve(model, SolverOptions.Default with { Tolerance = 1e-10 });
        }

        if (solution.Status != SolveStatus.Optimal)
        {
            throw new InvalidOperationException($"The local problem '{model.Name}' ended {solution.Status}: {solution.Message ?? "no message"}.");
        }

        return [.. solution.Values];
    }

    private (OptimizationModel Model, Variable[] X, LinearExpression[] CostEur) Build()
    {
        var model = new OptimizationModel($"agent:{_participant.Id}");
        var c = new PoolBuildContext(model, _horizon, 1, 0.0, reactive: false, elastic: false, NoBinaries);
        foreach (var asset in _participant.Assets)
        {
            PoolAssetModel part = asset switch
            {
                InflexibleLoad a => new InflexibleLoadModel(a, _participant.Id, 0),
                CurtailableLoad a => new CurtailableLoadModel(a, _participant.Id, 0),
                RenewableGenerator a => new RenewableModel(a, _participant.Id, 0),
                Battery a => new BatteryModel(a, _participant.Id, 0),
                ElectricVehicle a => new EvModel(a, _participant.Id, 0, _horizon),
                FlexibleLoad a => new FlexibleLoadModel(a, _participant.Id, 0, _horizon),
                _ => throw new ArgumentException($"Asset '{asset.Id}' of participant '{_participant.Id}' is of a kind ({asset.Kind}) the distributed markets do not know."),
            };
            part.Build(c);
        }

        foreach (var order in _participant.Orders)
        {
            new OrderModel(order, _participant.Id, 0).Build(c);
        }

        var n = c.SlotCount;
        var xs = new Variable[n];
        var scale = 1000.0 / c.Hours; // EUR of a slot → EUR/MWh × kW
        var objective = new LinearExpression();
        for (var t = 0; t < n; t++)
        {
            xs[t] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x[{t}]");
            var injectionMw = c.P[t][0];
            var row = new LinearExpression(injectionMw.Count + 1);
            for (var i = 0; i < injectionMw.Count; i++)
            {
                row.Add(new Variable(injectionMw.Indices[i]), 1000.0 * injectionMw.Coefficients[i]);
            }

            row.Add(xs[t], -1.0);
            model.AddEquality(row, -1000.0 * injectionMw.Constant, $"injection[{t}]");
            objective.Add(c.Cost[t], scale);
        }

        model.SetObjective(objective);
        return (model, xs, c.Cost);
    }
}
