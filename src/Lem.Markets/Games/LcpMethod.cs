namespace Lem.Markets.Games;

/// <summary>
/// <c>lcp</c>: the equilibrium's KKT conditions as one linear complementarity problem solved by Lemke's algorithm
/// (Hobbs 2001; Gabriel et al. 2013). With x = y − lower, upper-bound multipliers β and one multiplier λ_r per row
/// (shared rows: one common multiplier, the variational equilibrium):
/// F_j = c_j + d_j·y_j − e_j·(a_t − b_t·Q_t) + [i strategic]·b_t·e_j·q_it + β_j + Σ_r G_rj·λ_r ⊥ x_j ≥ 0,
/// upper_j − y_j ⊥ β_j ≥ 0, h_r − G_r·y ⊥ λ_r ≥ 0 (docs/games.md#solution-methods).
/// </summary>
public sealed class LcpMethod : IEquilibriumMethod
{
    /// <inheritdoc/>
    public string Name => "lcp";

    /// <inheritdoc/>
    public string Description => "the KKT system as a linear complementarity problem, Lemke's algorithm (dense, for small games)";

    /// <summary>The LCP size of a game: variables, upper bounds and rows.</summary>
    public static int Size(CournotGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return (2 * game.Variables.Count) + game.Rows.Count;
    }

    /// <inheritdoc/>
    public string? CannotSolve(CournotGame game, EquilibriumOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var size = Size(game);
        return size > options.MaxLcpSize ? $"its LCP has {size} variables, more than the dense Lemke tableau's limit of {options.MaxLcpSize}; use --method potential or fewer strategic players and slots" : null;
    }

    /// <inheritdoc/>
    public GameEquilibrium Solve(CournotGame game, EquilibriumOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(options);
        var nv = game.Variables.Count;
        var nr = game.Rows.Count;
        var n = (2 * nv) + nr;
        var m = new double[n, n];
        var q = new double[n];
        var lower = game.Variables.Select(v => v.LowerKw).ToArray();
        var totalAtLower = game.TotalKw(lower);
        var ownAtLower = Enumerable.Range(0, game.Players.Count).Select(i => game.InjectionKw(i, lower)).ToArray();
        for (var j = 0; j < nv; j++)
        {
            var v = game.Variables[j];
            var b = game.SlopeEurPerMwhPerKw[v.Slot];
            var strategic = game.Players[v.Player].Strategic;
            m[j, j] += v.QuadraticCostEurPerMwhPerKw;
            for (var k = 0; k < nv; k++)
            {
                var u = game.Variables[k];
                if (u.Slot != v.Slot)
                {
                    continue;
                }

                m[j, k] += b * v.InjectionCoefficient * u.InjectionCoefficient;
                if (strategic && u.Player == v.Player)
                {
                    m[j, k] += b * v.InjectionCoefficient * u.InjectionCoefficient;
                }
            }

            q[j] = v.LinearCostEurPerMwh + (v.QuadraticCostEurPerMwhPerKw * v.LowerKw) - (v.InjectionCoefficient * (game.InterceptEurPerMwh[v.Slot] - (b * totalAtLower[v.Slot])))
                + (strategic ? b * v.InjectionCoefficient * ownAtLower[v.Player][v.Slot] : 0.0);

            // The upper bound: β_j in the stationarity row, upper − lower − x_j as its complement.
            m[j, nv + j] = 1.0;
            m[nv + j, j] = -1.0;
            q[nv + j] = v.UpperKw - v.LowerKw;
        }

        for (var r = 0; r < nr; r++)
        {
            var row = game.Rows[r];
            var at = (2 * nv) + r;
            q[at] = row.Upper - CournotGame.RowValue(row, lower);
            for (var k = 0; k < row.Variables.Count; k++)
            {
                var j = row.Variables[k];
                m[j, at] += row.Coefficients[k];
                m[at, j] -= row.Coefficients[k];
            }
        }

        var result = LemkeSolver.Solve(m, q, options.MaxPivots);
        var values = Enumerable.Range(0, nv).Select(j => Math.Clamp(lower[j] + result.Z[j], game.Variables[j].LowerKw, game.Variables[j].UpperKw)).ToArray();
        var multipliers = Enumerable.Range(0, nr).Select(r => result.Z[(2 * nv) + r]).ToArray();
        return new GameEquilibrium(Name, result.Status == LcpStatus.Solved, values, multipliers, result.Pivots, result.Message);
    }
}
