namespace Lem.Server.Uftp;

/// <summary>An accepted D-Prognosis.</summary>
/// <param name="MessageId">Its MessageID.</param>
/// <param name="Sender">The aggregator's domain.</param>
/// <param name="CongestionPoint">The congestion point's entity address.</param>
/// <param name="Period">The day.</param>
/// <param name="Revision">The revision number.</param>
/// <param name="Isps">The ISPs.</param>
internal sealed record UftpPrognosis(string MessageId, string Sender, string CongestionPoint, DateOnly Period, long Revision, IReadOnlyList<UftpIsp> Isps)
{
    /// <summary>The prognosis's power of an ISP (watts), or null when no ISP element covers it.</summary>
    public long? PowerAt(long isp) => Isps.FirstOrDefault(p => p.Start <= isp && isp <= p.End)?.PowerW;
}
