namespace Lem.Server.Uftp;

/// <summary>One ISP of a FlexOrderSettlement (watts, positive = consumption, as every UFTP power).</summary>
/// <param name="Isp">The ISP, from 1.</param>
/// <param name="BaselinePowerW">BaselinePower: the baseline D-Prognosis's power.</param>
/// <param name="OrderedFlexPowerW">OrderedFlexPower: the option's power times the activation factor.</param>
/// <param name="ActualPowerW">ActualPower: the metered power.</param>
/// <param name="DeliveredFlexPowerW">DeliveredFlexPower: the part of the ordered flex power delivered, with its sign.</param>
/// <param name="PowerDeficiencyW">PowerDeficiency: ordered minus delivered flex power.</param>
internal sealed record UftpSettlementIsp(long Isp, long BaselinePowerW, long OrderedFlexPowerW, long ActualPowerW, long DeliveredFlexPowerW, long PowerDeficiencyW);
