namespace Lem.Server.Uftp;

/// <summary>An accepted FlexOffer.</summary>
/// <param name="MessageId">Its MessageID.</param>
/// <param name="ConversationId">Its ConversationID.</param>
/// <param name="Sender">The aggregator's domain.</param>
/// <param name="CongestionPoint">The congestion point's entity address.</param>
/// <param name="Period">The day.</param>
/// <param name="Expiration">When it expires.</param>
/// <param name="PrognosisMessageId">The D-Prognosis it is based on, if given.</param>
/// <param name="Options">Its mutually exclusive options.</param>
internal sealed record UftpFlexOffer(string MessageId, string ConversationId, string Sender, string CongestionPoint, DateOnly Period, DateTimeOffset Expiration, string? PrognosisMessageId, IReadOnlyList<UftpOfferOption> Options)
{
    /// <summary>True once revoked by its sender.</summary>
    public bool Revoked { get; set; }

    /// <summary>The MessageID of the FlexOrder that ordered it, once ordered.</summary>
    public string? OrderMessageId { get; set; }
}
