using Lem.Markets.Flexibility.Coordination;
using Lem.Markets.Flexibility.Requests;

namespace Lem.Markets.Flexibility.Continuous;

/// <summary>
/// Continuous flexibility trading (docs/mechanisms/flexibility.md#continuous-trading), as GOPACS runs it: the DSO's
/// requests stay open; each arriving offer is matched at once against the open requests of its slot, direction and area
/// (oldest request first), and each new request against the offers in the book in price-time priority (cheapest
/// first, earlier arrival first at equal price). Every match passes the DSO's grid check: it must relieve the area's
/// congestion and cause no violation elsewhere; it is ordered whole (accepted), in part (reduced) or not at all
/// (refused, naming the limit the wanted volume would violate). Every order books its volume in the
/// <see cref="FlexActivationRegistry"/>.
/// </summary>
public sealed class ContinuousFlexTrading : IDisposable
{
    private readonly FlexMarket _market;
    private readonly FlexGridCheck _grid;
    private readonly List<FlexRequest> _requests = [];
    private readonly Dictionary<string, double> _orderedPerRequest = [];
    private readonly List<FlexOffer> _book = [];
    private readonly List<FlexMatchEvent> _events = [];

    /// <summary>Opens continuous trading on a grid.</summary>
    /// <param name="market">The market: rules, congestion points, prognoses (its offers and requests are not posted; see <see cref="Run"/>).</param>
    /// <param name="grid">The grid.</param>
    /// <param name="options">The grid check's options (sensitivity model, tolerances).</param>
    /// <param name="registry">The activation registry to book against, shared with other buyers; a new one when null.</param>
    public ContinuousFlexTrading(FlexMarket market, GridNetwork grid, FlexClearingOptions? options = null, FlexActivationRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(grid);
        _market = market;
        _grid = new FlexGridCheck(market, grid, options ?? FlexClearingOptions.Default);
        Registry = registry ?? new FlexActivationRegistry();
    }

    /// <summary>The activation registry the orders book against.</summary>
    public FlexActivationRegistry Registry { get; }

    /// <summary>Every match event so far.</summary>
    public IReadOnlyList<FlexMatchEvent> Events => _events;

    /// <summary>The offers in the book, in arrival order.</summary>
    public IReadOnlyList<FlexOffer> Offers => _book;

    /// <summary>
    /// Runs a market: posts its requests (with the automatic ones of the grid analysis when the market asks for them),
    /// then lets its offers arrive one by one in list order; records the AC power flow of every slot before and after.
    /// </summary>
    public static ContinuousFlexResult Run(FlexMarket market, GridNetwork grid, FlexClearingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        var needs = market.AutomaticRequests ? FlexNeedsAnalysis.Analyse(market, grid, options ?? FlexClearingOptions.Default) : null;
        using var trading = new ContinuousFlexTrading(market, grid, options);
        var before = Enumerable.Range(0, market.SlotCount).Select(trading._grid.Current).ToList();
        foreach (var request in market.Requests.Concat(needs?.Requests ?? []))
        {
            trading.PostRequest(request);
        }

        foreach (var offer in market.Offers)
        {
            trading.SubmitOffer(offer);
        }

        return new ContinuousFlexResult([.. trading.Events])
        {
            Before = before,
            After = [.. Enumerable.Range(0, market.SlotCount).Select(trading._grid.Current)],
            Notes = needs?.Notes ?? [],
        };
    }

    /// <summary>
    /// A request counts as filled once less than this is open (kW): the events record ordered power to six decimals, so
    /// the sum of a request's orders may fall short of its volume by rounding alone.
    /// </summary>
    private const double OpenToleranceKw = 1e-6;

    /// <summary>The volume still to order for a request (kW).</summary>
    public double OpenKw(FlexRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Math.Max(0, request.RequestedKw - _orderedPerRequest.GetValueOrDefault(request.Id));
    }

    /// <summary>An offer arrives: it is matched against the open requests of each slot it covers, then rests in the book.</summary>
    /// <exception cref="ArgumentException">When the offer names a bus the grid does not have.</exception>
    public IReadOnlyList<FlexMatchEvent> SubmitOffer(FlexOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (!_grid.HasBus(offer.Bus))
        {
            throw new ArgumentException($"The offer '{offer.Id}' names bus '{offer.Bus}', which the grid does not have.", nameof(offer));
        }

        var start = _events.Count;
        _book.Add(offer);
        foreach (var slot in offer.Slots.Order())
        {
            foreach (var request in _requests.Where(r => r.Slot == slot && r.Direction == offer.Direction && OpenKw(r) > OpenToleranceKw))
            {
                var area = Area(request);
                if (area.Contains(offer.Bus))
                {
                    Match(request, area, offer);
                }
            }
        }

        return _events.Skip(start).ToList();
    }

    /// <summary>The DSO posts a request: the offers in the book are matched against it in price-time priority.</summary>
    /// <exception cref="ArgumentException">When the request names an unknown congestion point or slot.</exception>
    public IReadOnlyList<FlexMatchEvent> PostRequest(FlexRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var area = Area(request);
        if (request.Slot < 0 || request.Slot >= _market.SlotCount)
        {
            throw new ArgumentException($"The request '{request.Id}' names slot {request.Slot}; the market has {_market.SlotCount}.", nameof(request));
        }

        var start = _events.Count;
        _requests.Add(request);
        var candidates = InPriceTimePriority(o => o.Direction == request.Direction && o.Slots.Contains(request.Slot) && area.Contains(o.Bus)).ToList();
        foreach (var offer in candidates)
        {
            if (OpenKw(request) <= OpenToleranceKw)
            {
                break;
            }

            Match(request, area, offer);
        }

        return _events.Skip(start).ToList();
    }

    /// <summary>
    /// Orders up to <paramref name="wantedKw"/> of an offer for a buyer after the grid check (skipped when
    /// <paramref name="check"/> is false, for an offer outside every DSO area), books it and records the event.
    /// </summary>
    internal FlexMatchEvent Order(string buyer, string requestId, FlexOffer offer, int slot, double wantedKw, CongestionPoint? reliefArea, bool check)
    {
        wantedKw = Math.Min(wantedKw, Registry.RemainingKw(offer, slot));
        var wanted = offer.QuantityKw > 0 ? Math.Max(0, wantedKw) / offer.QuantityKw : 0;
        var verdict = wanted <= 0 ? new FlexGridVerdict(0, null, null)
            : check ? _grid.Check(offer, slot, wanted, reliefArea)
            : new FlexGridVerdict(wanted, null, null);
        var orderedKw = Registry.Book(offer, slot, verdict.ActivationFactor * offer.QuantityKw, buyer);
        var activation = offer.QuantityKw > 0 ? orderedKw / offer.QuantityKw : 0;
        if (activation > 0)
        {
            _grid.Commit(offer, slot, activation);
        }

        var outcome = orderedKw <= 1e-9 ? FlexMatchOutcome.Refused : orderedKw < wantedKw - 1e-9 ? FlexMatchOutcome.Reduced : FlexMatchOutcome.Accepted;
        var cost = Math.Round((decimal)offer.PriceEurPerMwh * (decimal)(orderedKw / 1000 * _market.SlotHours), 6);
        var e = new FlexMatchEvent(
            _events.Count + 1, buyer, requestId, offer.Id, slot, offer.Direction, outcome, Math.Round(wantedKw, 6), Math.Round(orderedKw, 6),
            Math.Round(activation, 9), offer.PriceEurPerMwh, cost, verdict.ViolationKind, verdict.ViolatedElement);
        _events.Add(e);
        return e;
    }

    /// <summary>The congestion point of a request.</summary>
    internal CongestionPoint Area(FlexRequest request) =>
        _market.CongestionPoints.FirstOrDefault(c => c.Id == request.CongestionPoint)
        ?? throw new ArgumentException($"The request '{request.Id}' names congestion point '{request.CongestionPoint}', which the market does not declare.", nameof(request));

    /// <summary>The DSO area (congestion point) that contains a bus, or null.</summary>
    internal CongestionPoint? AreaOf(BusId bus) => _market.CongestionPoints.FirstOrDefault(c => c.Contains(bus));

    /// <summary>
    /// The offers in the book that pass a filter in price-time priority: lowest price first (highest with
    /// <paramref name="highestFirst"/>, for bids), earlier arrival first at equal price.
    /// </summary>
    internal IEnumerable<FlexOffer> InPriceTimePriority(Func<FlexOffer, bool> where, bool highestFirst = false) => _book
        .Select((o, arrival) => (Offer: o, Arrival: arrival))
        .Where(x => where(x.Offer))
        .OrderBy(x => highestFirst ? -x.Offer.PriceEurPerMwh : x.Offer.PriceEurPerMwh)
        .ThenBy(x => x.Arrival)
        .Select(x => x.Offer);

    /// <summary>The market's slot length (hours).</summary>
    internal double SlotHours => _market.SlotHours;

    /// <inheritdoc/>
    public void Dispose() => _grid.Dispose();

    private void Match(FlexRequest request, CongestionPoint area, FlexOffer offer)
    {
        var free = Registry.RemainingKw(offer, request.Slot);
        if (free <= 1e-9)
        {
            return;
        }

        var open = OpenKw(request);
        var room = (request.AvailableKw ?? double.PositiveInfinity) - _orderedPerRequest.GetValueOrDefault(request.Id);
        var wantedKw = Math.Min(free, open);
        var minimumKw = offer.MinActivationFactor * offer.QuantityKw;
        if (wantedKw < minimumKw)
        {
            // An all-or-nothing part larger than the open volume may still be ordered within the request's band.
            wantedKw = Math.Min(free, room) >= minimumKw ? minimumKw : wantedKw;
        }

        var e = Order("dso", request.Id, offer, request.Slot, wantedKw, area, check: true);
        _orderedPerRequest[request.Id] = _orderedPerRequest.GetValueOrDefault(request.Id) + e.OrderedKw;
    }
}
