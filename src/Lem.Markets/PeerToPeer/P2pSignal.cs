namespace Lem.Markets.PeerToPeer;

/// <summary>
/// What reaches agent n in one P2P iteration (docs/mechanisms/admm.md#peer-to-peer-consensus-admm): from each partner m its trade proposal p_mn per slot,
/// and the pair price λ_nm per slot that both partners compute from the exchanged proposals.
/// Arrays are partner-major: entry [k·slots + t] is partner k, slot t.
/// </summary>
/// <param name="Iteration">The iteration.</param>
/// <param name="Rho">The penalty ρ.</param>
/// <param name="PartnerIds">The partners, in the order of the arrays.</param>
/// <param name="PartnerTrades">p_mn: each partner's proposed sale to this agent (negative: purchase).</param>
/// <param name="PairPricesEurPerMwh">λ_nm per partner and slot.</param>
public sealed record P2pSignal(int Iteration, double Rho, IReadOnlyList<string> PartnerIds, IReadOnlyList<double> PartnerTrades, IReadOnlyList<double> PairPricesEurPerMwh) : CoordinatorMessage(Iteration)
{
    /// <summary>
    /// The over-relaxation factor α (<see cref="Lem.Markets.Distributed.AdmmOptions.OverRelaxation"/>) the agent applies to its consensus
    /// point; a constant of the run, sent once at registration (not counted per message).
    /// </summary>
    public double Relaxation { get; init; } = 1.0;

    /// <summary>With the grid agent, the agent's bus coupling (docs/mechanisms/admm.md#p2p-with-the-grid-agent); else null.</summary>
    public BusSignal? Bus { get; init; }

    /// <inheritdoc/>
    public override int ValueCount => 1 + PartnerTrades.Count + PairPricesEurPerMwh.Count + (Bus?.ValueCount ?? 0);

    /// <inheritdoc/>
    public override int IndexCount => PartnerIds.Count;
}
