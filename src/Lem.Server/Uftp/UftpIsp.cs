namespace Lem.Server.Uftp;

/// <summary>One ISP element: the first ISP (1-based within the period), how many ISPs it covers, and the power in watts (positive = consumption).</summary>
/// <param name="Start">The first ISP, from 1.</param>
/// <param name="Duration">The number of ISPs covered, at least 1.</param>
/// <param name="PowerW">The power in watts.</param>
/// <param name="MaxPowerW">A FlexRequest ISP's upper bound in watts (its <see cref="PowerW"/> is then the lower bound); null otherwise.</param>
/// <param name="Requested">A FlexRequest ISP's disposition: true for Requested, false for Available.</param>
internal sealed record UftpIsp(long Start, long Duration, long PowerW, long? MaxPowerW = null, bool Requested = false)
{
    /// <summary>The last ISP covered.</summary>
    public long End => Start + Duration - 1;
}
