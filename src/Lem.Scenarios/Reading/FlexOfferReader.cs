using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Products;

namespace Lem.Scenarios.Reading;

/// <summary>Reads <c>flexibility.offers</c> and <c>flexibility.requests</c> (docs/scenario-format.md#flexibility).</summary>
internal static class FlexOfferReader
{
    public static List<FlexOffer> ReadOffers(ObjectReader r, FlexReadScope scope, FlexibleAssetRegistry registry, FlexMarketRules rules)
    {
        var offers = new List<FlexOffer>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        GridSpecReader.Each(r.Array("offers", required: false, FlexibilityReader.MaxItems), r.PathOf("offers"), r.Diagnostics, or =>
        {
            var offer = ReadOffer(or, scope, registry, rules, ids);
            if (offer is not null)
            {
                offers.Add(offer);
            }
        });
        return offers;
    }

    public static List<FlexRequest> ReadRequests(ObjectReader r, FlexReadScope scope)
    {
        var requests = new List<FlexRequest>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        GridSpecReader.Each(r.Array("requests", required: false, FlexibilityReader.MaxItems), r.PathOf("requests"), r.Diagnostics, rr =>
        {
            var id = scope.UniqueId(rr, "id", ids, "request");
            var point = scope.CongestionPointRef(rr, "congestion_point", required: true);
            var slot = Slot(rr, scope.Context, "slot", required: true);
            var direction = rr.Choice("direction", required: true, [.. FlexDirections.Names]);
            var requested = rr.Number("requested_kw", required: true, NumberRange.NonNegative, "kW");
            var available = rr.Number("available_kw", required: false, NumberRange.NonNegative, "kW");
            rr.ReportUnknown();
            if (slot is not null && slot >= scope.Context.Horizon!.Count)
            {
                rr.Diagnostics.Error(rr.PathOf("slot"), ValidationCodes.ValueOutOfRange, "'slot' is the end of the horizon; a request needs a slot inside it.");
                return;
            }

            if (available < requested)
            {
                rr.Diagnostics.Error(rr.PathOf("available_kw"), ValidationCodes.BoundsInverted, $"available_kw = {available} is below requested_kw = {requested}.");
                return;
            }

            if (id is not null && point is not null && slot is not null && FlexDirections.TryParse(direction, out var d) && requested is not null)
            {
                ids.Add(id);
                requests.Add(new FlexRequest(id, point.Id, slot.Value, d, requested.Value, available));
            }
        });
        return requests;
    }

    private static FlexOffer? ReadOffer(ObjectReader r, FlexReadScope scope, FlexibleAssetRegistry registry, FlexMarketRules rules, HashSet<string> ids)
    {
        var d = r.Diagnostics;
        var errorsBefore = d.Errors.Count;
        var id = scope.UniqueId(r, "id", ids, "offer");
        var assetName = r.String("asset", required: false);
        FlexibleAsset? asset = null;
        if (assetName is not null && !registry.TryGet(new AssetId(assetName), out asset))
        {
            d.Error(r.PathOf("asset"), ValidationCodes.ValueInvalid, $"'{assetName}' is not a registered flexible asset (flexibility.assets).");
        }

        var fsp = scope.Participant(r, "fsp", required: asset is null) ?? asset?.Fsp;
        var bus = scope.Bus(r, "bus", required: asset is null) ?? asset?.Bus;
        if (asset is not null && (fsp != asset.Fsp || bus != asset.Bus))
        {
            d.Error(r.Path, ValidationCodes.ValueInvalid, $"Asset '{asset.Id}' is registered to FSP '{asset.Fsp}' at bus '{asset.Bus}'; the offer must not name another FSP or bus.");
        }

        var productName = r.Choice("product", required: false, [.. FlexProducts.Names]) ?? FlexProducts.Activation.Name;
        var direction = r.Choice("direction", required: true, [.. FlexDirections.Names]);
        var kw = r.Number("kw", required: false, NumberRange.NonNegative, "kW") ?? 0;
        var kvar = r.Number("kvar", required: false, NumberRange.NonNegative, "kvar") ?? 0;
        var price = r.Number("price_eur_per_mwh", required: true, NumberRange.Any, "EUR/MWh");
        var availability = r.Number("availability_eur_per_mw_h", required: false, NumberRange.Any, "EUR/MW/h") ?? 0;
        var minActivation = r.Number("min_activation_factor", required: false, NumberRange.Fraction) ?? 0;
        var from = Slot(r, scope.Context, "from", required: false) ?? 0;
        var to = Slot(r, scope.Context, "to", required: false) ?? scope.Context.Horizon?.Count ?? 0;
        var validUntil = scope.Context.Time(r, "valid_until", required: false);
        var phase = r.Choice("phase", required: false, [.. Lem.Grid.ThreePhase.PhaseConnections.Names]);
        r.ReportUnknown();

        if (kw == 0 && kvar == 0)
        {
            d.Error(r.PathOf("kw"), ValidationCodes.ValueOutOfRange, "An offer needs a positive 'kw' or 'kvar'.");
        }

        var quantity = kw > 0 ? kw : kvar;
        if (quantity > 0 && quantity < rules.MinimumQuantityKw)
        {
            d.Error(r.PathOf(kw > 0 ? "kw" : "kvar"), ValidationCodes.ValueOutOfRange, $"The offer's {quantity} is below the market's minimum quantity of {rules.MinimumQuantityKw} kW.");
        }

        if (rules.GranularityKw > 0 && Math.Abs((quantity / rules.GranularityKw) - Math.Round(quantity / rules.GranularityKw)) > 1e-9)
        {
            d.Error(r.PathOf(kw > 0 ? "kw" : "kvar"), ValidationCodes.ValueInvalid, $"The offer's {quantity} is not a multiple of the market's granularity of {rules.GranularityKw} kW.");
        }

        if (to <= from)
        {
            d.Error(r.PathOf("to"), ValidationCodes.BoundsInverted, "The offer's period is empty: 'to' must come after 'from'.");
        }

        if (d.Errors.Count != errorsBefore || id is null || fsp is null || bus is null || price is null || !FlexDirections.TryParse(direction, out var dir) || !FlexProducts.TryGet(productName, out var product))
        {
            return null;
        }

        var offer = new FlexOffer
        {
            Id = id,
            Fsp = fsp.Value,
            Asset = asset?.Id,
            Bus = bus.Value,
            Product = product,
            Direction = dir,
            PowerKw = kw,
            ReactiveKvar = kvar,
            PriceEurPerMwh = price.Value,
            AvailabilityEurPerMwPerHour = availability,
            MinActivationFactor = minActivation,
            Slots = [.. Enumerable.Range(from, to - from)],
            ValidUntil = validUntil?.ToDateTimeOffset(),
            Phase = Lem.Grid.ThreePhase.PhaseConnections.TryParse(phase) ?? Lem.Grid.ThreePhase.PhaseConnection.Abc,
        };
        if (product.Check(offer) is { } problem)
        {
            d.Error(r.PathOf("product"), ValidationCodes.ValueInvalid, problem);
            return null;
        }

        ids.Add(id);
        return offer;
    }

    /// <summary>Reads a time stamp that must be a slot boundary of the horizon and returns the slot index starting there.</summary>
    private static int? Slot(ObjectReader r, ReadContext c, string name, bool required)
    {
        var instant = c.Time(r, name, required);
        if (instant is null || c.Horizon is null)
        {
            return null;
        }

        var slot = c.Horizon.FirstSlotAtOrAfter(instant.Value);
        var boundary = slot < c.Horizon.Count ? c.Horizon.Slots[slot].Start : c.Horizon.End;
        if (boundary != instant.Value)
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.TimeMisaligned, $"'{name}' must be the start of a slot of the horizon (or its end).");
            return null;
        }

        return slot;
    }
}
