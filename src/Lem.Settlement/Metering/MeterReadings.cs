namespace Lem.Settlement.Metering;

/// <summary>
/// Metered net energy per participant and slot, kWh (injection positive, like the schedule). A participant and slot
/// without a reading is settled as scheduled (no imbalance).
/// </summary>
public sealed class MeterReadings
{
    private readonly Dictionary<(ParticipantId Participant, int Slot), double> _kwh;

    /// <summary>Creates readings from (participant, slot, kWh) entries; a repeated participant and slot throws.</summary>
    /// <exception cref="ArgumentException">When a participant and slot appear twice, a slot is negative or a value is not finite.</exception>
    public MeterReadings(IEnumerable<(ParticipantId Participant, int Slot, double EnergyKwh)> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        _kwh = [];
        foreach (var (participant, slot, kwh) in readings)
        {
            if (slot < 0 || !double.IsFinite(kwh))
            {
                throw new ArgumentException($"The reading of '{participant}' in slot {slot} is {kwh} kWh; slots must be non-negative and values finite.", nameof(readings));
            }

            if (!_kwh.TryAdd((participant, slot), kwh))
            {
                throw new ArgumentException($"'{participant}' has two readings for slot {slot}.", nameof(readings));
            }
        }
    }

    /// <summary>No readings: everything is settled as scheduled.</summary>
    public static MeterReadings None { get; } = new([]);

    /// <summary>The number of readings.</summary>
    public int Count => _kwh.Count;

    /// <summary>The metered net energy of a participant in a slot, kWh, or null when it was not metered.</summary>
    public double? EnergyKwh(ParticipantId participant, int slot) => _kwh.TryGetValue((participant, slot), out var v) ? v : null;

    /// <summary>The participants that have at least one reading.</summary>
    public IReadOnlySet<ParticipantId> Participants => _kwh.Keys.Select(k => k.Participant).ToHashSet();
}
