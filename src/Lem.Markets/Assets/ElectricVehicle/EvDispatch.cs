namespace Lem.Markets.Assets;

/// <summary>The schedule of an electric vehicle.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The owner.</param>
/// <param name="FirstPluggedSlot">The first slot lying wholly in [arrival, departure) (the horizon's slot count when none).</param>
/// <param name="PluggedSlots">The number of such slots in the horizon.</param>
/// <param name="ChargeKw">Charging power per slot, kW (zero outside the plugged slots).</param>
/// <param name="DischargeKw">Vehicle-to-grid power per slot, kW (zero without V2G).</param>
/// <param name="EnergyKwh">
/// Energy in the vehicle's battery at the end of each slot, kWh: the arrival energy before the plugged slots and the
/// last planned value after them.
/// </param>
/// <param name="RequiredEnergyKwh">
/// The energy it must hold at min(departure, horizon end): its requirement, or with a terminal value what still lets it
/// reach the requirement by a departure after the horizon.
/// </param>
public sealed record EvDispatch(
    AssetId Asset,
    ParticipantId Participant,
    int FirstPluggedSlot,
    int PluggedSlots,
    IReadOnlyList<double> ChargeKw,
    IReadOnlyList<double> DischargeKw,
    IReadOnlyList<double> EnergyKwh,
    double RequiredEnergyKwh)
    : AssetDispatch(Asset, Participant)
{
    /// <inheritdoc />
    public override string Kind => "ev";

    /// <inheritdoc />
    public override IReadOnlyList<double> NetInjectionKw => [.. DischargeKw.Zip(ChargeKw, (d, c) => d - c)];

    /// <inheritdoc />
    public override StorageSchedule Storage => new(ChargeKw, DischargeKw, EnergyKwh);
}
