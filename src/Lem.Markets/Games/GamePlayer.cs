namespace Lem.Markets.Games;

/// <summary>A player of a <see cref="CournotGame"/> (docs/games.md#the-game).</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Strategic">Whether the player anticipates its effect on the price (Cournot) or takes the price as given.</param>
/// <param name="Bus">The solver bus the player injects at, or −1 in a copper-plate game.</param>
public sealed record GamePlayer(string Id, bool Strategic, int Bus = -1);
