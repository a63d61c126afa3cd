namespace Lem.Markets.PeerToPeer;

/// <summary>Agent n's trade proposals p_nm per partner and slot (partner-major, in the order of the signal's partners; positive: n sells).</summary>
/// <param name="SenderId">The agent.</param>
/// <param name="Trades">p_nm, entry [k·slots + t].</param>
public sealed record P2pProposal(string SenderId, IReadOnlyList<double> Trades) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => Trades.Count;
}
