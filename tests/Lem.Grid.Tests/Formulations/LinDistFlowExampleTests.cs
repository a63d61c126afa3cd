using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Grid.Opf;
using Lem.Optimization;
using Lem.Testing;

namespace Lem.Grid.Tests.Formulations;

/// <summary>docs/formulations.md#lindistflow: LinDistFlow on the 3-bus feeder, cases A (voltage) and B (congestion), and the DLMP decomposition.</summary>
public sealed class LinDistFlowExampleTests
{
    [Fact]
    public void CaseAVoltageLimitGivesTheWorkedDispatchAndDlmps()
    {
        var result = OptimalPowerFlow.Solve(LinDistFlowExampleNetworks.Feeder(vmMinPu: 0.95), new LinDistFlowFormulation());

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(96.833333, result.ObjectivePerHour, 1e-5, what: "cost");
        Approx.Equal(0.841667, result.Generators.Single(g => g.Id == "der").PMw, 1e-6, what: "DER output");
        Approx.Equal(1.158333, result.Branches[0].PFromMw, 1e-6, what: "P01");
        var slot = Assert.IsType<LinDistFlowSlot>(result.Slot);
        var v = slot.SquaredVoltages.Select(result.Solution.Value).ToArray();
        Approx.Equal(0.948833, v[1], 1e-6, what: "v1");
        Approx.Equal(0.9025, v[2], 1e-9, what: "v2");
        Approx.Equal(Math.Sqrt(0.9025), result.Buses[2].VmPu!.Value, 1e-9, what: "|V2|");

        // μ^{v−}_2 = 20/(2R22) = 333.33 (∂cost/∂(lower bound) > 0).
        Approx.Equal(20 / 0.06, result.Solution.Dual(slot.VoltageLimits[2]!.Value), 1e-5, what: "voltage dual");
        Approx.Equal(40, result.Buses[0].LmpPerMwh, 1e-6);
        Approx.Equal(46.666667, result.Buses[1].LmpPerMwh, 1e-5);
        Approx.Equal(60, result.Buses[2].LmpPerMwh, 1e-6);
        var q = slot.ReactivePrices(result.Solution);
        Approx.Equal(13.333333, q[1], 1e-5, what: "DLMP^Q 1");
        Approx.Equal(40, q[2], 1e-5, what: "DLMP^Q 2");

        var fromDuals = slot.DlmpFromDuals(result.Solution);
        var fromSensitivities = slot.DlmpFromSensitivities(result.Solution);
        AssertSame(fromDuals, fromSensitivities, result.Buses.Select(b => b.LmpPerMwh).ToArray());
        Approx.Equal(40, fromDuals[2].EnergyEurPerMwh, 1e-6);
        Approx.Equal(6.666667, fromDuals[1].VoltageEurPerMwh, 1e-5);
        Approx.Equal(20, fromDuals[2].VoltageEurPerMwh, 1e-5);
        Assert.All(fromDuals, d => Approx.Equal(0, d.CongestionEurPerMwh, 1e-9));
        Assert.All(fromDuals, d => Approx.Equal(0, d.LossEurPerMwh, 1e-9));
    }

    [Fact]
    public void CaseBCongestionGivesTheWorkedDispatchAndDlmps()
    {
        var network = LinDistFlowExampleNetworks.Feeder(vmMinPu: Math.Sqrt(0.80), ratingMva01: 1.5);
        var result = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation(LinDistFlowThermalLimit.ActivePower));

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(90, result.ObjectivePerHour, 1e-6, what: "cost");
        Approx.Equal(0.5, result.Generators.Single(g => g.Id == "der").PMw, 1e-6, what: "DER output");
        Approx.Equal(1.5, result.Branches[0].PFromMw, 1e-9, what: "P01");
        Approx.Equal(40, result.Buses[0].LmpPerMwh, 1e-6);
        Approx.Equal(60, result.Buses[1].LmpPerMwh, 1e-6);
        Approx.Equal(60, result.Buses[2].LmpPerMwh, 1e-6);

        var slot = (LinDistFlowSlot)result.Slot;
        var row = Assert.Single(slot.ThermalRows);
        Approx.Equal(-20, result.Solution.Dual(row.Constraint), 1e-6, what: "μ01 (as ∂cost/∂rating)");
        var fromDuals = slot.DlmpFromDuals(result.Solution);
        AssertSame(fromDuals, slot.DlmpFromSensitivities(result.Solution), result.Buses.Select(b => b.LmpPerMwh).ToArray());
        Approx.Equal(20, fromDuals[1].CongestionEurPerMwh, 1e-6);
        Approx.Equal(20, fromDuals[2].CongestionEurPerMwh, 1e-6);
        Assert.All(fromDuals, d => Approx.Equal(0, d.VoltageEurPerMwh, 1e-9));
    }

    [Fact]
    public void CaseBWithThePolygonGivesTheSamePrices()
    {
        // A rating whose 12-gon face (normal 30°) passes through (P, Q) = (1.5, 0.7): S·cos 15° = 1.5 cos 30° + 0.7 sin 30°.
        var rating = ((1.5 * Math.Cos(Math.PI / 6)) + (0.7 * Math.Sin(Math.PI / 6))) / Math.Cos(Math.PI / 12);
        var network = LinDistFlowExampleNetworks.Feeder(vmMinPu: Math.Sqrt(0.80), ratingMva01: rating);
        var result = OptimalPowerFlow.Solve(network, new LinDistFlowFormulation(LinDistFlowThermalLimit.Polygon, 12));

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Approx.Equal(0.5, result.Generators.Single(g => g.Id == "der").PMw, 1e-6, what: "DER output");
        Approx.Equal(60, result.Buses[1].LmpPerMwh, 1e-6);
        Approx.Equal(60, result.Buses[2].LmpPerMwh, 1e-6);
        var slot = (LinDistFlowSlot)result.Slot;
        Assert.Equal(6, slot.ThermalRows.Count);
        var fromDuals = slot.DlmpFromDuals(result.Solution);
        AssertSame(fromDuals, slot.DlmpFromSensitivities(result.Solution), result.Buses.Select(b => b.LmpPerMwh).ToArray());
        Approx.Equal(20, fromDuals[2].CongestionEurPerMwh, 1e-6);
    }

    [Fact]
    public void PathSensitivitiesAreTwiceTheCommonPathImpedance()
    {
        var index = NetworkIndex.Build(LinDistFlowExampleNetworks.Feeder(0.95));
        var sensitivities = new LinDistFlowSensitivities(DistributionFeeder.Build(index));
        double[,] r = { { 0, 0, 0 }, { 0, 0.01, 0.01 }, { 0, 0.01, 0.03 } };
        double[,] x = { { 0, 0, 0 }, { 0, 0.02, 0.02 }, { 0, 0.02, 0.06 } };
        for (var i = 0; i < 3; i++)
        {
            var p = sensitivities.Of(i);
            var q = sensitivities.Of(i, reactive: true);
            Approx.Equal(-1, p.SlackP, 1e-12);
            Approx.Equal(0, p.SlackQ, 1e-12);
            Approx.Equal(-1, q.SlackQ, 1e-12);
            for (var j = 0; j < 3; j++)
            {
                Approx.Equal(2 * r[i, j], p.SquaredVoltage[j], 1e-12, what: $"dv{j}/dp{i}");
                Approx.Equal(2 * x[i, j], q.SquaredVoltage[j], 1e-12, what: $"dv{j}/dq{i}");
            }

            // Flows on the path to i fall by the injection.
            Approx.Equal(i >= 1 ? -1 : 0, p.BranchP[0], 1e-12);
            Approx.Equal(i >= 2 ? -1 : 0, p.BranchP[1], 1e-12);
        }
    }

    [Fact]
    public void RefusesMeshedNetworksAndSeveralSlacks()
    {
        var formulation = new LinDistFlowFormulation();
        var meshed = formulation.CannotRepresent(NetworkIndex.Build(LinDistFlowExampleNetworks.Meshed3()));
        Assert.NotNull(meshed);
        Assert.Contains("meshed", meshed, StringComparison.Ordinal);

        var feeder = LinDistFlowExampleNetworks.Feeder(0.95);
        var twoSlacks = feeder with { Buses = [.. feeder.Buses.Select(b => b.Id.Value == "2" ? b with { Type = Network.BusType.Slack } : b)] };
        var several = formulation.CannotRepresent(NetworkIndex.Build(twoSlacks));
        Assert.NotNull(several);
        Assert.Contains("2 slack buses", several, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => OptimalPowerFlow.Solve(twoSlacks, formulation));
    }

    internal static void AssertSame(IReadOnlyList<DlmpDecomposition> fromDuals, IReadOnlyList<DlmpDecomposition> fromSensitivities, double[] lmp, double tolerance = 1e-6)
    {
        Assert.Equal(fromDuals.Count, fromSensitivities.Count);
        for (var i = 0; i < fromDuals.Count; i++)
        {
            var a = fromDuals[i];
            var b = fromSensitivities[i];
            var scale = Math.Max(1.0, Math.Abs(lmp[i]));
            Assert.Equal(a.Bus, b.Bus);
            Approx.Equal(lmp[i], a.TotalEurPerMwh, tolerance * scale, what: $"total from duals at {a.Bus}");
            Approx.Equal(lmp[i], b.TotalEurPerMwh, tolerance * scale, what: $"total from sensitivities at {a.Bus}");
            Approx.Equal(a.EnergyEurPerMwh, b.EnergyEurPerMwh, tolerance * scale, what: $"energy at {a.Bus}");
            Approx.Equal(a.LossEurPerMwh, b.LossEurPerMwh, tolerance * scale, what: $"loss at {a.Bus}");
            Approx.Equal(a.CongestionEurPerMwh, b.CongestionEurPerMwh, tolerance * scale, what: $"congestion at {a.Bus}");
            Approx.Equal(a.VoltageEurPerMwh, b.VoltageEurPerMwh, tolerance * scale, what: $"voltage at {a.Bus}");
        }
    }
}
