namespace Lem.Simulation.Compare;

/// <summary>
/// What each party learns in a design (docs/comparison.md#information), derived from the mechanism's capabilities and
/// kind, not from its name: a central optimiser that schedules assets (the pool) sees every bid and asset; a
/// distributed clearing with a coordinator (community, exchange) shows it net positions only; a distributed bilateral
/// clearing (P2P) shows peers only the trade proposals and prices addressed to them; an order-book mechanism (call
/// auction, continuous double auction) shows its operator the orders.
/// </summary>
public static class PrivacyTable
{
    /// <summary>The kind of a mechanism from its capabilities.</summary>
    public static InformationKind KindOf(ClearingCapabilities c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return (c.Private, c.BilateralTrades) switch
        {
            (true, true) => InformationKind.PeerToPeer,
            (true, false) => InformationKind.Coordinated,
            (false, true) => InformationKind.OrderBook,
            _ => InformationKind.CentralOptimiser,
        };
    }

    /// <summary>The information table of a mechanism.</summary>
    public static IReadOnlyList<InformationExposure> Of(ClearingCapabilities capabilities) => KindOf(capabilities) switch
    {
        InformationKind.CentralOptimiser =>
        [
            new("market operator", "every participant's bids and assets (costs, values, capacities, states of charge, EV windows, comfort bands) and its schedule"),
            new("participant", "its own schedule and the clearing prices"),
            new("DSO", "every bus's net injection per slot"),
        ],
        InformationKind.Coordinated =>
        [
            new("community manager", "each participant's net position per iteration and the community's import and export; no costs, values or assets"),
            new("participant", "its own schedule and the community prices broadcast by the manager"),
            new("DSO", "every bus's net injection per slot"),
        ],
        InformationKind.PeerToPeer =>
        [
            new("peer", "only the bilateral trade proposals and prices exchanged with its own trading partners"),
            new("participant", "its own trades and prices; nothing about peers it does not trade with"),
            new("DSO", "every bus's net injection per slot (from metering)"),
        ],
        _ =>
        [
            new("auction operator", "every order (price, quantity, slot) and who submitted it; not the assets behind them"),
            new("participant", "its own fills and the clearing prices (and the public order book where one is shown)"),
            new("DSO", "every bus's net injection per slot"),
        ],
    };
}
