namespace Lem.Markets.Assets;

/// <summary>The schedule of a stationary battery.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The owner.</param>
/// <param name="ChargeKw">Charging power drawn from the grid per slot, kW.</param>
/// <param name="DischargeKw">Discharging power injected per slot, kW.</param>
/// <param name="SocKwh">State of charge at the end of each slot, kWh.</param>
public sealed record BatteryDispatch(AssetId Asset, ParticipantId Participant, IReadOnlyList<double> ChargeKw, IReadOnlyList<double> DischargeKw, IReadOnlyList<double> SocKwh)
    : AssetDispatch(Asset, Participant)
{
    /// <inheritdoc />
    public override string Kind => "battery";

    /// <inheritdoc />
    public override IReadOnlyList<double> NetInjectionKw => [.. DischargeKw.Zip(ChargeKw, (d, c) => d - c)];

    /// <inheritdoc />
    public override StorageSchedule Storage => new(ChargeKw, DischargeKw, SocKwh);
}
