namespace Lem.Markets.Clearing;

/// <summary>
/// What a local market is made of, whatever mechanism clears it: who takes part (with their assets and orders), over
/// which horizon, against which outside market, on which grid. A scenario is a market input plus settlement settings
/// and where it was read from; a server market builds one from its create request.
/// </summary>
/// <param name="Name">The market's (scenario's) name.</param>
/// <param name="Horizon">The delivery slots.</param>
/// <param name="Participants">The participants in input order.</param>
/// <param name="OutsideMarket">Wholesale prices and supplier tariffs.</param>
/// <param name="Grid">The distribution grid, or null for a copper-plate market.</param>
public record MarketInput(
    string Name,
    Horizon Horizon,
    IReadOnlyList<Participant> Participants,
    OutsideMarket OutsideMarket,
    GridNetwork? Grid)
{
    /// <summary>
    /// The DSO's caps on each participant's net injection and withdrawal per slot (docs/mechanisms/redispatch.md#bid-limits),
    /// or null for none; honoured by mechanisms with <see cref="ClearingCapabilities.BidLimits"/>.
    /// </summary>
    public BidLimits? BidLimits { get; init; }
}
