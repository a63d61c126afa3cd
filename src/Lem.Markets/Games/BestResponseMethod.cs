namespace Lem.Markets.Games;

/// <summary>
/// <c>best-response</c>: Gauss–Seidel diagonalisation. Players in index order replace their variables by their best
/// response to the others' current ones (closed form for a player with one ±1 variable per slot and no rows, else its
/// own QP with the shared rows' room left by the others); sweeps stop when no variable moves more than the tolerance.
/// On a potential game this is block coordinate ascent on the potential and converges. Each shared row's multiplier is
/// read from the players' last best responses; when they differ the point is a generalised Nash equilibrium that is not
/// the variational one, and the message says so (docs/games.md#solution-methods).
/// </summary>
public sealed class BestResponseMethod : IEquilibriumMethod
{
    /// <inheritdoc/>
    public string Name => "best-response";

    /// <inheritdoc/>
    public string Description => "Gauss–Seidel best responses until no player moves (closed form or each player's own QP)";

    /// <inheritdoc/>
    public string? CannotSolve(CournotGame game, EquilibriumOptions options) => null;

    /// <inheritdoc/>
    public GameEquilibrium Solve(CournotGame game, EquilibriumOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        var y = game.Variables.Select(v => Math.Clamp(0.0, v.LowerKw, v.UpperKw)).ToArray();
        var inRow = new bool[game.Variables.Count];
        foreach (var row in game.Rows)
        {
            foreach (var j in row.Variables)
            {
                inRow[j] = true;
            }
        }

        var closedForm = Enumerable.Range(0, game.Players.Count).Select(i =>
            game.VariablesOf(i).All(j => !inRow[j] && Math.Abs(Math.Abs(game.Variables[j].InjectionCoefficient) - 1.0) == 0)
            && game.VariablesOf(i).Select(j => game.Variables[j].Slot).Distinct().Count() == game.VariablesOf(i).Count).ToArray();
        var total = game.TotalKw(y);
        var sweeps = 0;
        var converged = false;
        while (sweeps < options.MaxSweeps)
        {
            sweeps++;
            var moved = 0.0;
            for (var i = 0; i < game.Players.Count; i++)
            {
                var weight = game.Players[i].Strategic ? 2.0 : 1.0;
                if (closedForm[i])
                {
                    foreach (var j in game.VariablesOf(i))
                    {
                        // min (c + d/2·y)·y − (a − b·Q₋ᵢ)·e·y + w·b/2·y² ⇒ y = ((a − b·Q₋ᵢ)·e − c)/(w·b + d), clamped.
                        var v = game.Variables[j];
                        var b = game.SlopeEurPerMwhPerKw[v.Slot];
                        var others = total[v.Slot] - (v.InjectionCoefficient * y[j]);
                        var next = Math.Clamp((((game.InterceptEurPerMwh[v.Slot] - (b * others)) * v.InjectionCoefficient) - v.LinearCostEurPerMwh) / ((weight * b) + v.QuadraticCostEurPerMwhPerKw), v.LowerKw, v.UpperKw);
                        moved = Math.Max(moved, Math.Abs(next - y[j]));
                        total[v.Slot] += v.InjectionCoefficient * (next - y[j]);
                        y[j] = next;
                    }

                    continue;
                }

                var player = i;
                var response = GameQp.Solve(game, y, p => p == player, GameQpMode.Potential).Values;
                foreach (var j in game.VariablesOf(i))
                {
                    moved = Math.Max(moved, Math.Abs(response[j] - y[j]));
                    total[game.Variables[j].Slot] += game.Variables[j].InjectionCoefficient * (response[j] - y[j]);
                    y[j] = response[j];
                }
            }

            if (moved <= options.ToleranceKw)
            {
                converged = true;
                break;
            }
        }

        var (multipliers, message) = Multipliers(game, y);
        if (!converged)
        {
            message = $"Best response did not settle within {options.MaxSweeps} sweeps. " + message;
        }

        return new GameEquilibrium(Name, converged, y, multipliers, sweeps, message);
    }

    /// <summary>Each row's multiplier from the best responses of the players in it; a message when shared rows' multipliers differ between players.</summary>
    private static (double[] Multipliers, string? Message) Multipliers(CournotGame game, double[] y)
    {
        var multipliers = Enumerable.Repeat(double.NaN, game.Rows.Count).ToArray();
        var spread = new double[game.Rows.Count];
        for (var i = 0; i < game.Players.Count; i++)
        {
            var player = i;
            var rows = Enumerable.Range(0, game.Rows.Count).Where(r => game.Rows[r].Variables.Any(j => game.Variables[j].Player == player)).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var own = GameQp.Solve(game, y, p => p == player, GameQpMode.Potential).RowMultipliers;
            foreach (var r in rows)
            {
                if (double.IsNaN(multipliers[r]))
                {
                    multipliers[r] = own[r];
                }
                else
                {
                    spread[r] = Math.Max(spread[r], Math.Abs(own[r] - multipliers[r]));
                    multipliers[r] = Math.Max(multipliers[r], own[r]);
                }
            }
        }

        var differing = Enumerable.Range(0, game.Rows.Count).Where(r => spread[r] > 1e-6).Select(r => game.Rows[r].Name).ToList();
        return (multipliers, differing.Count == 0 ? null : $"The players' multipliers of {string.Join(", ", differing)} differ: a generalised Nash equilibrium, not the variational one (use --method potential or lcp).");
    }
}
