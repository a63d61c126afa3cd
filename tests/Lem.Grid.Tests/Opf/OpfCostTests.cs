using Lem.Grid.Formulations;
using Lem.Grid.Network;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;
using Lem.Grid.Tests.Formulations;

namespace Lem.Grid.Tests.Opf;

/// <summary>Generator cost curves in the OPF: piecewise-linear epigraphs, and clear errors for curves an LP/QP cannot take.</summary>
public sealed class OpfCostTests
{
    private static GridNetwork Uncongested(params GeneratorCost[] costs)
    {
        var network = LinDistFlowExampleNetworks.Meshed3();
        return network with
        {
            Lines = [.. network.Lines.Select(l => l with { RatingMva = null })],
            GeneratorCosts = costs,
        };
    }

    [Fact]
    public void PiecewiseLinearCostIsAnEpigraph()
    {
        // G1: 10/MWh up to 100 MW, then 40/MWh; G2: 30/MWh. G1 runs to its kink, G2 is marginal.
        var network = Uncongested(
            new PiecewiseLinearCost { GeneratorId = "G1", Points = [new CostPoint(0, 0), new CostPoint(100, 1000), new CostPoint(200, 5000)] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] });

        var result = OptimalPowerFlow.Solve(network, new DcFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(100, result.Generators[0].PMw, 1e-6);
        Approx.Equal(50, result.Generators[1].PMw, 1e-6);
        Approx.Equal(2500, result.ObjectivePerHour, 1e-6);
        Approx.Equal(1000, result.Generators[0].CostPerHour, 1e-6);
        Assert.All(result.Buses, b => Approx.Equal(30, b.LmpPerMwh, 1e-6));
    }

    [Fact]
    public void QuadraticAndConstantTermsEnterTheObjective()
    {
        // G1: 0.01 P² + 10 P + 100; G2: 30 P. Marginal cost of G1 reaches 30 at 1000 MW, beyond the load: G1 takes all.
        var network = Uncongested(
            new PolynomialCost { GeneratorId = "G1", Coefficients = [0.01, 10, 100] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] });

        var result = OptimalPowerFlow.Solve(network, new DcFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(150, result.Generators[0].PMw, 1e-5);
        Approx.Equal((0.01 * 150 * 150) + (10 * 150) + 100, result.ObjectivePerHour, 1e-4);
        Assert.All(result.Buses, b => Approx.Equal((2 * 0.01 * 150) + 10, b.LmpPerMwh, 1e-4));
    }

    [Fact]
    public void CubicCostIsRefusedWithAClearMessage()
    {
        var network = Uncongested(
            new PolynomialCost { GeneratorId = "G1", Coefficients = [0.001, 0, 10, 0] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] });

        var error = Assert.Throws<ArgumentException>(() => OptimalPowerFlow.Solve(network, new DcFormulation()));
        Assert.Contains("degree 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("G1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CubicWithZeroLeadingCoefficientIsAQuadratic()
    {
        var network = Uncongested(
            new PolynomialCost { GeneratorId = "G1", Coefficients = [0, 0, 10, 0] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] });

        var result = OptimalPowerFlow.Solve(network, new DcFormulation());
        Approx.Equal(1500, result.ObjectivePerHour, 1e-6);
    }

    [Fact]
    public void NonConvexPiecewiseLinearCostIsRefused()
    {
        var network = Uncongested(
            new PiecewiseLinearCost { GeneratorId = "G1", Points = [new CostPoint(0, 0), new CostPoint(100, 4000), new CostPoint(200, 5000)] },
            new PolynomialCost { GeneratorId = "G2", Coefficients = [30, 0] });

        var error = Assert.Throws<ArgumentException>(() => OptimalPowerFlow.Solve(network, new DcFormulation()));
        Assert.Contains("non-convex", error.Message, StringComparison.Ordinal);
    }
}
