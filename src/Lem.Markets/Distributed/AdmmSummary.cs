using System.Text.Json.Serialization;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Distributed;

/// <summary>The distributed mechanisms' own fields of a run's <c>summary.json</c>.</summary>
/// <param name="Iterations">ADMM iterations.</param>
/// <param name="PrimalResidual">The final primal residual.</param>
/// <param name="DualResidual">The final dual residual.</param>
/// <param name="Messages">Messages exchanged.</param>
/// <param name="Bytes">Bytes exchanged.</param>
/// <param name="WallSeconds">Wall-clock time, s.</param>
/// <param name="TradeCount">Bilateral trades.</param>
public sealed record AdmmSummary(
    [property: JsonPropertyName("iterations")] int Iterations,
    [property: JsonPropertyName("primal_residual")] double PrimalResidual,
    [property: JsonPropertyName("dual_residual")] double DualResidual,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("wall_seconds")] double WallSeconds,
    [property: JsonPropertyName("trade_count")] int TradeCount);
