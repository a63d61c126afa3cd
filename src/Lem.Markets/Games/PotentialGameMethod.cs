namespace Lem.Markets.Games;

/// <summary>
/// <c>potential</c>: the equilibrium of a linear-demand game with convex costs maximises the potential
/// Φ = Σ_t [a_t·Q_t − b_t/2·(Σ_{i strategic} q_it² + Q_t²)] − Σ_i cost_i (Monderer &amp; Shapley 1996), one concave QP;
/// the duals of the shared rows are the common multipliers of the variational equilibrium (docs/games.md#solution-methods).
/// </summary>
public sealed class PotentialGameMethod : IEquilibriumMethod
{
    /// <inheritdoc/>
    public string Name => "potential";

    /// <inheritdoc/>
    public string Description => "one concave QP: the potential function of the linear-demand game (HiGHS or Ipopt through Lem.Optimization)";

    /// <inheritdoc/>
    public string? CannotSolve(CournotGame game, EquilibriumOptions options) => null;

    /// <inheritdoc/>
    public GameEquilibrium Solve(CournotGame game, EquilibriumOptions options)
    {
        ArgumentNullException.ThrowIfNull(game);
        var start = game.Variables.Select(v => Math.Clamp(0.0, v.LowerKw, v.UpperKw)).ToArray();
        var result = GameQp.Solve(game, start, _ => true, GameQpMode.Potential);
        return new GameEquilibrium(Name, true, result.Values, result.RowMultipliers, 1, null);
    }
}
