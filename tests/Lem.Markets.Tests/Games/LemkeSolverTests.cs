using Lem.Testing;
using Lem.Markets.Games;

namespace Lem.Markets.Tests.Games;

/// <summary>Lemke's algorithm against hand-solved LCPs and its ray termination.</summary>
public sealed class LemkeSolverTests
{
    [Fact]
    public void SolvesATwoByTwoLcp_WithBothVariablesPositive()
    {
        // M = [[2,1],[1,2]], q = (−5, −6): w = 0 gives 2z1 + z2 = 5, z1 + 2z2 = 6 → z = (4/3, 7/3).
        var r = LemkeSolver.Solve(new double[,] { { 2, 1 }, { 1, 2 } }, [-5, -6]);

        Assert.Equal(LcpStatus.Solved, r.Status);
        Approx.Equal(4.0 / 3.0, r.Z[0], 1e-12);
        Approx.Equal(7.0 / 3.0, r.Z[1], 1e-12);
        Approx.Equal(0, r.W[0], 1e-12);
    }

    [Fact]
    public void SolvesAnLcpWithOneVariableAtZero()
    {
        // M = I, q = (−1, 2): z = (1, 0), w = (0, 2).
        var r = LemkeSolver.Solve(new double[,] { { 1, 0 }, { 0, 1 } }, [-1, 2]);

        Assert.Equal(LcpStatus.Solved, r.Status);
        Approx.Equal(1, r.Z[0], 1e-12);
        Approx.Equal(0, r.Z[1], 1e-12);
        Approx.Equal(2, r.W[1], 1e-12);
    }

    [Fact]
    public void ReportsRayTermination_OnAnInfeasibleLcp()
    {
        // w = −z − 1 ≥ 0 has no solution with z ≥ 0.
        var r = LemkeSolver.Solve(new double[,] { { -1 } }, [-1]);

        Assert.Equal(LcpStatus.RayTermination, r.Status);
        Assert.Contains("secondary ray", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LcpMethod_ReportsRayTermination_OnAGameWithInfeasibleRows()
    {
        // y ≤ 10 and −y ≤ −20 (y ≥ 20) cannot both hold.
        var game = new CournotGame(1.0, [100.0], [1.0], [new GamePlayer("a", true)], [new GameVariable(0, 0, 1, 0, 0, 0, 50, "a.q")],
            [new GameRow("cap", [0], [1.0], 10, false), new GameRow("floor", [0], [-1.0], -20, false)]);

        var r = new LcpMethod().Solve(game, EquilibriumOptions.Default);

        Assert.False(r.Converged);
        Assert.Contains("secondary ray", r.Message, StringComparison.Ordinal);
    }
}
