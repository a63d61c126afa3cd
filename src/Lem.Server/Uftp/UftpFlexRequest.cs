namespace Lem.Server.Uftp;

/// <summary>A FlexRequest Lem sent.</summary>
/// <param name="MessageId">Its MessageID.</param>
/// <param name="ConversationId">Its ConversationID.</param>
/// <param name="Recipient">The aggregator's domain.</param>
/// <param name="CongestionPoint">The congestion point's entity address.</param>
/// <param name="Period">The day.</param>
/// <param name="Expiration">When it expires.</param>
/// <param name="Isps">The ISPs (power bands, requested or available).</param>
internal sealed record UftpFlexRequest(string MessageId, string ConversationId, string Recipient, string CongestionPoint, DateOnly Period, DateTimeOffset Expiration, IReadOnlyList<UftpIsp> Isps)
{
    /// <summary>The aggregator's answer: null until its FlexRequestResponse arrives, then Accepted or Rejected.</summary>
    public string? Result { get; set; }
}
