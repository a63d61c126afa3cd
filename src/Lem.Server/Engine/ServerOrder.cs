namespace Lem.Server.Engine;

/// <summary>An order as the server tracks it: the domain order, its fills and state, and the first answer given (for idempotent retries).</summary>
/// <param name="number">The server's order number (unique, increasing; the book's client order id).</param>
/// <param name="participantId">The owner.</param>
/// <param name="clientOrderId">The owner's client order id.</param>
/// <param name="marketId">The market.</param>
/// <param name="order">The domain order as submitted.</param>
/// <param name="fingerprint">The fingerprint of the submitted fields.</param>
/// <param name="submittedAt">When it was submitted.</param>
internal sealed class ServerOrder(long number, string participantId, string clientOrderId, string marketId, Order order, string fingerprint, Instant submittedAt)
{
    /// <summary>The server's order number (unique, increasing; the book's client order id).</summary>
    public long Number { get; } = number;

    /// <summary>The owner.</summary>
    public string ParticipantId { get; } = participantId;

    /// <summary>The owner's client order id.</summary>
    public string ClientOrderId { get; } = clientOrderId;

    /// <summary>The market.</summary>
    public string MarketId { get; } = marketId;

    /// <summary>
    /// The domain order as it stands (id <c>o{Number}</c>, one step: the current limit price and total quantity, filled
    /// plus open); replaced by an amendment. See <see cref="WireOrderCodec"/>.
    /// </summary>
    public Order Order { get; set; } = order;

    /// <summary>The delivery slot.</summary>
    public int Slot => Order.SlotIndex;

    /// <summary>Buy or sell.</summary>
    public OrderSide Side => Order.Side;

    /// <summary>The current limit price in EUR/MWh.</summary>
    public decimal PriceEurPerMwh => Order.Steps[0].PriceEurPerMwh;

    /// <summary>The current order quantity (filled plus open) in kWh.</summary>
    public decimal QuantityKwh => Order.Steps[0].QuantityKwh;

    /// <summary>The filled quantity in kWh.</summary>
    public decimal FilledKwh { get; set; }

    /// <summary>The open quantity in kWh.</summary>
    public decimal OpenKwh { get; set; }

    /// <summary>What became of it so far.</summary>
    public OrderStatus Status { get; set; } = OrderStatus.Open;

    /// <summary>Why it was rejected, cancelled or expired (snake case), or null.</summary>
    public string? Reason { get; set; }

    /// <summary>The fingerprint of the submitted fields, compared on a retry with the same client order id.</summary>
    public string Fingerprint { get; } = fingerprint;

    /// <summary>When it was submitted.</summary>
    public Instant SubmittedAt { get; } = submittedAt;

    /// <summary>The HTTP status of the first answer.</summary>
    public int FirstStatus { get; set; }

    /// <summary>The JSON body of the first answer.</summary>
    public string FirstBody { get; set; } = string.Empty;

    /// <summary>The ledger record the first answer was committed under (a retry gets it again), or null.</summary>
    public LedgerStamp? FirstLedger { get; set; }

    /// <summary>A copy of the order's state for the store (the answer's ledger stamp is not stored).</summary>
    public ServerOrder Snapshot() => new(Number, ParticipantId, ClientOrderId, MarketId, Order, Fingerprint, SubmittedAt)
    {
        FilledKwh = FilledKwh,
        OpenKwh = OpenKwh,
        Status = Status,
        Reason = Reason,
        FirstStatus = FirstStatus,
        FirstBody = FirstBody,
    };

    /// <summary>The open part of the order as a domain order (same price, <see cref="OpenKwh"/>), with <paramref name="id"/> or its own id.</summary>
    public Order OpenOrder(OrderId? id = null) => new(id ?? Order.Id, Order.Owner, Side, Slot, PriceEurPerMwh, OpenKwh);
}
