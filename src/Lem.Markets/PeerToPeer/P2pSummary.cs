using System.Text.Json.Serialization;

namespace Lem.Markets.PeerToPeer;

/// <summary>The P2P mechanism's extra field of a run's <c>summary.json</c>: the network charges (null without).</summary>
/// <param name="NetworkCharges">The network charges, or null.</param>
public sealed record P2pSummary(
    [property: JsonPropertyName("network_charges")] NetworkChargeSummary? NetworkCharges);
