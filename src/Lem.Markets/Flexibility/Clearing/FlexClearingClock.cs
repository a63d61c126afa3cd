namespace Lem.Markets.Flexibility.Clearing;

/// <summary>Accumulates the stopwatch ticks of the sections of <see cref="FlexClearingTimings"/>; thread-safe.</summary>
internal sealed class FlexClearingClock
{
    private long _needs;
    private long _sensitivities;
    private long _linear;
    private long _ac;

    public static long Now => Stopwatch.GetTimestamp();

    public void Needs(long start) => Interlocked.Add(ref _needs, Stopwatch.GetTimestamp() - start);

    public void Sensitivities(long start) => Interlocked.Add(ref _sensitivities, Stopwatch.GetTimestamp() - start);

    public void Linear(long start) => Interlocked.Add(ref _linear, Stopwatch.GetTimestamp() - start);

    public void Ac(long start) => Interlocked.Add(ref _ac, Stopwatch.GetTimestamp() - start);

    public FlexClearingTimings Timings(long start) => new(
        Seconds(Stopwatch.GetTimestamp() - start),
        Seconds(_needs),
        Seconds(_sensitivities),
        Seconds(_linear),
        Seconds(_ac));

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;
}
