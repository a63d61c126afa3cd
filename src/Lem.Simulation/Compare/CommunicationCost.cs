using Lem.Simulation.Days;

namespace Lem.Simulation.Compare;

/// <summary>
/// Messages and bytes of a simulated day (docs/comparison.md#communication). A distributed mechanism counts its own
/// (<see cref="SimulatedDay.Messages"/>, from the ADMM's "messages" and "bytes" diagnostics). A central mechanism
/// collects one bid message per participant and sends one result message back: a bid is encoded as 16 bytes (an 8-byte
/// quantity and an 8-byte price) per slot for each of its assets plus 16 bytes per step of an explicit order, a
/// result as 16 bytes (position and price) per slot. Participants without assets or orders send nothing.
/// </summary>
public static class CommunicationCost
{
    /// <summary>Bytes of one (quantity, price) pair.</summary>
    public const int PairBytes = 16;

    /// <summary>The messages and bytes of a day.</summary>
    public static (long Messages, long Bytes) Of(SimulatedDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Messages > 0)
        {
            return (day.Messages, day.Bytes);
        }

        var market = day.DayAheadMarket;
        var slots = market.Horizon.Count;
        long messages = 0, bytes = 0;
        foreach (var p in market.Participants)
        {
            if (p.Assets.Count + p.Orders.Count == 0)
            {
                continue;
            }

            messages += 2;
            bytes += (long)PairBytes * (((long)slots * p.Assets.Count) + p.Orders.Sum(o => (long)o.Steps.Count) + slots);
        }

        return (messages, bytes);
    }
}
