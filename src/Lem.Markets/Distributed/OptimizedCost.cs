using Lem.Markets.Tariffs;
using Lem.Optimization.InteriorPoint;

namespace Lem.Markets.Distributed;

/// <summary>
/// A participant's local problem through the optimisation layer, for agents whose assets couple slots (batteries,
/// EVs, flexible loads, heat pumps) or who hold orders. The assets are added by their kinds' local models
/// (<see cref="AssetKind"/>; by default the pool's own asset models) on a one-bus build context (so the local problem is the participant's share of the pool model) and the ADMM terms make it a convex QP
/// with a diagonal Hessian. The model is built once per step kind and solved by <see cref="InteriorPointQp"/>, whose
/// normal equations are a narrow band along the storage chains, warm-started from the agent's previous local solution
/// (<see cref="InteriorPointStart"/>); HiGHS (then Ipopt) remains the fallback when the interior point method stops short.
/// </summary>
/// <remarks>Costs are in EUR/MWh × kW (EUR × 1000/Δt), so multipliers come out in EUR/MWh.</remarks>
internal sealed class OptimizedCost : ILocalCost
{
    private static readonly IReadOnlySet<AssetId> NoBinaries = new HashSet<AssetId>();
    private readonly Participant _participant;
    private readonly Horizon _horizon;
    private readonly TariffCost? _tariff;
    private Local? _prox;
    private Local? _trade;
    private double _lastCostEur;
    private (Local Local, double[] Values)? _last;

    /// <summary>The local problem of a participant; a <paramref name="tariff"/> adds its per-meter charges to the objective, not to <see cref="LastCostEur"/>.</summary>
    public OptimizedCost(Participant participant, Horizon horizon, TariffCost? tariff = null)
    {
        _participant = participant;
        _horizon = horizon;
        _tariff = tariff;
    }

    public int SlotCount => _horizon.Count;

    public void Prox(ReadOnlySpan<double> v, double rho, Span<double> x)
    {
        var local = _prox ??= Build(0, []);
        var n = SlotCount;
        var linear = (double[])local.Linear.Clone();
        var quadratic = new double[linear.Length];
        for (var t = 0; t < n; t++)
        {
            var j = local.X[t].Index;
            quadratic[j] = rho;
            linear[j] -= rho * v[t];
        }

        var values = Solve(local, linear, quadratic);
        for (var t = 0; t < n; t++)
        {
            x[t] = values[local.X[t].Index];
        }

        _lastCostEur = local.CostEur.Sum(c => c.Evaluate(values));
        _last = (local, values);
    }

    public void TradeStep(int partners, ReadOnlySpan<double> targets, ReadOnlySpan<double> preferences, double rho, Span<double> trades, Span<double> injection, NetInjectionTerm? net = null)
    {
        var n = SlotCount;
        if (net is not null && net.SupplyKw.Any(s => s != 0))
        {
            throw new ArgumentException($"Agent '{_participant.Id}': only the outside market supplies the grid's draw.", nameof(net));
        }

        if (partners > 0 && AllZero(preferences[..partners]))
        {
            // Without preference costs, min Σ_k ρ/2(p_k − a_k)² subject to Σ_k p_k = P is ρ/(2K)(P − Σ_k a_k)², reached
            // at p_k = a_k + (P − Σa)/K: the trade step is a proximal step on the net injection with weight ρ/K; the
            // grid's term w/2(P − v)² joins it as weight ρ/K + w at the weighted mean of the two targets.
            var sum = new double[n];
            for (var i = 0; i < partners * n; i++)
            {
                sum[i % n] += targets[i];
            }

            var weight = (rho / partners) + (net?.Weight ?? 0.0);
            var target = new double[n];
            for (var t = 0; t < n; t++)
            {
                target[t] = net is null ? sum[t] : (((rho / partners) * sum[t]) + (net.Weight * net.TargetKw[t])) / weight;
            }

            Prox(target, weight, injection);
            for (var i = 0; i < partners * n; i++)
            {
                trades[i] = targets[i] + ((injection[i % n] - sum[i % n]) / partners);
            }

            return;
        }

        if (_trade is null || _trade.Partners != partners || !_trade.Preferences.AsSpan().SequenceEqual(preferences) || (_trade.X.Length > 0) != (net is not null))
        {
            _trade = Build(partners, preferences.ToArray(), net is not null);
        }

        var local = _trade;
        var linear = (double[])local.Linear.Clone();
        var quadratic = new double[linear.Length];
        for (var i = 0; i < local.Trades.Length; i++)
        {
            var j = local.Trades[i].Index;
            quadratic[j] = rho;
            linear[j] -= rho * targets[i];
        }

        for (var t = 0; t < local.X.Length && net is not null; t++)
        {
            // The grid's term on the net injection (docs/mechanisms/admm.md#p2p-with-the-grid-agent).
            var j = local.X[t].Index;
            quadratic[j] = net.Weight;
            linear[j] -= net.Weight * net.TargetKw[t];
        }

        var values = Solve(local, linear, quadratic);
        var preferenceUnits = 0.0;
        injection[..n].Clear();
        for (var i = 0; i < local.Trades.Length; i++)
        {
            trades[i] = values[local.Trades[i].Index];
            injection[i % n] += trades[i];
            preferenceUnits += preferences[i / n] * Math.Abs(trades[i]);
        }

        _lastCostEur = local.CostEur.Sum(c => c.Evaluate(values)) + (preferenceUnits * _horizon.SlotHours / 1000.0);
        _last = (local, values);
    }

    public double LastCostEur() => _lastCostEur;

    public IReadOnlyList<AssetDispatch>? LastAssets() => _last is { } last ? ReadAssets(last.Local.Assets, last.Values, _horizon.SlotHours) : null;

    private static bool AllZero(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (v != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static double[] Solve(Local local, double[] linear, double[] quadratic)
    {
        // Warm-started from the agent's previous local solution (docs/mechanisms/admm.md#acceleration).
        var solution = local.Qp.Solve(linear, quadratic, SolverOptions.Default with { Tolerance = 1e-10 }, local.Start);
        if (solution.Status == SolveStatus.Optimal)
        {
            return [.. solution.Values];
        }

        // The fallback solves the same QP on a copy of the model with the step's objective.
        var model = local.Model;
        var objective = new LinearExpression(linear.Length);
        var copy = new OptimizationModel(model.Name);
        foreach (var v in model.Variables)
        {
            copy.AddVariable(v.Lower, v.Upper, v.Name);
        }

        foreach (var c in model.Constraints)
        {
            copy.AddConstraint(c.Expression, c.Lower, c.Upper, c.Name);
        }

        for (var j = 0; j < linear.Length; j++)
        {
            objective.Add(new Variable(j), linear[j]);
            if (quadratic[j] > 0)
            {
                copy.AddQuadraticObjective(new Variable(j), new Variable(j), 0.5 * quadratic[j]);
            }
        }

        copy.SetObjective(objective);
        var fallback = Solvers.For(copy).Solve(copy, SolverOptions.Default);
        if (fallback.Status != SolveStatus.Optimal)
        {
            fallback = Solvers.ByName("ipopt").Solve(copy, SolverOptions.Default with { Tolerance = 1e-10 });
        }

        if (fallback.Status != SolveStatus.Optimal)
        {
            throw new InvalidOperationException($"The local problem '{model.Name}' ended {fallback.Status}: {fallback.Message ?? solution.Message ?? "no message"}.");
        }

        return [.. fallback.Values];
    }

    /// <summary>
    /// The participant's assets and orders with, per slot, either its net injection x (kW) as a variable
    /// (<paramref name="partners"/> = 0, proximal steps) or its trades with each partner (P2P steps, with |p| epigraph
    /// variables for partners with a preference cost) whose sum is the net injection, and with <paramref name="net"/> the
    /// net injection x as a variable too (the grid's term of a P2P step).
    /// </summary>
    private Local Build(int partners, double[] preferences, bool net = false)
    {
        var model = new OptimizationModel($"agent:{_participant.Id}");
        var c = LocalContext(model, _participant, _horizon, out var assets);

        var n = c.SlotCount;
        var xs = partners == 0 || net ? new Variable[n] : [];
        var trades = new Variable[partners * n];
        var scale = 1000.0 / c.Hours; // EUR of a slot → EUR/MWh × kW
        var objective = new LinearExpression();
        for (var t = 0; t < n; t++)
        {
            var injectionMw = c.P[t][0];
            var row = new LinearExpression(injectionMw.Count + Math.Max(1, partners));
            for (var i = 0; i < injectionMw.Count; i++)
            {
                row.Add(new Variable(injectionMw.Indices[i]), 1000.0 * injectionMw.Coefficients[i]);
            }

            if (xs.Length > 0)
            {
                xs[t] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"x[{t}]");
                row.Add(xs[t], -1.0);
            }

            var rhs = -1000.0 * injectionMw.Constant;
            if (xs.Length > 0 && partners > 0)
            {
                // x = Σ_k p_k: the trades' sum is the net injection the grid's term sees.
                model.AddEquality(row, rhs, $"injection[{t}]");
                (row, rhs) = (new LinearExpression(partners + 1).Add(xs[t], 1.0), 0.0);
            }

            for (var k = 0; k < partners; k++)
            {
                var p = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"trade[{k},{t}]");
                trades[(k * n) + t] = p;
                row.Add(p, -1.0);
                if (preferences[k] > 0)
                {
                    var a = model.AddVariable(0, double.PositiveInfinity, $"abs_trade[{k},{t}]");
                    model.AddGreaterOrEqual(new LinearExpression(2).Add(a, 1.0).Add(p, -1.0), 0.0);
                    model.AddGreaterOrEqual(new LinearExpression(2).Add(a, 1.0).Add(p, 1.0), 0.0);
                    objective.Add(a, preferences[k]);
                }
            }

            model.AddEquality(row, rhs, xs.Length > 0 && partners > 0 ? $"trades[{t}]" : $"injection[{t}]");
            objective.Add(c.Cost[t], scale);
        }

        if (_tariff is not null)
        {
            objective.Add(TariffModel.Add(c, _tariff, [.. Enumerable.Range(0, n).Select(t => c.P[t][0])], "tariff"), scale);
        }

        model.SetObjective(objective);
        var (linear, _) = InteriorPointSolver.Objective(model);
        return new Local(model, new InteriorPointQp(model), new InteriorPointStart(), linear, xs, trades, partners, preferences, c.Cost, assets);
    }

    /// <summary>
    /// The participant's share of the pool model on a one-bus build context: each asset's local model
    /// (<see cref="AssetKind.LocalModel"/>) and each order, adding their net injection (MW) and cost (EUR) per slot.
    /// The distributed agents and the MPC agents' price response (<see cref="PriceResponse"/>) build on it.
    /// </summary>
    internal static PoolBuildContext LocalContext(OptimizationModel model, Participant participant, Horizon horizon) => LocalContext(model, participant, horizon, out _);

    /// <summary><see cref="LocalContext(OptimizationModel, Participant, Horizon)"/> with the asset models, which read each asset's schedule back from a solution (<see cref="ReadAssets"/>).</summary>
    internal static PoolBuildContext LocalContext(OptimizationModel model, Participant participant, Horizon horizon, out IReadOnlyList<PoolAssetModel> assets)
    {
        var c = new PoolBuildContext(model, horizon, 1, 0.0, reactive: false, elastic: false, NoBinaries);
        var models = new List<PoolAssetModel>(participant.Assets.Count);
        foreach (var asset in participant.Assets)
        {
            var m = AssetKinds.Of(asset).LocalModel(asset, participant.Id, horizon);
            m.Build(c);
            models.Add(m);
        }

        assets = models;

        foreach (var order in participant.Orders)
        {
            new OrderModel(order, participant.Id, 0).Build(c);
        }

        return c;
    }

    /// <summary>Each asset's schedule at solution <paramref name="values"/> (the pool's own reading of its asset models, docs/agents.md#the-mpc-lp).</summary>
    internal static IReadOnlyList<AssetDispatch> ReadAssets(IReadOnlyList<PoolAssetModel> assets, double[] values, double hours) => [.. assets.Select(a => a.Read(values, hours))];

    /// <summary>A built local problem: the model, its analysed QP structure and last solution, the fixed linear costs and the step variables.</summary>
    private sealed record Local(OptimizationModel Model, InteriorPointQp Qp, InteriorPointStart Start, double[] Linear, Variable[] X, Variable[] Trades, int Partners, double[] Preferences, LinearExpression[] CostEur, IReadOnlyList<PoolAssetModel> Assets);
}
