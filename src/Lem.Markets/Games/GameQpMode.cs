namespace Lem.Markets.Games;

/// <summary>Which objective <see cref="GameQp"/> builds for its free players (docs/games.md#solution-methods).</summary>
internal enum GameQpMode
{
    /// <summary>The potential −Φ: strategic players add b/2·q_it² (their best responses together; with all players free, the potential game QP).</summary>
    Potential,

    /// <summary>Everyone takes the price: the welfare maximum (the competitive pool on the same demand).</summary>
    Competitive,

    /// <summary>The free players take the current prices as fixed (a price-taker's deviation check).</summary>
    FixedPrice,
}
