namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>An order of an offer: by the DSO directly, or at gate closure against a request.</summary>
/// <param name="OrderId">The order's id (the DSO's, or <c>auto-</c> and the offer id at gate closure).</param>
/// <param name="Offer">The ordered offer.</param>
/// <param name="Dso">The DSO that ordered (pays).</param>
/// <param name="RequestId">The request it serves, when ordered at gate closure.</param>
/// <param name="Kw">The ordered power: the offer's power times the activation factor.</param>
internal sealed record FlexOrderRecord(string OrderId, FlexOfferRecord Offer, string Dso, string? RequestId, decimal Kw);
