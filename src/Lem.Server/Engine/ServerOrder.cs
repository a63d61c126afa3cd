using Lem.Domain.Orders;
using NodaTime;

namespace Lem.Server.Engine;

/// <summary>An order as the server tracks it: the domain order, its fills and state, and the first answer given (for idempotent retries).</summary>
internal sealed class ServerOrder
{
    /// <summary>The server's order number (unique, increasing; the book's client order id).</summary>
    public required long Number { get; init; }

    /// <summary>The owner.</summary>
    public required string ParticipantId { get; init; }

    /// <summary>The owner's client order id.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>The market.</summary>
    public required string MarketId { get; init; }

    /// <summary>
    /// The domain order as it stands (id <c>o{Number}</c>, one step: the current limit price and total quantity, filled
    /// plus open); replaced by an amendment. See <see cref="WireOrderCodec"/>.
    /// </summary>
    public required Order Order { get; set; }

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
    public required string Fingerprint { get; init; }

    /// <summary>When it was submitted.</summary>
    public required Instant SubmittedAt { get; init; }

    /// <summary>The HTTP status of the first answer.</summary>
    public int FirstStatus { get; set; }

    /// <summary>The JSON body of the first answer.</summary>
    public string FirstBody { get; set; } = string.Empty;

    /// <summary>The ledger record the first answer was committed under (a retry gets it again), or null.</summary>
    public LedgerStamp? FirstLedger { get; set; }

    /// <summary>The open part of the order as a domain order (same price, <see cref="OpenKwh"/>), with <paramref name="id"/> or its own id.</summary>
    public Order OpenOrder(OrderId? id = null) => new(id ?? Order.Id, Order.Owner, Side, Slot, PriceEurPerMwh, OpenKwh);
}
