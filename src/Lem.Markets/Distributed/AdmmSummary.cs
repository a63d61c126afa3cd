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
    int Iterations,
    double PrimalResidual,
    double DualResidual,
    long Messages,
    long Bytes,
    double WallSeconds,
    int TradeCount);
