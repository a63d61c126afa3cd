namespace Lem.Server.Api;

/// <summary>The body of <c>POST /v1/markets/{marketId}/commitments</c>: a sealed bid's commitment, before the slot's gate closure.</summary>
/// <param name="ClientBidId">Your id for the bid; the revealed bid becomes your order with this client order id.</param>
/// <param name="Slot">The delivery slot (from 0).</param>
/// <param name="Commitment">Lower-case hex SHA-256 of the canonical JSON of <c>{"price_eur_per_mwh", "quantity_kwh", "side"}</c> followed by the salt bytes.</param>
internal sealed record SealedBidCommitRequest(string ClientBidId, int Slot, string Commitment);
