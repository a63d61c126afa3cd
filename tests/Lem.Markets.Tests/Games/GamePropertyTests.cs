using Lem.Testing;
using FsCheck.Xunit;
using Lem.Markets.Games;

namespace Lem.Markets.Tests.Games;

/// <summary>
/// Random linear Cournot games (FsCheck, fixed replay seed): the potential QP, Gauss–Seidel best response and Lemke's
/// LCP find the same equilibrium, every one passes the best-response check, and without strategic players the
/// equilibrium is the competitive optimum computed by an independent merit-order reference.
/// </summary>
public sealed class GamePropertyTests
{
    private const double Tol = 1e-6;

    [Property(MaxTest = 40, Replay = "(20261207,1)")]
    public void ThreeMethodsAgree_AndPassTheBestResponseCheck(int seed)
    {
        var game = RandomGame(seed, sharedAcrossPlayers: false);
        var results = EquilibriumMethods.Names.Select(name => EquilibriumMethods.ByName(name).Solve(game, EquilibriumOptions.Default)).ToList();

        foreach (var r in results)
        {
            Assert.True(r.Converged, $"{r.Method}: {r.Message}");
            Assert.True(game.Infeasibility(r.ValuesKw) <= 1e-7, $"{r.Method} infeasible");
            var certificate = EquilibriumCertificate.Check(game, r.ValuesKw);
            Assert.True(certificate.MaxGainEur <= Tol, $"seed {seed} {r.Method}: {certificate.MaxGainPlayer} gains {certificate.MaxGainEur}");
        }

        for (var j = 0; j < game.Variables.Count; j++)
        {
            Assert.True(Math.Abs(results[0].ValuesKw[j] - results[1].ValuesKw[j]) <= Tol, $"seed {seed} {game.Variables[j].Name}: potential {results[0].ValuesKw[j]} best response {results[1].ValuesKw[j]}");
            Assert.True(Math.Abs(results[0].ValuesKw[j] - results[2].ValuesKw[j]) <= Tol, $"seed {seed} {game.Variables[j].Name}: potential {results[0].ValuesKw[j]} lcp {results[2].ValuesKw[j]}");
        }
    }

    [Property(MaxTest = 30, Replay = "(20261207,3)")]
    public void PotentialAndLcp_AgreeOnTheVariationalEquilibrium_WithSharedRows(int seed)
    {
        var game = RandomGame(seed, sharedAcrossPlayers: true);
        var potential = new PotentialGameMethod().Solve(game, EquilibriumOptions.Default);
        var lcp = new LcpMethod().Solve(game, EquilibriumOptions.Default);

        Assert.True(lcp.Converged, lcp.Message);
        for (var j = 0; j < game.Variables.Count; j++)
        {
            Assert.True(Math.Abs(potential.ValuesKw[j] - lcp.ValuesKw[j]) <= Tol, $"seed {seed} {game.Variables[j].Name}: {potential.ValuesKw[j]} vs {lcp.ValuesKw[j]}");
        }

        for (var r = 0; r < game.Rows.Count; r++)
        {
            Assert.True(Math.Abs(potential.RowMultipliers[r] - lcp.RowMultipliers[r]) <= 1e-5, $"seed {seed} row {game.Rows[r].Name}: {potential.RowMultipliers[r]} vs {lcp.RowMultipliers[r]}");
        }

        Assert.True(EquilibriumCertificate.Check(game, potential.ValuesKw).MaxGainEur <= Tol);
    }

    [Property(MaxTest = 40, Replay = "(20261207,5)")]
    public void WithoutStrategicPlayers_TheEquilibriumIsTheCompetitiveMeritOrder(int seed)
    {
        var game = RandomGame(seed, sharedAcrossPlayers: false, rows: false).WithStrategic(_ => false);
        foreach (var name in EquilibriumMethods.Names)
        {
            var r = EquilibriumMethods.ByName(name).Solve(game, EquilibriumOptions.Default);
            var reference = MeritOrderReference(game);
            for (var j = 0; j < game.Variables.Count; j++)
            {
                Assert.True(Math.Abs(reference[j] - r.ValuesKw[j]) <= Tol, $"seed {seed} {name} {game.Variables[j].Name}: reference {reference[j]} vs {r.ValuesKw[j]}");
            }
        }
    }

    /// <summary>
    /// The competitive outcome by bisection on the price (an independent reference): each price taker supplies
    /// clamp((P − c)/d) (all-or-nothing when d = 0), and P = a − b·Q(P) is found by bisection.
    /// </summary>
    private static double[] MeritOrderReference(CournotGame game)
    {
        var y = new double[game.Variables.Count];
        for (var t = 0; t < game.SlotCount; t++)
        {
            var slot = Enumerable.Range(0, game.Variables.Count).Where(j => game.Variables[j].Slot == t).ToList();
            double Supply(double price, int j)
            {
                var v = game.Variables[j];
                return v.QuadraticCostEurPerMwhPerKw > 0 ? Math.Clamp((price - v.LinearCostEurPerMwh) / v.QuadraticCostEurPerMwhPerKw, v.LowerKw, v.UpperKw) : price > v.LinearCostEurPerMwh ? v.UpperKw : v.LowerKw;
            }

            double lo = -1e6, hi = 1e6;
            for (var k = 0; k < 200; k++)
            {
                var mid = 0.5 * (lo + hi);
                var q = slot.Sum(j => Supply(mid, j));
                if (mid > game.InterceptEurPerMwh[t] - (game.SlopeEurPerMwhPerKw[t] * q))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            var price = 0.5 * (lo + hi);

            // A player at its marginal cost (d = 0) supplies whatever clears the slot at that price.
            var total = (game.InterceptEurPerMwh[t] - price) / game.SlopeEurPerMwhPerKw[t];
            var marginal = slot.Where(j => game.Variables[j].QuadraticCostEurPerMwhPerKw == 0 && Math.Abs(game.Variables[j].LinearCostEurPerMwh - price) < 1e-6).ToList();
            foreach (var j in slot.Except(marginal))
            {
                y[j] = Supply(price, j);
            }

            var rest = total - slot.Except(marginal).Sum(j => y[j]);
            foreach (var j in marginal)
            {
                y[j] = Math.Clamp(rest / marginal.Count, game.Variables[j].LowerKw, game.Variables[j].UpperKw);
            }
        }

        return y;
    }

    private static CournotGame RandomGame(int seed, bool sharedAcrossPlayers, bool rows = true)
    {
        var random = new Random(seed);
        var playerCount = random.Next(2, 6);
        var slots = random.Next(1, 4);
        var players = Enumerable.Range(0, playerCount).Select(i => new GamePlayer($"p{i}", random.NextDouble() < 0.7)).ToList();
        var variables = new List<GameVariable>();
        for (var i = 0; i < playerCount; i++)
        {
            for (var t = 0; t < slots; t++)
            {
                // Distinct costs per player avoid the volume indeterminacy of equal constant marginal costs.
                variables.Add(new GameVariable(i, t, 1, Math.Round(random.NextDouble() * 60, 3) + i, Math.Round(random.NextDouble() * 0.5, 3) + 0.01, 0, 10 + Math.Round(random.NextDouble() * 190), $"p{i}.q[{t}]"));
            }
        }

        var gameRows = new List<GameRow>();
        if (rows && random.NextDouble() < 0.7)
        {
            if (sharedAcrossPlayers)
            {
                var members = Enumerable.Range(0, variables.Count).Where(j => variables[j].Slot == 0 && random.NextDouble() < 0.7).DefaultIfEmpty(0).ToList();
                gameRows.Add(new GameRow("line", members, [.. members.Select(_ => 0.5 + random.NextDouble())], 5 + (random.NextDouble() * 60), Shared: true));
            }
            else
            {
                var j = random.Next(variables.Count);
                gameRows.Add(new GameRow("line", [j], [1.0], 5 + (random.NextDouble() * 60), Shared: true));
            }
        }

        var a = Enumerable.Range(0, slots).Select(_ => 80 + Math.Round(random.NextDouble() * 120, 2)).ToArray();
        var b = Enumerable.Range(0, slots).Select(_ => 0.1 + Math.Round(random.NextDouble() * 1.5, 3)).ToArray();
        return new CournotGame(0.25 + (random.Next(4) * 0.25), a, b, players, variables, gameRows);
    }
}
