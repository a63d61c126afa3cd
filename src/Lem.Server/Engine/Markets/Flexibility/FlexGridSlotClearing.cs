using Lem.Domain.Ids;
using Lem.Markets.Flexibility.Clearing;
using Lem.Markets.Flexibility.Domain;
using Lem.Markets.Flexibility.Products;

namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>
/// The clearing of one slot of a flexibility market with a grid (docs/server-flexibility.md#clearing-with-the-grid): the
/// inline scenario's flexibility section (prognoses, rules, automatic requests) cut to the slot, with the slot's open
/// offers and open requests of the server, cleared by <see cref="FlexClearing"/> exactly as <c>lem flex</c> clears it
/// (sensitivities, thermal and voltage limits, the AC check and relinearisation rounds). Deterministic: a replay of the
/// command that ran it gives the same orders.
/// </summary>
internal static class FlexGridSlotClearing
{
    /// <summary>The orders of a clearing (offer, active and reactive power, price) and its summary for the views.</summary>
    /// <param name="scenario">The market's scenario (with its grid).</param>
    /// <param name="slot">The slot.</param>
    /// <param name="slotHours">The slot length in hours.</param>
    /// <param name="areas">The congestion points with buses.</param>
    /// <param name="offers">The slot's open offers (each with a bus).</param>
    /// <param name="requests">The slot's open requests and the power still to order for each (kW).</param>
    /// <param name="clearedBy">What ran the clearing: <c>gate_closure</c> or <c>dso</c>.</param>
    public static (IReadOnlyList<(FlexOfferRecord Offer, decimal Kw, decimal Kvar, decimal PriceEurPerMwh)> Orders, JsonObject Summary) Clear(
        Lem.Pipeline.Scenario scenario,
        int slot,
        double slotHours,
        IEnumerable<FlexAreaRecord> areas,
        IReadOnlyList<FlexOfferRecord> offers,
        IEnumerable<(FlexRequestRecord Request, decimal OpenKw)> requests,
        string clearedBy)
    {
        var summary = new JsonObject { ["slot"] = slot, ["cleared_by"] = clearedBy };
        var byOffer = new Dictionary<string, FlexOfferRecord>(StringComparer.Ordinal);
        var domainOffers = new List<FlexOffer>();
        foreach (var o in offers)
        {
            var id = o.Fsp + "/" + o.OfferId;
            byOffer[id] = o;
            _ = FlexDirections.TryParse(o.Direction, out var direction);
            domainOffers.Add(new FlexOffer
            {
                Id = id,
                Fsp = new ParticipantId(o.Fsp),
                Bus = new BusId(o.Bus!),
                Product = FlexProducts.Activation,
                Direction = direction,
                PowerKw = (double)o.Kw,
                ReactiveKvar = (double)o.Kvar,
                PriceEurPerMwh = (double)o.PriceEurPerMwh,
                MinActivationFactor = (double)o.MinActivationFactor,
                Slots = [0],
            });
        }

        var flex = scenario.Flexibility ?? new FlexMarket { SlotCount = scenario.Horizon.Count, SlotHours = slotHours };
        var market = flex with
        {
            SlotCount = 1,
            SlotHours = slotHours,
            SlotStarts = flex.SlotStarts.Count > slot ? [flex.SlotStarts[slot]] : [],
            Prognoses = [.. flex.Prognoses.Select(p => p with { PowerKw = [p.PowerKw[slot]], ReactiveKvar = p.ReactiveKvar is { } q ? [q[slot]] : null })],
            CongestionPoints = [.. areas.Where(a => a.Buses.Count > 0).Select(a => new CongestionPoint(a.CongestionPointId, new ParticipantId(a.Dso), [.. a.Buses.Select(b => new BusId(b))]))],
            Offers = domainOffers,
            Requests = [.. requests.Where(r => r.OpenKw > 0).Select(r => new FlexRequest(r.Request.RequestId, r.Request.CongestionPointId, 0, r.Request.Direction == "down" ? FlexDirection.Down : FlexDirection.Up, (double)r.OpenKw, null))],
        };

        FlexClearingResult result;
        try
        {
            result = FlexClearing.Clear(market, scenario.Grid!, FlexClearingOptions.Default with { SensitivityModel = scenario.FlexibilitySensitivities });
        }
        catch (ArgumentException e)
        {
            summary["status"] = "error";
            summary["message"] = e.Message;
            return ([], summary);
        }

        var orders = result.Orders
            .Where(o => o.PowerKw > 1e-9 || o.ReactiveKvar > 1e-9)
            .Select(o => (byOffer[o.Offer.Id], Decimal(o.PowerKw), Decimal(o.ReactiveKvar), Decimal(o.PriceEurPerMwh)))
            .ToList();
        summary["status"] = FlexClearingStatusNames.Of(result.Status);
        summary["cost_eur"] = Views.Normalize(result.CostEur);
        summary["rounds"] = result.Rounds;
        summary["pricing"] = result.Pricing;
        summary["sensitivity_model"] = result.SensitivityModel;
        summary["flex_prices"] = new JsonArray([.. result.Prices.Select(p => (JsonNode)new JsonObject { ["bus"] = p.Bus.Value, ["eur_per_mwh"] = Decimal(p.ActiveEurPerMwh) })]);
        summary["violations_before"] = Violations(result.ViolationsBefore, slot);
        summary["violations_after"] = Violations(result.ViolationsAfter, slot);
        summary["notes"] = new JsonArray([.. result.Notes.Select(n => (JsonNode)JsonValue.Create(n)!)]);
        return (orders, summary);
    }

    private static JsonArray Violations(IEnumerable<FlexViolation> violations, int slot) =>
        new([.. violations.Select(v => (JsonNode)new JsonObject
        {
            ["slot"] = slot, ["kind"] = v.Kind, ["element"] = v.Element, ["value"] = Decimal(v.Value), ["limit"] = Decimal(v.Limit),
        })]);

    /// <summary>A double as a decimal rounded to 6 places (the precision <c>lem flex</c> reports).</summary>
    private static decimal Decimal(double x) => double.IsFinite(x) ? Views.Normalize(Math.Round((decimal)Math.Round(x, 6), 6)) : 0m;
}
