using System.Diagnostics;
using System.Globalization;
using Lem.Grid.Formulations;

namespace Lem.Grid.Opf;

/// <summary>
/// Single-period optimal power flow (MATPOWER's <c>runopf</c> problem) on any <see cref="IGridFormulation"/>: minimise
/// the generators' cost subject to the formulation's network model.
/// </summary>
/// <remarks>
/// <para>Variables: the active output P_g ∈ [Pmin, Pmax] (MW) of every in-service generator and, when the formulation
/// models voltages, the reactive output Q_g ∈ [Qmin, Qmax] (Mvar); for every in-service external grid (pandapower
/// ext_grid) an unbounded exchange priced at <see cref="OpfOptions.ExternalGridPricePerMwh"/>.</para>
/// <para>Objective (cost units per hour, P in MW): MATPOWER gencost. Polynomials up to quadratic,
/// c₂P² + c₁P + c₀, enter as linear plus quadratic terms (c₂ ≥ 0); piecewise-linear costs through an epigraph variable
/// z_g ≥ f_s + m_s(P_g − p_s), one row per segment, with non-decreasing slopes (convex).</para>
/// <para>Network: the net injection of each solver bus, Σ P_g + Σ static generation − load (and the same for reactive
/// power), is handed to the formulation (prepared once, docs/formulations.md#preparation) for slot 0; it models the shunts (the DC model draws G_s at 1 p.u.,
/// as MATPOWER's DC OPF does). The LMPs are the formulation's balance duals.</para>
/// </remarks>
public static class OptimalPowerFlow
{
    /// <summary>Builds and solves the OPF of <paramref name="network"/> on <paramref name="formulation"/>.</summary>
    /// <exception cref="ArgumentException">
    /// When the formulation cannot represent the network, or a generator's cost cannot be represented (a polynomial of
    /// degree three or more, a concave quadratic, a non-convex piecewise-linear curve).
    /// </exception>
    public static OpfResult Solve(GridNetwork network, IGridFormulation formulation, OpfOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(formulation);
        options ??= OpfOptions.Default;
        var watch = Stopwatch.StartNew();
        var index = NetworkIndex.Build(network);
        var why = formulation.CannotRepresent(index);
        if (why is not null)
        {
            throw new ArgumentException($"The {formulation.Name} formulation cannot represent network '{network.Name}': {why}", nameof(formulation));
        }

        var prepared = formulation.Prepare(index);

        var model = new OptimizationModel($"opf-{formulation.Name}-{network.Name}");
        var n = index.BusCount;
        var pInjection = new LinearExpression[n];
        var qInjection = new LinearExpression[n];
        for (var i = 0; i < n; i++)
        {
            pInjection[i] = new LinearExpression().AddConstant(-index.PLoadPu[i] * index.BaseMva);
            qInjection[i] = new LinearExpression().AddConstant(-index.QLoadPu[i] * index.BaseMva);
        }

        for (var s = 0; s < index.StaticGenerators.Length; s++)
        {
            var bus = index.StaticGeneratorBusIndex[s];
            pInjection[bus].AddConstant(index.StaticGenerators[s].ScaledPMw);
            qInjection[bus].AddConstant(index.StaticGenerators[s].ScaledQMvar);
        }

        var costs = new Dictionary<string, GeneratorCost>(StringComparer.Ordinal);
        foreach (var cost in network.GeneratorCosts)
        {
            costs.TryAdd(cost.GeneratorId, cost);
        }

        var gens = index.Generators;
        var pg = new Variable[gens.Length];
        var qg = new Variable?[gens.Length];
        var objective = new LinearExpression();
        for (var g = 0; g < gens.Length; g++)
        {
            var gen = gens[g];
            var bus = index.GeneratorBusIndex[g];
            CheckLimits(gen);
            pg[g] = model.AddVariable(gen.PMinMw, gen.PMaxMw, $"Pg[{gen.Id}]");
            pInjection[bus].Add(pg[g], 1.0);
            if (formulation.HasVoltages)
            {
                var q = model.AddVariable(gen.QMinMvar, gen.QMaxMvar, $"Qg[{gen.Id}]");
                qg[g] = q;
                qInjection[bus].Add(q, 1.0);
            }

            if (costs.TryGetValue(gen.Id, out var cost))
            {
                AddCost(model, objective, pg[g], gen, cost);
            }
        }

        var externalGrids = new List<(ExternalGrid Grid, int Bus, Variable P)>();
        foreach (var grid in network.ExternalGrids)
        {
            if (!grid.InService || !index.TryIndexOf(grid.Bus, out var bus))
            {
                continue;
            }

            var p = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Pext[{grid.Id}]");
            pInjection[bus].Add(p, 1.0);
            objective.Add(p, options.ExternalGridPricePerMwh);
            if (formulation.HasVoltages)
            {
                qInjection[bus].Add(model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"Qext[{grid.Id}]"), 1.0);
            }

            externalGrids.Add((grid, bus, p));
        }

        var slot = prepared.AddSlot(model, 0, pInjection, qInjection);
        model.AddToObjective(objective);

        var backend = options.Backend ?? Solvers.For(model);
        var solution = backend.Solve(model, options.Solver);
        watch.Stop();
        var result = new OpfResult
        {
            Status = solution.Status,
            Message = solution.Message,
            Formulation = formulation.Name,
            SolverName = solution.SolverName,
            SolverSeconds = solution.Seconds,
            TotalSeconds = watch.Elapsed.TotalSeconds,
            Slot = slot,
            Solution = solution,
        };
        if (!solution.HasValues)
        {
            return result;
        }

        var prices = solution.Duals.Count > 0 || solution.NonlinearDuals.Count > 0 ? slot.ActivePrices(solution) : new double[n];
        var voltages = slot.VoltageMagnitudesPu(solution);
        // One row per bus of the user's network; merged buses share their group's price and voltage (docs/power-flow.md, "Buses merged by switches").
        var buses = Enumerable.Range(0, index.AllBusIds.Length).Select(j => (Id: index.AllBusIds[j], Bus: index.AllBusIndex[j]))
            .Select(x => new OpfBus(x.Id, prices[x.Bus], voltages?[x.Bus])).ToList();
        var dispatch = new List<OpfGenerator>(gens.Length);
        for (var g = 0; g < gens.Length; g++)
        {
            var p = solution.Value(pg[g]);
            double? q = qg[g] is { } qv ? solution.Value(qv) : null;
            var costPerHour = costs.TryGetValue(gens[g].Id, out var cost) ? cost.Evaluate(p) : 0.0;
            dispatch.Add(new OpfGenerator(gens[g].Id, gens[g].Bus, p, q, costPerHour));
        }

        var imports = externalGrids.Select(e => new OpfExternalGrid(e.Grid.Id, e.Grid.Bus, solution.Value(e.P))).ToList();

        var flows = slot.BranchFlowsMw(solution);
        var branches = flows is null
            ? []
            : Enumerable.Range(0, index.BranchCount).Select(k => new OpfBranch(index.BranchIds[k], index.BranchKinds[k], index.BusIds[index.FromIndex[k]], index.BusIds[index.ToIndex[k]], flows[k])).ToList();
        return result with
        {
            ObjectivePerHour = solution.Objective,
            Buses = buses,
            Generators = dispatch,
            ExternalGrids = imports,
            Branches = branches,
            LossesMw = slot.LossesMw(solution),
        };
    }

    private static void CheckLimits(Generator gen)
    {
        if (double.IsNaN(gen.PMinMw) || double.IsNaN(gen.PMaxMw) || gen.PMinMw > gen.PMaxMw)
        {
            throw new ArgumentException($"Generator {gen.Id} has active limits [{gen.PMinMw}, {gen.PMaxMw}] MW, which are not an interval.");
        }

        if (double.IsNaN(gen.QMinMvar) || double.IsNaN(gen.QMaxMvar) || gen.QMinMvar > gen.QMaxMvar)
        {
            throw new ArgumentException($"Generator {gen.Id} has reactive limits [{gen.QMinMvar}, {gen.QMaxMvar}] Mvar, which are not an interval.");
        }
    }

    private static void AddCost(OptimizationModel model, LinearExpression objective, Variable p, Generator gen, GeneratorCost cost)
    {
        switch (cost)
        {
            case PolynomialCost poly:
                AddPolynomial(model, objective, p, gen, poly);
                break;
            case PiecewiseLinearCost pwl:
                AddPiecewiseLinear(model, objective, p, gen, pwl);
                break;
            default:
                throw new ArgumentException($"Generator {gen.Id} has a cost model ({cost.GetType().Name}) the OPF does not know.");
        }
    }

    private static void AddPolynomial(OptimizationModel model, LinearExpression objective, Variable p, Generator gen, PolynomialCost poly)
    {
        var c = poly.Coefficients;
        var degree = c.Count - 1;
        for (var power = degree; power >= 3; power--)
        {
            if (c[degree - power] != 0)
            {
                throw new ArgumentException(
                    $"Generator {gen.Id} has a polynomial cost of degree {power} (coefficient {c[degree - power].ToString("R", CultureInfo.InvariantCulture)} of P^{power}); " +
                    "the OPF accepts polynomials up to quadratic (a cubic or higher cost is neither linear nor a convex quadratic).");
            }
        }

        double Coefficient(int power) => power <= degree ? c[degree - power] : 0.0;
        var c2 = Coefficient(2);
        if (c2 < 0)
        {
            throw new ArgumentException($"Generator {gen.Id} has a concave quadratic cost (c2 = {c2.ToString("R", CultureInfo.InvariantCulture)} < 0); the OPF needs convex costs.");
        }

        if (degree >= 0)
        {
            objective.AddConstant(Coefficient(0));
        }

        objective.Add(p, Coefficient(1));
        model.AddQuadraticObjective(p, p, c2);
    }

    private static void AddPiecewiseLinear(OptimizationModel model, LinearExpression objective, Variable p, Generator gen, PiecewiseLinearCost pwl)
    {
        var points = pwl.Points;
        if (points.Count == 0)
        {
            return;
        }

        if (points.Count == 1)
        {
            objective.AddConstant(points[0].CostPerHour);
            return;
        }

        var segments = new List<(double Slope, double Intercept)>();
        for (var s = 0; s + 1 < points.Count; s++)
        {
            var width = points[s + 1].PMw - points[s].PMw;
            if (width <= 0)
            {
                continue;
            }

            var slope = (points[s + 1].CostPerHour - points[s].CostPerHour) / width;
            if (segments.Count > 0 && slope < segments[^1].Slope - (1e-9 * Math.Max(1.0, Math.Abs(slope))))
            {
                throw new ArgumentException(
                    $"Generator {gen.Id} has a non-convex piecewise-linear cost: the slope falls from {segments[^1].Slope.ToString("G6", CultureInfo.InvariantCulture)} " +
                    $"to {slope.ToString("G6", CultureInfo.InvariantCulture)} at {points[s].PMw.ToString("G6", CultureInfo.InvariantCulture)} MW.");
            }

            segments.Add((slope, points[s].CostPerHour - (slope * points[s].PMw)));
        }

        if (segments.Count == 0)
        {
            objective.AddConstant(points[0].CostPerHour);
            return;
        }

        var z = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"cost[{gen.Id}]");
        for (var s = 0; s < segments.Count; s++)
        {
            // z ≥ slope·P + intercept  ⇔  z − slope·P ≥ intercept
            model.AddGreaterOrEqual(new LinearExpression().Add(z, 1.0).Add(p, -segments[s].Slope), segments[s].Intercept, $"pwl[{gen.Id},{s}]");
        }

        objective.Add(z, 1.0);
    }
}
