using System.Diagnostics;
using System.Text.Json;
using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Network;
using Lem.Grid.PowerFlow;
using Lem.Optimization;
using Lem.Optimization.Ipopt;
using Lem.Testing;
using Xunit.Abstractions;

namespace Lem.Grid.Tests.Formulations;

public sealed class AcPolarFormulationTests(ITestOutputHelper output)
{
    [Fact]
    public void Case9_ac_opf_matches_matpower_objective_prices_and_voltages()
    {
        var network = TestGrids.Load("matpower", "case9.m");
        var formulation = new AcPolarFormulation { FixSlackVoltageMagnitude = false };
        var watch = Stopwatch.StartNew();
        var opf = AcPolarTestOpf.Build(network, formulation);
        var solution = new IpoptSolver().Solve(opf.Model);
        watch.Stop();
        output.WriteLine($"case9 AC OPF: build + solve {watch.Elapsed.TotalMilliseconds:F1} ms, Ipopt {solution.Seconds * 1000:F1} ms, {solution.Iterations} iterations, f = {solution.Objective:R}");

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        using var expected = JsonDocument.Parse(File.ReadAllText(RepoPaths.Grid("expected", "case9_acopf.json")));
        var root = expected.RootElement;
        Approx.Equal(root.GetProperty("objective_usd_per_h").GetDouble(), solution.Objective, 0, 1e-3, "objective");

        var prices = opf.Slot.ActivePrices(solution);
        var vm = opf.Slot.VoltageMagnitudesPu(solution)!;
        foreach (var bus in root.GetProperty("bus").EnumerateArray())
        {
            var id = bus.GetProperty("bus_i").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var i = opf.Index.IndexOf(new BusId(id));
            Approx.Equal(bus.GetProperty("lam_p_usd_per_MWh").GetDouble(), prices[i], 1e-2, what: $"LMP at bus {id}");
            Approx.Equal(bus.GetProperty("vm_pu").GetDouble(), vm[i], 1e-4, what: $"Vm at bus {id}");
        }

        var gens = root.GetProperty("gen").EnumerateArray().ToArray();
        for (var k = 0; k < gens.Length; k++)
        {
            Approx.Equal(gens[k].GetProperty("pg_mw").GetDouble(), solution.Value(opf.Pg[k]), 1e-2, what: $"Pg of generator {k + 1}");
        }

        var flows = opf.Slot.BranchFlowsMw(solution)!;
        var branches = root.GetProperty("branch").EnumerateArray().ToArray();
        for (var k = 0; k < branches.Length; k++)
        {
            Approx.Equal(branches[k].GetProperty("pf_mw").GetDouble(), flows[k], 1e-2, what: $"Pf of branch {k + 1}");
        }

        // Losses: generation minus load.
        var generation = opf.Pg.Sum(solution.Value);
        Approx.Equal(generation - network.TotalLoadPMw, opf.Slot.LossesMw(solution), 1e-6, what: "losses");
    }

    [Fact]
    public void Case9_price_is_the_derivative_of_the_optimal_cost_with_respect_to_demand()
    {
        var network = TestGrids.Load("matpower", "case9.m");
        var formulation = new AcPolarFormulation { FixSlackVoltageMagnitude = false };
        var opf = AcPolarTestOpf.Build(network, formulation);
        var solver = new IpoptSolver();
        var solution = solver.Solve(opf.Model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        var prices = opf.Slot.ActivePrices(solution);

        const double h = 0.5;
        foreach (var bus in new[] { 4, 6, 8 })
        {
            var up = solver.Solve(AcPolarTestOpf.Build(network, formulation, (bus, h)).Model);
            var down = solver.Solve(AcPolarTestOpf.Build(network, formulation, (bus, -h)).Model);
            Approx.Equal((up.Objective - down.Objective) / (2 * h), prices[bus], 1e-3, what: $"∂f*/∂demand at solver bus {bus}");
        }
    }

    [Fact]
    public void Case33bw_ac_opf_with_fixed_loads_reproduces_the_ac_power_flow()
    {
        var network = TestGrids.Load("matpower", "case33bw.m");
        var opf = AcPolarTestOpf.Build(network, new AcPolarFormulation());
        var solution = new IpoptSolver().Solve(opf.Model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);

        var pf = AcPowerFlow.Run(network);
        Assert.True(pf.Converged);
        var vm = opf.Slot.VoltageMagnitudesPu(solution)!;
        var va = opf.Slot.VoltageAnglesRad(solution);
        for (var i = 0; i < opf.Index.BusCount; i++)
        {
            Approx.Equal(pf.Buses[i].VmPu, vm[i], 1e-6, what: $"Vm at bus {pf.Buses[i].Id}");
            Approx.Equal(pf.Buses[i].VaDegree, va[i] * 180 / Math.PI, 1e-5, what: $"Va at bus {pf.Buses[i].Id}");
        }

        Approx.Equal(pf.LossesMw, opf.Slot.LossesMw(solution), 1e-6, what: "losses");
        Approx.Equal(pf.SlackPMw, solution.Value(opf.Pg[0]), 1e-6, what: "slack P");

        // With a linear cost c·Pg on the only generator every bus price is c times the marginal loss factor ≥ c.
        var prices = opf.Slot.ActivePrices(solution);
        Assert.All(prices, price => Assert.InRange(price, 20 - 1e-6, 40));
    }

    [Fact]
    public void Derivatives_of_every_nonlinear_constraint_match_finite_differences()
    {
        // case9: meshed with line charging and ratings; case39 with a 10° phase shift added to its tapped transformers.
        var case39 = TestGrids.Load("matpower", "case39.m");
        case39 = case39 with { Transformers = [.. case39.Transformers.Select(t => t with { ShiftDegree = 10 })] };
        var index39 = NetworkIndex.Build(case39);
        Assert.Contains(index39.ShiftRad, s => s != 0);
        Assert.Contains(index39.TapRatio, t => t != 1 && t != 0);
        foreach (var network in new[] { TestGrids.Load("matpower", "case9.m"), case39 })
        {
            var opf = AcPolarTestOpf.Build(network, new AcPolarFormulation());
            var random = new Random(7);
            var point = new double[opf.Model.Variables.Count];
            for (var i = 0; i < point.Length; i++)
            {
                point[i] = opf.Model.StartValues.GetValueOrDefault(i) + (0.1 * (random.NextDouble() - 0.5));
            }

            Assert.Contains(opf.Model.NonlinearConstraints, c => c.Name!.StartsWith("rating_to", StringComparison.Ordinal));
            foreach (var constraint in opf.Model.NonlinearConstraints)
            {
                CheckDerivatives(constraint.Function, point, constraint.Name ?? "?");
            }
        }
    }

    [Fact]
    public void A_binding_thermal_limit_holds_and_its_dual_is_the_derivative_of_the_cost()
    {
        // Line 8–9 carries 72 MW at MATPOWER's optimum; limit it to 60 MVA.
        static GridNetwork Limited(double ratingMva)
        {
            var network = TestGrids.Load("matpower", "case9.m");
            return network with { Lines = [.. network.Lines.Select(l => l.FromBus.Value == "8" && l.ToBus.Value == "9" ? l with { RatingMva = ratingMva } : l)] };
        }

        var formulation = new AcPolarFormulation { FixSlackVoltageMagnitude = false };
        var solver = new IpoptSolver();
        var opf = AcPolarTestOpf.Build(Limited(60), formulation);
        var solution = solver.Solve(opf.Model);
        Assert.Equal(SolveStatus.Optimal, solution.Status);
        Assert.True(solution.Objective > 5296.69, "the limit raises the cost");

        var (branch, from, to) = Assert.Single(opf.Slot.RatingLimits, l => opf.Index.BranchIds[l.Branch] == opf.Index.BranchIds[7]);
        var sFrom = opf.Slot.BranchPowersFromMva(solution)[branch].Magnitude;
        var sTo = opf.Slot.BranchPowersToMva(solution)[branch].Magnitude;
        Assert.True(Math.Max(sFrom, sTo) <= 60 + 1e-5, $"|S| = {sFrom}, {sTo} MVA");
        Approx.Equal(60, Math.Max(sFrom, sTo), 1e-4, what: "the limit is active");

        // The duals are ∂f*/∂(rating² in p.u.²): ∂f*/∂rating_MVA = dual · 2·rating / S_base².
        var baseMva = opf.Index.BaseMva;
        var perMva = (solution.Dual(from) + solution.Dual(to)) * 2 * 60 / (baseMva * baseMva);
        Assert.True(perMva < 0, "relaxing the limit lowers the cost");
        const double h = 0.05;
        var fd = (solver.Solve(AcPolarTestOpf.Build(Limited(60 + h), formulation).Model).Objective -
                  solver.Solve(AcPolarTestOpf.Build(Limited(60 - h), formulation).Model).Objective) / (2 * h);
        Approx.Equal(fd, perMva, 1e-3, 1e-3, "∂f*/∂rating");
    }

    [Fact]
    public void Case118_ac_opf_converges()
    {
        var network = TestGrids.Load("matpower", "case118.m");
        var watch = Stopwatch.StartNew();
        var opf = AcPolarTestOpf.Build(network, new AcPolarFormulation { FixSlackVoltageMagnitude = false });
        var solution = new IpoptSolver().Solve(opf.Model);
        watch.Stop();
        output.WriteLine($"case118 AC OPF: build + solve {watch.Elapsed.TotalMilliseconds:F1} ms, Ipopt {solution.Seconds * 1000:F1} ms, {solution.Iterations} iterations, f = {solution.Objective:R}");

        Assert.Equal(SolveStatus.Optimal, solution.Status);

        // MATPOWER's runopf('case118') reports 129660.69 $/h.
        Approx.Equal(129660.69, solution.Objective, 0, 1e-4, "objective");
        var vm = opf.Slot.VoltageMagnitudesPu(solution)!;
        for (var i = 0; i < vm.Length; i++)
        {
            Assert.InRange(vm[i], opf.Index.VmMinPu[i] - 1e-6, opf.Index.VmMaxPu[i] + 1e-6);
        }
    }

    [Fact]
    public void Networks_without_a_slack_cannot_be_represented()
    {
        var network = TestGrids.Load("matpower", "case9.m");
        var noSlack = network with { Buses = [.. network.Buses.Select(b => b.Type == BusType.Slack ? b with { Type = BusType.Pv } : b)] };
        var formulation = new AcPolarFormulation();

        Assert.Null(formulation.CannotRepresent(NetworkIndex.Build(network)));
        Assert.Contains("slack", formulation.CannotRepresent(NetworkIndex.Build(noSlack)), StringComparison.Ordinal);
        Assert.Equal("ac", formulation.Name);
        Assert.True(formulation.HasVoltages);
    }

    private static void CheckDerivatives(INonlinearFunction function, double[] point, string name)
    {
        var n = function.Variables.Count;
        var x = function.Variables.Select(v => point[v.Index]).ToArray();
        var gradient = new double[n];
        function.Gradient(x, gradient);
        const double h = 1e-6;
        var hessian = new double[function.HessianStructure.Count];
        function.AddHessian(x, 1.0, hessian);

        // Dense Hessian from the lower triangle.
        var dense = new double[n, n];
        for (var e = 0; e < hessian.Length; e++)
        {
            var (r, c) = function.HessianStructure[e];
            Assert.True(r >= c, $"{name}: Hessian entry ({r}, {c}) above the diagonal");
            dense[r, c] += hessian[e];
            if (r != c)
            {
                dense[c, r] += hessian[e];
            }
        }

        for (var j = 0; j < n; j++)
        {
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            xp[j] += h;
            xm[j] -= h;
            var fd = (function.Value(xp) - function.Value(xm)) / (2 * h);
            Approx.Equal(fd, gradient[j], 1e-6, 1e-6, $"{name}: ∂f/∂x{j}");

            var gp = new double[n];
            var gm = new double[n];
            function.Gradient(xp, gp);
            function.Gradient(xm, gm);
            for (var i = 0; i < n; i++)
            {
                Approx.Equal((gp[i] - gm[i]) / (2 * h), dense[i, j], 1e-5, 1e-6, $"{name}: ∂²f/∂x{i}∂x{j}");
            }
        }
    }
}
