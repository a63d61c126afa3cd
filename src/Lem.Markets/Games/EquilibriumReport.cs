namespace Lem.Markets.Games;

/// <summary>
/// An equilibrium with its figures (docs/games.md#output-of-lem-equilibrium): prices, each player's injection and profit, the consumers'
/// surplus, welfare, the competitive optimum on the same game (every player a price taker: the pool) and the price of
/// anarchy, and the best-response certificate.
/// </summary>
/// <param name="Game">The game.</param>
/// <param name="Equilibrium">What the method found.</param>
/// <param name="PricesEurPerMwh">The price per slot.</param>
/// <param name="InjectionKw">Each player's injection per slot.</param>
/// <param name="ProfitsEur">Each player's profit.</param>
/// <param name="ConsumerSurplusEur">The consumers' surplus.</param>
/// <param name="WelfareEur">Welfare: consumer surplus plus profits.</param>
/// <param name="Competitive">The competitive optimum (all players price takers).</param>
/// <param name="CompetitiveWelfareEur">Its welfare.</param>
/// <param name="CompetitivePricesEurPerMwh">Its prices.</param>
/// <param name="PriceOfAnarchy">Competitive welfare over equilibrium welfare (1 without market power; NaN when the equilibrium welfare is not positive).</param>
/// <param name="Certificate">The best-response check.</param>
public sealed record EquilibriumReport(
    CournotGame Game,
    GameEquilibrium Equilibrium,
    IReadOnlyList<double> PricesEurPerMwh,
    IReadOnlyList<IReadOnlyList<double>> InjectionKw,
    IReadOnlyList<double> ProfitsEur,
    double ConsumerSurplusEur,
    double WelfareEur,
    IReadOnlyList<double> Competitive,
    double CompetitiveWelfareEur,
    IReadOnlyList<double> CompetitivePricesEurPerMwh,
    double PriceOfAnarchy,
    EquilibriumCertificate Certificate)
{
    /// <summary>Solves the game with a registered method and computes the figures.</summary>
    public static EquilibriumReport Compute(CournotGame game, IEquilibriumMethod method, EquilibriumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(method);
        var equilibrium = method.Solve(game, options ?? EquilibriumOptions.Default);
        var y = equilibrium.ValuesKw;
        var competitive = Competitively(game);
        var welfare = game.WelfareEur(y);
        var competitiveWelfare = game.WelfareEur(competitive);
        return new EquilibriumReport(
            game,
            equilibrium,
            game.PricesEurPerMwh(y),
            [.. Enumerable.Range(0, game.Players.Count).Select(i => (IReadOnlyList<double>)game.InjectionKw(i, y))],
            [.. Enumerable.Range(0, game.Players.Count).Select(i => game.ProfitEur(i, y))],
            game.ConsumerSurplusEur(y),
            welfare,
            competitive,
            competitiveWelfare,
            game.PricesEurPerMwh(competitive),
            welfare > 0 ? competitiveWelfare / welfare : double.NaN,
            EquilibriumCertificate.Check(game, y));
    }

    /// <summary>The welfare maximum of the game: every player a price taker (the pool's competitive outcome on the same demand).</summary>
    public static double[] Competitively(CournotGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        var start = game.Variables.Select(v => Math.Clamp(0.0, v.LowerKw, v.UpperKw)).ToArray();
        return GameQp.Solve(game, start, _ => true, GameQpMode.Competitive).Values;
    }
}
