namespace Lem.Markets.Flexibility.Clearing;

/// <summary>
/// Where a clearing spent its time (seconds, measured with a stopwatch per section and summed over the slots, so with
/// slots cleared in parallel the sections add up to more than the wall time).
/// </summary>
/// <param name="TotalSeconds">Wall time of the whole clearing.</param>
/// <param name="NeedsSeconds">The automatic requests: the AC power flow of every slot's baseline and its analysis.</param>
/// <param name="SensitivitiesSeconds">Preparing the sensitivity model and computing linear states.</param>
/// <param name="LinearProblemSeconds">Building and solving the selection problems (cuts included).</param>
/// <param name="AcCheckSeconds">The AC power flows of the baselines and of the selections.</param>
public sealed record FlexClearingTimings(double TotalSeconds, double NeedsSeconds, double SensitivitiesSeconds, double LinearProblemSeconds, double AcCheckSeconds)
{
    /// <summary>No time measured.</summary>
    public static FlexClearingTimings None { get; } = new(0, 0, 0, 0, 0);
}
