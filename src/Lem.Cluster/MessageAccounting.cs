using Lem.Markets.Distributed;
using Lem.Markets.PeerToPeer;

namespace Lem.Cluster;

/// <summary>
/// The messages a grain call stands for, counted as the in-process engines count them (docs/cluster.md#message-accounting,
/// docs/mechanisms/admm.md): a broadcast signal (exchange, community, cost request) is one message to the agent and its
/// answer one message back; a P2P call carries the partners' proposals, already counted when they were sent, and its
/// answer is one proposal of the slots' trades to each partner plus one message of two residual terms.
/// </summary>
public static class MessageAccounting
{
    /// <summary>The messages and encoded bytes of a call with <paramref name="request"/> answered by <paramref name="answer"/>.</summary>
    public static (long Messages, long Bytes) Of(CoordinatorMessage request, AgentMessage? answer)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request is P2pSignal signal)
        {
            if (answer is not P2pProposal proposal || signal.PartnerIds.Count == 0)
            {
                return (0, 0);
            }

            var partners = signal.PartnerIds.Count;
            var slots = proposal.Trades.Count / partners;
            return (partners + 1L, (partners * (long)MessageEncoding.Bytes(slots, 0)) + MessageEncoding.Bytes(2, 0));
        }

        return answer is null ? (1, request.EncodedBytes) : (2, (long)request.EncodedBytes + answer.EncodedBytes);
    }
}
