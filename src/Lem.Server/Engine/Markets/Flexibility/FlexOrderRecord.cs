namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>An order of an offer: by the DSO directly, or at gate closure against a request.</summary>
/// <param name="OrderId">The order's id (the DSO's, or <c>auto-</c> and the offer id at gate closure).</param>
/// <param name="Offer">The ordered offer.</param>
/// <param name="Dso">The DSO that ordered (pays).</param>
/// <param name="RequestId">The request it serves, when ordered at gate closure.</param>
/// <param name="Kw">The ordered power: the offer's power times the activation factor.</param>
internal sealed record FlexOrderRecord(string OrderId, FlexOfferRecord Offer, string Dso, string? RequestId, decimal Kw)
{
    /// <summary>The ordered reactive power in kvar (a clearing with the grid; 0 otherwise).</summary>
    public decimal Kvar { get; init; }

    /// <summary>The price paid per MWh (per Mvarh for a purely reactive order): the offer's (pay-as-bid) unless the clearing set another.</summary>
    public decimal PriceEurPerMwh { get; init; } = Offer.PriceEurPerMwh;

    /// <summary>What ran the grid clearing that made the order (<c>gate_closure</c> or <c>dso</c>), or null for a direct order or the merit order.</summary>
    public string? ClearedBy { get; init; }
}
