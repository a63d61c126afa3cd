namespace Lem.Server.Engine.Markets.SealedBids;

/// <summary>A reveal_sealed_bid command, as read by the engine.</summary>
/// <param name="SideName">buy or sell.</param>
/// <param name="PriceEurPerMwh">The revealed limit price.</param>
/// <param name="QuantityKwh">The revealed quantity.</param>
/// <param name="SaltHex">The salt in hex.</param>
/// <param name="Fingerprint">The fingerprint of the revealed fields (a retry is compared with it).</param>
/// <param name="Payload">The command's fields (logged when accepted).</param>
internal sealed record SealedBidReveal(string SideName, decimal PriceEurPerMwh, decimal QuantityKwh, string SaltHex, string Fingerprint, JsonObject Payload);
