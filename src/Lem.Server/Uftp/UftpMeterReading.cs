namespace Lem.Server.Uftp;

/// <summary>The metered power of an aggregator's portfolio at a congestion point on one day, per ISP (docs/uftp.md, "Settle phase").</summary>
/// <param name="CongestionPoint">The congestion point's entity address.</param>
/// <param name="Period">The day.</param>
/// <param name="Isps">The ISPs with their ActualPower in <see cref="UftpIsp.PowerW"/> (watts, positive = consumption).</param>
internal sealed record UftpMeterReading(string CongestionPoint, DateOnly Period, IReadOnlyList<UftpIsp> Isps);
