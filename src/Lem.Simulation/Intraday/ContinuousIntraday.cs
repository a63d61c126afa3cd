using Lem.Markets.Continuous;

namespace Lem.Simulation.Intraday;

/// <summary>
/// Continuous intraday trading (docs/simulation.md#intraday): the agents' intraday orders are cleared by the
/// <c>cda</c> mechanism (<see cref="ContinuousMechanism"/>, docs/agents.md#the-cda-mechanism) — one limit order book per
/// slot, every step of every order a limit order arriving in a seeded random order, trades at the resting order's
/// price (price–time priority), limit prices on the 0.01 EUR/MWh tick in the order's favour and quantities in 1 Wh
/// lots; what rests when the session ends is not traded. One arrival rule and one tick rule for both.
/// </summary>
public sealed class ContinuousIntraday : IIntradayMarket
{
    /// <inheritdoc />
    public string Name => "continuous";

    /// <inheritdoc />
    public string Description => "Continuous trading of the agents' intraday orders on an order book per slot (the cda mechanism)";

    /// <inheritdoc />
    public IntradayOutcome Trade(IReadOnlyList<Order> orders, Horizon horizon, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(horizon);
        if (orders.Count == 0)
        {
            return IntradayOutcome.Empty;
        }

        // The session's traders: one participant per owner holding its orders; the outside market plays no part.
        var zero = SlotSeries.Constant(0.0, horizon.Count);
        var traders = orders.GroupBy(o => o.Owner).OrderBy(g => g.Key.Value, StringComparer.Ordinal)
            .Select(g => new Participant(g.Key, null, ParticipantRole.Prosumer, null, [], [.. g], [])).ToList();
        var market = new MarketInput("intraday", horizon, traders, new OutsideMarket(zero, zero, zero, zero, null, null, null), null);
        var options = ClearingOptions.Default with { Parameters = new Dictionary<string, string> { ["seed"] = seed.ToString(CultureInfo.InvariantCulture) } };
        var result = new ContinuousMechanism().Clear(new ClearingRequest(market) { Options = options });
        var ledger = new IntradayLedger(horizon);
        foreach (var t in result.Trades)
        {
            ledger.Add(new ParticipantId(t.BuyerId), new ParticipantId(t.SellerId), t.Slot, t.QuantityKwh, t.PriceEurPerMwh);
        }

        return ledger.ToOutcome();
    }
}
