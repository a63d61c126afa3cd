using Lem.Markets.Flexibility.Continuous;

namespace Lem.Markets.Flexibility.Coordination;

/// <summary>
/// TSO–DSO coordination (docs/mechanisms/flexibility.md#tso-dso-coordination): the DSO trades continuously first; the
/// offers it does not need are released to the TSO; a TSO order of an asset inside a DSO area passes the DSO's grid
/// check (accepted, reduced or refused naming the limit); every order of either buyer books against one
/// <see cref="FlexActivationRegistry"/>, so no offer's volume is ordered twice; and each DSO activation inside a congested
/// area can be paired with opposite orders outside it, balance-neutral, the DSO paying the spread.
/// </summary>
public sealed class TsoDsoCoordinator : IDisposable
{
    private readonly FlexActivationRegistry _registry = new();

    /// <summary>Opens coordination on a grid.</summary>
    public TsoDsoCoordinator(FlexMarket market, GridNetwork grid, FlexClearingOptions? options = null)
    {
        Dso = new ContinuousFlexTrading(market, grid, options, _registry);
    }

    /// <summary>The DSO's continuous trading (offers arrive here; DSO requests are posted here).</summary>
    public ContinuousFlexTrading Dso { get; }

    /// <summary>The registry every order books against.</summary>
    public FlexActivationRegistry Registry => _registry;

    /// <summary>The offers with volume left in a slot, each reduced to what is left: what the DSO releases to the next buyer.</summary>
    public IReadOnlyList<FlexOffer> Released(int slot) => [.. Dso.Offers
        .Select(o => (Offer: o, Free: _registry.RemainingKw(o, slot)))
        .Where(x => x.Free > 1e-9)
        .Select(x => x.Offer.PowerKw > 0
            ? x.Offer with { PowerKw = x.Free, ReactiveKvar = x.Offer.ReactiveKvar * x.Free / x.Offer.PowerKw }
            : x.Offer with { ReactiveKvar = x.Free })];

    /// <summary>
    /// A TSO request: the released offers of its slot and direction in price-time priority; an offer inside a DSO area
    /// goes through the DSO's grid check, one outside every area is ordered as wanted.
    /// </summary>
    public IReadOnlyList<FlexMatchEvent> PostTsoRequest(TsoFlexRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new List<FlexMatchEvent>();
        var open = request.RequestedKw;
        var candidates = Dso.InPriceTimePriority(o => o.Direction == request.Direction && _registry.RemainingKw(o, request.Slot) > 1e-9);
        foreach (var offer in candidates)
        {
            if (open <= 1e-9)
            {
                break;
            }

            var inside = Dso.AreaOf(offer.Bus) is not null;
            var e = Dso.Order("tso", request.Id, offer, request.Slot, open, null, check: inside);
            open -= e.OrderedKw;
            events.Add(e);
        }

        return events;
    }

    /// <summary>
    /// Pairs a DSO activation inside a congested area with opposite orders outside it (the offers of the other
    /// direction at buses outside the area, best price first: the highest bid for a down order, the lowest ask for an up
    /// order), each through the DSO's grid check; the DSO pays (ask of the up order − bid of the down order) × energy.
    /// </summary>
    /// <exception cref="ArgumentException">When the event is not an order of an offer in the book.</exception>
    public FlexPairing Pair(FlexMatchEvent activation, CongestionPoint area)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(area);
        var inside = Dso.Offers.FirstOrDefault(o => o.Id == activation.OfferId)
            ?? throw new ArgumentException($"The offer '{activation.OfferId}' is not in the book.", nameof(activation));
        var opposite = activation.Direction == FlexDirection.Up ? FlexDirection.Down : FlexDirection.Up;
        var outside = Dso.InPriceTimePriority(
            o => o.Direction == opposite && !area.Contains(o.Bus) && _registry.RemainingKw(o, activation.Slot) > 1e-9,
            highestFirst: opposite == FlexDirection.Down);
        var legs = new List<FlexPairLeg>();
        var open = activation.OrderedKw;
        foreach (var offer in outside)
        {
            if (open <= 1e-9)
            {
                break;
            }

            var e = Dso.Order("dso-pair", activation.RequestId, offer, activation.Slot, open, null, check: true);
            if (e.OrderedKw <= 0)
            {
                continue;
            }

            open -= e.OrderedKw;
            var (ask, bid) = activation.Direction == FlexDirection.Up ? (inside.PriceEurPerMwh, offer.PriceEurPerMwh) : (offer.PriceEurPerMwh, inside.PriceEurPerMwh);
            var spread = Math.Round((decimal)(ask - bid) * (decimal)(e.OrderedKw / 1000 * Dso.SlotHours), 6);
            legs.Add(new FlexPairLeg(offer.Id, e.OrderedKw, offer.PriceEurPerMwh, spread));
        }

        return new FlexPairing(inside.Id, activation.Slot, activation.OrderedKw, legs);
    }

    /// <inheritdoc/>
    public void Dispose() => Dso.Dispose();
}
