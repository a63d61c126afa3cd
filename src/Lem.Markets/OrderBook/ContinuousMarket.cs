namespace Lem.Markets.OrderBook;

/// <summary>
/// The friendly API over the hot-path books: one <see cref="OrderBook"/> per delivery product, participants and
/// location tags by name, orders as domain orders (EUR/MWh and kWh) encoded by each book's <see cref="OrderBookEncoding"/>, trades in EUR/MWh and MWh. Every request returns its trades and events; every
/// product keeps its full event log for replay.
/// </summary>
public sealed class ContinuousMarket
{
    private readonly Dictionary<string, (OrderBook Book, OrderBookEventLog Log)> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<ParticipantId, int> _participantNumbers = [];
    private readonly List<ParticipantId> _participants = [];
    private readonly Dictionary<string, int> _locations = new(StringComparer.Ordinal);

    /// <summary>Opens a book for each product; the clock supplies the time of every request.</summary>
    public ContinuousMarket(IClock clock, IEnumerable<OrderBookProduct> products)
    {
        ArgumentNullException.ThrowIfNull(products);
        foreach (var p in products)
        {
            var log = new OrderBookEventLog();
            _books.Add(p.ProductId, (new OrderBook(p, clock, log), log));
        }
    }

    /// <summary>The book of <paramref name="productId"/>, or null.</summary>
    public OrderBook? Book(string productId) => _books.TryGetValue(productId, out var b) ? b.Book : null;

    /// <summary>The event log of <paramref name="productId"/> (empty for an unknown product).</summary>
    public IReadOnlyList<OrderBookEvent> Events(string productId) => _books.TryGetValue(productId, out var b) ? b.Log.Events : [];

    /// <summary>The participant behind a participant number used in the events.</summary>
    public ParticipantId Participant(int number) => _participants[number];

    /// <summary>The live orders of <paramref name="participant"/> in the book of <paramref name="productId"/> (0 for an unknown product or participant).</summary>
    public int LiveOrderCount(string productId, ParticipantId participant) =>
        _books.TryGetValue(productId, out var b) && _participantNumbers.TryGetValue(participant, out var n) ? b.Book.LiveOrderCountOf(n) : 0;

    /// <summary>The number of a location tag used in the events (assigned on first use, from 1).</summary>
    public int LocationNumber(string location) => Location(location);

    /// <summary>Submits an order; rejections come back with a reason code.</summary>
    public MarketOrderResult Submit(MarketOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_books.TryGetValue(request.ProductId, out var b))
        {
            return new MarketOrderResult(ReasonCode.UnknownProduct, [], []);
        }

        var start = b.Log.Events.Count;
        var encoded = b.Book.Encoding.Encode(request.Order, request.Type, request.PeakKwh);
        if (!encoded.Conforms)
        {
            return new MarketOrderResult(encoded.Reason, [], []);
        }

        var entry = new OrderEntry
        {
            Participant = Number(request.Order.Owner), ClientOrderId = request.ClientOrderId, Side = request.Order.Side, Type = request.Type,
            PriceTicks = encoded.PriceTicks, Lots = encoded.Lots, Condition = request.Condition, Validity = request.Validity, Expiry = request.Expiry,
            PeakLots = encoded.PeakLots,
            Location = request.Location is null ? 0 : Location(request.Location),
            Filter = new LocationFilter(request.FilterMode, request.FilterLocation is null ? 0 : Location(request.FilterLocation)),
        };
        var reason = b.Book.Submit(entry);
        return Result(request.ProductId, b, start, reason);
    }

    /// <summary>Cancels a live order.</summary>
    public MarketOrderResult Cancel(string productId, ParticipantId participant, long clientOrderId)
    {
        if (!_books.TryGetValue(productId, out var b))
        {
            return new MarketOrderResult(ReasonCode.UnknownProduct, [], []);
        }

        var start = b.Log.Events.Count;
        return Result(productId, b, start, b.Book.Cancel(new OrderKey(Number(participant), clientOrderId)));
    }

    /// <summary>Amends a live order's price and open quantity in kWh (a decrease at the same price keeps time priority).</summary>
    public MarketOrderResult Amend(string productId, ParticipantId participant, long clientOrderId, decimal newPriceEurPerMwh, decimal newQuantityKwh)
    {
        if (!_books.TryGetValue(productId, out var b))
        {
            return new MarketOrderResult(ReasonCode.UnknownProduct, [], []);
        }

        if (!b.Book.Encoding.TryTicks(newPriceEurPerMwh, out var ticks))
        {
            return new MarketOrderResult(ReasonCode.PriceNotOnTick, [], []);
        }

        if (!b.Book.Encoding.TryLots(newQuantityKwh, out var lots))
        {
            return new MarketOrderResult(ReasonCode.QuantityNotOnLot, [], []);
        }

        var start = b.Log.Events.Count;
        return Result(productId, b, start, b.Book.Amend(new OrderKey(Number(participant), clientOrderId), ticks, lots));
    }

    private MarketOrderResult Result(string productId, (OrderBook Book, OrderBookEventLog Log) b, int start, ReasonCode reason)
    {
        var events = new List<OrderBookEvent>();
        var trades = new List<MarketTrade>();
        for (var i = start; i < b.Log.Events.Count; i++)
        {
            var e = b.Log.Events[i];
            events.Add(e);
            if (e.Kind == OrderBookEventKind.Traded)
            {
                trades.Add(new MarketTrade(productId, _participants[e.Order.Participant], e.Order.ClientOrderId, _participants[e.Counterparty.Participant],
                    e.Counterparty.ClientOrderId, b.Book.Encoding.PriceEurPerMwh(e.PriceTicks), b.Book.Encoding.QuantityMwh(e.Lots)));
            }
        }

        return new MarketOrderResult(reason, trades, events);
    }

    private int Number(ParticipantId participant)
    {
        if (!_participantNumbers.TryGetValue(participant, out var n))
        {
            n = _participants.Count;
            _participants.Add(participant);
            _participantNumbers.Add(participant, n);
        }

        return n;
    }

    private int Location(string location)
    {
        if (!_locations.TryGetValue(location, out var n))
        {
            n = _locations.Count + 1;
            _locations.Add(location, n);
        }

        return n;
    }
}
