namespace Lem.Markets.Games;

/// <summary>
/// The best-response check of an equilibrium (docs/games.md#certificate): for every player, what it would gain by
/// replacing its own variables by its best response to the others' (others fixed, shared rows with the room they leave).
/// A strategic player's deviation moves the price; a price-taking player's deviation is checked at the fixed prices.
/// </summary>
/// <param name="GainsEur">The gain of each player, EUR (≥ 0 up to rounding).</param>
/// <param name="MaxGainEur">The largest gain, EUR.</param>
/// <param name="MaxGainPlayer">The player with the largest gain, or null without players.</param>
public sealed record EquilibriumCertificate(IReadOnlyList<double> GainsEur, double MaxGainEur, string? MaxGainPlayer)
{
    /// <summary>Checks every player's best response at <paramref name="valuesKw"/>.</summary>
    public static EquilibriumCertificate Check(CournotGame game, IReadOnlyList<double> valuesKw)
    {
        ArgumentNullException.ThrowIfNull(game);
        ArgumentNullException.ThrowIfNull(valuesKw);
        var prices = game.PricesEurPerMwh(valuesKw);
        var gains = new double[game.Players.Count];
        for (var i = 0; i < game.Players.Count; i++)
        {
            var player = i;
            if (game.Players[i].Strategic)
            {
                var best = GameQp.Solve(game, valuesKw, p => p == player, GameQpMode.Potential).Values;
                gains[i] = game.ProfitEur(i, best) - game.ProfitEur(i, valuesKw);
            }
            else
            {
                var best = GameQp.Solve(game, valuesKw, p => p == player, GameQpMode.FixedPrice).Values;
                gains[i] = ProfitAtPrices(game, i, best, prices) - ProfitAtPrices(game, i, valuesKw, prices);
            }
        }

        var worst = gains.Length == 0 ? -1 : Array.IndexOf(gains, gains.Max());
        return new EquilibriumCertificate(gains, worst < 0 ? 0.0 : gains[worst], worst < 0 ? null : game.Players[worst].Id);
    }

    private static double ProfitAtPrices(CournotGame game, int player, IReadOnlyList<double> y, double[] prices)
    {
        var profit = 0.0;
        foreach (var j in game.VariablesOf(player))
        {
            var v = game.Variables[j];
            profit += (prices[v.Slot] * v.InjectionCoefficient * y[j]) - (v.LinearCostEurPerMwh * y[j]) - (0.5 * v.QuadraticCostEurPerMwhPerKw * y[j] * y[j]);
        }

        return profit * game.SlotHours / 1000.0;
    }
}
