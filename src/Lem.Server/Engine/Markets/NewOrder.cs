namespace Lem.Server.Engine.Markets;

/// <summary>The fields of an order the engine is about to create (its number is the engine's).</summary>
/// <param name="ParticipantId">The owner.</param>
/// <param name="ClientOrderId">The owner's client order id.</param>
/// <param name="Slot">The delivery slot.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="PriceEurPerMwh">The limit price.</param>
/// <param name="QuantityKwh">The quantity.</param>
/// <param name="Fingerprint">The fingerprint of the submitted fields (compared on a retry).</param>
/// <param name="SubmittedAt">Its time priority.</param>
internal sealed record NewOrder(string ParticipantId, string ClientOrderId, int Slot, OrderSide Side, decimal PriceEurPerMwh, decimal QuantityKwh,
    string Fingerprint, Instant SubmittedAt);
