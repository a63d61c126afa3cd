using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary>docs/formulations.md#dc-b-theta: the 3-bus DC OPF with a congested line, through <see cref="DcFormulation"/>.</summary>
public sealed class DcFormulationTests
{
    [Theory]
    [InlineData("3")]
    [InlineData("1")]
    public void ThreeBusExampleHasTheWorkedDispatchPricesAndRent(string slack)
    {
        var result = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Meshed3(slack), new DcFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(2700, result.ObjectivePerHour, 1e-6, what: "cost");
        Approx.Equal(90, result.Generators.Single(g => g.Id == "G1").PMw, 1e-6, what: "g1");
        Approx.Equal(60, result.Generators.Single(g => g.Id == "G2").PMw, 1e-6, what: "g2");
        double[] lmp = [10, 30, 50];
        for (var i = 0; i < 3; i++)
        {
            Approx.Equal(lmp[i], result.Bus(new BusId((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).LmpPerMwh, 1e-6, what: $"LMP {i + 1}");
        }

        double[] flows = [10, 80, 70];
        for (var k = 0; k < 3; k++)
        {
            Approx.Equal(flows[k], result.Branches[k].PFromMw, 1e-6, what: $"flow {result.Branches[k].Id}");
        }

        // μ13 = 60: the dual of the limit is ∂cost/∂(upper bound) = −60.
        var slot = Assert.IsType<DcSlot>(result.Slot);
        var limitPrices = slot.FlowLimitPrices(result.Solution);
        Approx.Equal(-60, limitPrices[1], 1e-6, what: "flow-limit dual of 1–3");
        Assert.Equal(0.0, limitPrices[0]);

        // Congestion rent Σ LMP·(d − g) = Σ μ·F̄ = 4800.
        var rent = (150 * 50) - (90 * 10) - (60 * 30.0);
        var rentFromPrices = (150 * result.Bus(new BusId("3")).LmpPerMwh)
            - (90 * result.Bus(new BusId("1")).LmpPerMwh) - (60 * result.Bus(new BusId("2")).LmpPerMwh);
        Approx.Equal(4800, rent);
        Approx.Equal(4800, rentFromPrices, 1e-5, what: "rent from LMPs");
        Approx.Equal(4800, -limitPrices[1] * 80, 1e-5, what: "μ·F̄");
    }

    [Fact]
    public void LmpsFollowThePtdfFormula()
    {
        // LMP_i = λ_E − Σ_ℓ μ_ℓ·PTDF_ℓi with the PTDF row of line 1–3 = (2/3, 1/3, 0) for reference bus 3.
        var result = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Meshed3(), new DcFormulation());
        var slot = (DcSlot)result.Slot;
        var mu = -slot.FlowLimitPrices(result.Solution)[1];
        var energy = result.Bus(new BusId("3")).LmpPerMwh;
        Approx.Equal(energy - (mu * 2 / 3), result.Bus(new BusId("1")).LmpPerMwh, 1e-6);
        Approx.Equal(energy - (mu * 1 / 3), result.Bus(new BusId("2")).LmpPerMwh, 1e-6);
    }

    [Fact]
    public void ReactiveInjectionsAreIgnoredAndAnglesFollowTheFlows()
    {
        var index = NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3());
        var model = new OptimizationModel("dc");
        var g1 = model.AddVariable(0, 200);
        var g2 = model.AddVariable(0, 200);
        var q = model.AddVariable(-5, 5);
        model.SetObjective(new LinearExpression().Add(g1, 10).Add(g2, 30));
        LinearExpression[] p = [new LinearExpression().Add(g1, 1), new LinearExpression().Add(g2, 1), new LinearExpression().AddConstant(-150)];
        LinearExpression[] qs = [new LinearExpression().Add(q, 1), new LinearExpression(), new LinearExpression().AddConstant(-1000)];
        var slot = new DcFormulation().Prepare(index).AddSlot(model, 0, p, qs);

        var solution = Solvers.For(model).Solve(model);

        Assert.Equal(SolveStatus.Optimal, solution.Status);
        var theta = slot.AnglesRad(solution);
        Assert.Equal(0.0, theta[2]);
        // f13 = (θ1 − θ3)/x = 0.8 p.u.
        Approx.Equal(0.8 * 0.1, theta[0] - theta[2], 1e-9);
        Assert.Null(slot.VoltageMagnitudesPu(solution));
        Assert.Equal(0.0, slot.LossesMw(solution));
    }

    [Fact]
    public void RefusesNetworksWithoutAngleReference()
    {
        var network = LinDistFlowExampleNetworks.Meshed3() with
        {
            Buses = [.. LinDistFlowExampleNetworks.Meshed3().Buses.Select(b => b with { Type = Network.BusType.Pq })],
        };
        var why = new DcFormulation().CannotRepresent(NetworkIndex.Build(network));
        Assert.NotNull(why);
        Assert.Contains("slack", why, StringComparison.Ordinal);
    }
}
