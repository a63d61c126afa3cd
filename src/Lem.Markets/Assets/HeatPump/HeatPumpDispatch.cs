namespace Lem.Markets.Assets;

/// <summary>The schedule of a heat pump with a thermal store.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The owner.</param>
/// <param name="ElectricKw">Electric power drawn per slot, kW.</param>
/// <param name="HeatKw">Heat delivered to the store per slot, COP·P, kW_th.</param>
/// <param name="StoredHeatKwh">Heat in the store at the end of each slot, kWh_th.</param>
public sealed record HeatPumpDispatch(AssetId Asset, ParticipantId Participant, IReadOnlyList<double> ElectricKw, IReadOnlyList<double> HeatKw, IReadOnlyList<double> StoredHeatKwh)
    : AssetDispatch(Asset, Participant)
{
    /// <inheritdoc />
    public override string Kind => "heat_pump";

    /// <inheritdoc />
    public override IReadOnlyList<double> NetInjectionKw => [.. ElectricKw.Select(p => -p)];

    /// <inheritdoc />
    public override IReadOnlyList<double> ReactiveConsumptionKw => ElectricKw;

    /// <inheritdoc />
    public override StorageSchedule Storage => new(ElectricKw, new double[ElectricKw.Count], StoredHeatKwh);
}
