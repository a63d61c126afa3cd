using Lem.Markets.OrderBook;
using Lem.Server.Engine.Markets.SealedBids;

namespace Lem.Server.Engine.Markets;

/// <summary>
/// The state every market keeps (orders, trades and gate closures per slot) and the defaults of a market that collects
/// orders until its gates close one slot at a time: no book, no depth, no grid, no sealed bids. Kinds override what differs.
/// </summary>
/// <param name="spec">The market's specification.</param>
/// <param name="host">The engine.</param>
internal abstract class ServerMarketBase(MarketSpec spec, IMarketHost host) : IServerMarket
{
    private static readonly IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> NoPositions =
        new Dictionary<int, SortedDictionary<string, ClearedPosition>>();

    /// <inheritdoc />
    public MarketSpec Spec { get; } = spec ?? throw new ArgumentNullException(nameof(spec));

    /// <summary>The engine.</summary>
    protected IMarketHost Host { get; } = host ?? throw new ArgumentNullException(nameof(host));

    /// <inheritdoc />
    public Dictionary<int, List<ServerOrder>> OrdersBySlot { get; } = [];

    /// <inheritdoc />
    public Dictionary<int, List<ServerTrade>> TradesBySlot { get; } = [];

    /// <inheritdoc />
    public Dictionary<int, GateClosureRecord> Closures { get; } = [];

    /// <inheritdoc />
    public virtual IReadOnlyDictionary<int, SortedDictionary<string, ClearedPosition>> ClearedPositions => NoPositions;

    /// <inheritdoc />
    public virtual JsonNode? TariffInvoice(string participantId) => null;

    /// <inheritdoc />
    public List<ServerOrder> Orders(int slot)
    {
        if (!OrdersBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            OrdersBySlot.Add(slot, list);
        }

        return list;
    }

    /// <inheritdoc />
    public List<ServerTrade> Trades(int slot)
    {
        if (!TradesBySlot.TryGetValue(slot, out var list))
        {
            list = [];
            TradesBySlot.Add(slot, list);
        }

        return list;
    }

    /// <inheritdoc />
    public virtual Instant GateClosure(int slot) => Spec.LeadBefore(slot);

    /// <inheritdoc />
    public virtual Instant ClearingTime(int slot) => GateClosure(slot);

    /// <inheritdoc />
    public bool GateClosed(int slot, Instant time) => Closures.ContainsKey(slot) || time >= GateClosure(slot);

    /// <inheritdoc />
    public virtual void Describe(JsonObject market)
    {
    }

    /// <inheritdoc />
    public virtual CommandResult? RefusePlainOrders() => null;

    /// <inheritdoc />
    public virtual CommandResult? RefuseParticipant(string participantId) => null;

    /// <inheritdoc />
    public virtual CommandResult? RefuseOrder(string participantId, int slot) => null;

    /// <inheritdoc />
    public virtual IReadOnlyList<ServerTrade> Submit(ServerOrder order, Instant time) => [];

    /// <inheritdoc />
    public virtual (CommandResult? Refused, IReadOnlyList<ServerTrade> Trades) Amend(ServerOrder order, decimal priceEurPerMwh, decimal quantityKwh, decimal openKwh, Instant time)
    {
        ArgumentNullException.ThrowIfNull(order);
        order.Order = order.Order.WithSingleStep(priceEurPerMwh, quantityKwh);
        order.OpenKwh = openKwh;
        return (null, []);
    }

    /// <inheritdoc />
    public virtual void Cancel(ServerOrder order, Instant time) => Host.End(order, OrderStatus.Cancelled, Views.Reason(ReasonCode.CancelRequested));

    /// <inheritdoc />
    public abstract GateClosureOutcome CloseGate(int slot, Instant time);

    /// <inheritdoc />
    public virtual bool IsClearing(int slot) => false;

    /// <inheritdoc />
    public virtual DeferredClearing? StartClearing(int slot, Instant time) => null;

    /// <inheritdoc />
    public virtual IReadOnlyList<int> ApplyClearing(JsonObject part, bool last, Instant time) =>
        throw new InvalidOperationException($"The market '{Spec.MarketId}' clears at its gate closures; it has no clearing result to apply.");

    /// <inheritdoc />
    public virtual void DescribeClosure(int slot, JsonObject closure)
    {
    }

    /// <inheritdoc />
    public virtual CommandResult Depth(int slot) =>
        new(409, Views.Problem(409, "No depth.", "A call auction's orders are sealed until its gate closure; see the prices."));

    /// <inheritdoc />
    public virtual CommandResult Grid() =>
        new(404, Views.Problem(404, "No grid.", $"market_id: the market '{Spec.MarketId}' is not a pool market; only pool markets have grid results."));

    /// <inheritdoc />
    public virtual CommandResult Commit(SealedBidCommit commit, Instant time) => NotSealed();

    /// <inheritdoc />
    public virtual CommandResult Reveal(SealedBidCommitment commitment, SealedBidReveal reveal, Instant time) => NotSealed();

    /// <inheritdoc />
    public virtual CommandResult PublicCommitments() =>
        new(409, Views.Problem(409, "Not a sealed-bid market.", $"market_id: the market '{Spec.MarketId}' does not take sealed bids."));

    /// <inheritdoc />
    public virtual CommandResult Command(JsonObject command, Instant time) =>
        new(409, Views.Problem(409, "Conflict.", $"market_id: the market '{Spec.MarketId}' takes no commands of its own."));

    /// <inheritdoc />
    public virtual CommandResult View(Principal caller) =>
        new(404, Views.Problem(404, "Not found.", $"market_id: the market '{Spec.MarketId}' has no view of its own."));

    private CommandResult NotSealed() =>
        new(409, Views.Problem(409, "Not a sealed-bid market.",
            $"market_id: the market '{Spec.MarketId}' does not take sealed bids; submit orders with POST /v1/markets/{Spec.MarketId}/orders.",
            new Dictionary<string, string> { ["market_id"] = "does not take sealed bids" }));
}
