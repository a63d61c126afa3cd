namespace Lem.Server.Engine.Markets;

/// <summary>What a market's gate closure of one slot produced, besides its trades.</summary>
/// <param name="PriceEurPerMwh">The slot's published price, or null when nothing cleared.</param>
/// <param name="VolumeKwh">The published volume, or null for the sum of the slot's trades.</param>
internal readonly record struct GateClosureOutcome(decimal? PriceEurPerMwh, decimal? VolumeKwh);
