using Lem.Optimization;
using Lem.Optimization.Glop;
using Lem.Optimization.Highs;
using Lem.Testing;

namespace Lem.Optimization.Tests;

/// <summary>
/// The dual convention (dual = ∂f*/∂(active bound)) on the worked examples of docs/mechanisms/pool.md (pool clearing) and
/// §2 (DC OPF with LMPs), with HiGHS and GLOP.
/// </summary>
public sealed class DualConventionTests
{
    public static TheoryData<string, int> SolversAndOrientations => new()
    {
        { "highs", +1 },
        { "highs", -1 },
        { "glop", +1 },
        { "glop", -1 },
    };

    public static TheoryData<string> SolverNames => new() { "highs", "glop" };

    [Theory]
    [MemberData(nameof(SolversAndOrientations))]
    public void PoolClearing_WelfarePerPeriodAndPricesFollowTheRowOrientation(string solverName, int orientation)
    {
        var pool = PoolClearing.Build(orientation);
        var solution = Create(solverName).Solve(pool.Model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(-8500, solution.Objective, 1e-6, what: "total cost (−welfare)");
        double[] welfare = [2700, 2700, 3100];
        for (var t = 0; t < 3; t++)
        {
            Approx.Equal(welfare[t], pool.Welfare(solution, t), 1e-6, what: $"welfare in period {t + 1}");
        }

        // Written as Σ offers − Σ bids = 0 the dual is +∂cost/∂demand (the price); written the other way round it
        // is the derivative with respect to that row's right-hand side, the price with the opposite sign.
        Approx.Equal(orientation * 30.0, solution.Dual(pool.Balance[1]), 1e-6, what: "period-2 dual");
        var price1 = orientation * solution.Dual(pool.Balance[0]);
        Assert.InRange(price1, 20 - 1e-6, 30 + 1e-6);
        Approx.Equal(orientation * 20.0, solution.Dual(pool.Balance[2]), 1e-6, what: "period-3 dual");
        DualConventionCertificate.Assert(pool.Model, solution);
    }

    [Theory]
    [MemberData(nameof(SolversAndOrientations))]
    public void PoolClearing_DualIsTheDerivativeOfTheOptimalCostWithRespectToTheRightHandSide(string solverName, int orientation)
    {
        var solver = Create(solverName);
        var pool = PoolClearing.Build(orientation);
        var baseline = solver.Solve(pool.Model);

        // Period 2 has a partially accepted bid, so a small change of its balance's right-hand side moves the
        // optimal cost by exactly dual × change (in either direction).
        const double step = 0.5;
        foreach (var sign in new[] { +1.0, -1.0 })
        {
            pool.Model.SetBounds(pool.Balance[1], sign * step, sign * step);
            var perturbed = solver.Solve(pool.Model);
            Approx.Equal(baseline.Dual(pool.Balance[1]), (perturbed.Objective - baseline.Objective) / (sign * step), 1e-6, what: "finite-difference derivative");
        }
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void PoolClearing_ReducedCostOfAFullyAcceptedOfferIsItsPriceMinusTheMarketPrice(string solverName)
    {
        var pool = PoolClearing.Build(+1);
        var solution = Create(solverName).Solve(pool.Model);

        // Period 2: the 10 €/MWh offer is at its 50 MWh cap; one more MWh of it displaces the 30 €/MWh margin.
        Approx.Equal(50, solution.Value(pool.Offers[1][0]), 1e-6);
        Approx.Equal(10 - 30, solution.ReducedCosts[pool.Offers[1][0].Index], 1e-6, what: "reduced cost at the upper bound");

        // Period 2: the 35 €/MWh offer is at its lower bound 0; forcing one MWh of it in costs 35 − 30.
        Approx.Equal(0, solution.Value(pool.Offers[1][2]), 1e-6);
        Approx.Equal(35 - 30, solution.ReducedCosts[pool.Offers[1][2].Index], 1e-6, what: "reduced cost at the lower bound");
    }

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void DcOpf_DispatchLmpsLineDualAndCongestionRent(string solverName)
    {
        var opf = DcOpf.Build();
        var solution = Create(solverName).Solve(opf.Model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Approx.Equal(2700, solution.Objective, 1e-6, what: "cost");
        Approx.Equal(90, solution.Value(opf.G1), 1e-6, what: "g1");
        Approx.Equal(60, solution.Value(opf.G2), 1e-6, what: "g2");
        Approx.Equal(10, solution.Value(opf.Flows[0]), 1e-6, what: "f12");
        Approx.Equal(80, solution.Value(opf.Flows[1]), 1e-6, what: "f13");
        Approx.Equal(70, solution.Value(opf.Flows[2]), 1e-6, what: "f23");
        double[] lmp = [10, 30, 50];
        for (var i = 0; i < 3; i++)
        {
            Approx.Equal(lmp[i], solution.Dual(opf.Balance[i]), 1e-6, what: $"LMP at bus {i + 1}");
        }

        // μ = 60 €/MWh: raising the 80 MW limit by 1 MW lowers the cost by 60, so ∂f*/∂(upper bound) = −60.
        var mu = solution.Dual(opf.LineLimit);
        Approx.Equal(-60, mu, 1e-6, what: "line-limit dual");

        // Congestion rent Σ LMP_i (d_i − g_i) = μ̄ F̄.
        var g = new[] { solution.Value(opf.G1), solution.Value(opf.G2), 0.0 };
        var rent = 0.0;
        for (var i = 0; i < 3; i++)
        {
            rent += solution.Dual(opf.Balance[i]) * (DcOpf.DemandMw[i] - g[i]);
        }

        Approx.Equal(4800, rent, 1e-6, what: "congestion rent");
        Approx.Equal(rent, -mu * DcOpf.LimitMw, 1e-6, what: "rent = μ F");
        DualConventionCertificate.Assert(opf.Model, solution);
    }

    [Fact]
    public void DcOpf_HighsAndGlopAgreeOnEveryValueAndDual()
    {
        var opf = DcOpf.Build();
        var highs = new HighsSolver().Solve(opf.Model);
        var glop = new GlopSolver().Solve(opf.Model);

        Approx.Equal(highs.Objective, glop.Objective, 1e-7);
        for (var j = 0; j < opf.Model.Variables.Count; j++)
        {
            Approx.Equal(highs.Values[j], glop.Values[j], 1e-6, what: $"value {j}");
            Approx.Equal(highs.ReducedCosts[j], glop.ReducedCosts[j], 1e-6, what: $"reduced cost {j}");
        }

        for (var i = 0; i < opf.Model.Constraints.Count; i++)
        {
            Approx.Equal(highs.Duals[i], glop.Duals[i], 1e-6, what: $"dual {i}");
        }
    }

    internal static ISolver Create(string name) => name switch
    {
        "highs" => new HighsSolver(),
        "glop" => new GlopSolver(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown solver."),
    };

    /// <summary>docs/mechanisms/pool.md#worked-example-three-periods-on-the-copper-plate: three periods of stepwise offers and bids, balance per period.</summary>
    private sealed class PoolClearing
    {
        public required OptimizationModel Model { get; init; }

        public required Constraint[] Balance { get; init; }

        public required Variable[][] Offers { get; init; }

        public required Variable[][] Bids { get; init; }

        public required (double Price, double Mwh)[][] OfferData { get; init; }

        public required (double Price, double Mwh)[][] BidData { get; init; }

        /// <param name="orientation">+1: Σ offers − Σ bids = 0; −1: Σ bids − Σ offers = 0.</param>
        public static PoolClearing Build(int orientation)
        {
            (double, double)[][] offers =
            [
                [(10, 50), (20, 50), (35, 50)],
                [(10, 50), (20, 50), (35, 50)],
                [(10, 50), (20, 50), (20, 50)],
            ];
            (double, double)[][] bids =
            [
                [(50, 60), (30, 40), (15, 30)],
                [(50, 60), (30, 60)],
                [(40, 130)],
            ];
            var model = new OptimizationModel("pool clearing §1");
            var objective = new LinearExpression();
            var balance = new Constraint[3];
            var x = new Variable[3][];
            var y = new Variable[3][];
            for (var t = 0; t < 3; t++)
            {
                var row = new LinearExpression();
                x[t] = new Variable[offers[t].Length];
                for (var o = 0; o < offers[t].Length; o++)
                {
                    x[t][o] = model.AddVariable(0, offers[t][o].Item2, $"offer {t + 1}.{o + 1}");
                    objective.Add(x[t][o], offers[t][o].Item1);
                    row.Add(x[t][o], orientation);
                }

                y[t] = new Variable[bids[t].Length];
                for (var b = 0; b < bids[t].Length; b++)
                {
                    y[t][b] = model.AddVariable(0, bids[t][b].Item2, $"bid {t + 1}.{b + 1}");
                    objective.Add(y[t][b], -bids[t][b].Item1);
                    row.Add(y[t][b], -orientation);
                }

                balance[t] = model.AddEquality(row, 0, $"balance {t + 1}");
            }

            model.SetObjective(objective);
            return new PoolClearing { Model = model, Balance = balance, Offers = x, Bids = y, OfferData = offers, BidData = bids };
        }

        public double Welfare(Solution s, int t)
        {
            var w = 0.0;
            for (var b = 0; b < Bids[t].Length; b++)
            {
                w += BidData[t][b].Price * s.Value(Bids[t][b]);
            }

            for (var o = 0; o < Offers[t].Length; o++)
            {
                w -= OfferData[t][o].Price * s.Value(Offers[t][o]);
            }

            return w;
        }
    }

    /// <summary>docs/formulations.md (DC OPF example): three buses, x = 0.1 pu lines, line 1–3 limited to 80 MW, B-θ form on a 100 MVA base.</summary>
    private sealed class DcOpf
    {
        public const double LimitMw = 80;
        public const double BaseMva = 100;
        public static readonly double[] DemandMw = [0, 0, 150];

        public required OptimizationModel Model { get; init; }

        public required Variable G1 { get; init; }

        public required Variable G2 { get; init; }

        public required Variable[] Flows { get; init; }

        public required Constraint[] Balance { get; init; }

        public required Constraint LineLimit { get; init; }

        public static DcOpf Build()
        {
            var model = new OptimizationModel("DC OPF §2");
            var g1 = model.AddVariable(0, 200, "g1");
            var g2 = model.AddVariable(0, 200, "g2");
            Variable[] theta =
            [
                model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "θ1"),
                model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, "θ2"),
                model.AddVariable(0, 0, "θ3 (reference)"),
            ];
            (int From, int To)[] lines = [(0, 1), (0, 2), (1, 2)];
            var flows = new Variable[3];
            for (var l = 0; l < 3; l++)
            {
                flows[l] = model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"f{lines[l].From + 1}{lines[l].To + 1}");

                // f = (base / x)(θ_from − θ_to), in MW with angles in radians.
                var definition = new LinearExpression().Add(flows[l], 1).Add(theta[lines[l].From], -BaseMva / 0.1).Add(theta[lines[l].To], BaseMva / 0.1);
                model.AddEquality(definition, 0, $"flow {l}");
            }

            // Nodal balance: generation − outflow = demand, so the dual is +∂cost/∂demand (the LMP).
            var balance = new Constraint[3];
            var generation = new Variable?[] { g1, g2, null };
            for (var i = 0; i < 3; i++)
            {
                var row = new LinearExpression();
                if (generation[i] is { } g)
                {
                    row.Add(g, 1);
                }

                for (var l = 0; l < 3; l++)
                {
                    if (lines[l].From == i)
                    {
                        row.Add(flows[l], -1);
                    }
                    else if (lines[l].To == i)
                    {
                        row.Add(flows[l], +1);
                    }
                }

                balance[i] = model.AddEquality(row, DemandMw[i], $"balance bus {i + 1}");
            }

            var limit = model.AddConstraint(flows[1], -LimitMw, LimitMw, "limit 1–3");
            model.SetObjective(new LinearExpression().Add(g1, 10).Add(g2, 30));
            return new DcOpf { Model = model, G1 = g1, G2 = g2, Flows = flows, Balance = balance, LineLimit = limit };
        }
    }
}
