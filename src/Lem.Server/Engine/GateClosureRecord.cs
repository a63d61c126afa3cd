namespace Lem.Server.Engine;

/// <summary>The result of one gate closure: price, volume and the Merkle root over the slot's trades.</summary>
internal sealed record GateClosureRecord(
    string MarketId,
    int Slot,
    Instant ClosedAt,
    decimal? PriceEurPerMwh,
    decimal VolumeKwh,
    int TradeCount,
    string MerkleRootHex,
    IReadOnlyList<long> TradeIds);
