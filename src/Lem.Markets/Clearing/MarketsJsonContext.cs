using System.Text.Json.Serialization;
using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Clearing;

/// <summary>Source-generated JSON for the mechanisms' output records.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(PoolSummary))]
[JsonSerializable(typeof(AdmmSummary))]
[JsonSerializable(typeof(P2pSummary))]
public sealed partial class MarketsJsonContext : JsonSerializerContext;
