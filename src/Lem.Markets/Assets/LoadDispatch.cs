namespace Lem.Markets.Assets;

/// <summary>The schedule of a load: inflexible, curtailable or flexible.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The owner.</param>
/// <param name="Kind">inflexible_load, curtailable_load or flexible_load.</param>
/// <param name="ConsumptionKw">Power drawn per slot, kW (≥ 0).</param>
/// <param name="ShedKw">Demand not served per slot, kW (curtailable loads; zero for the others).</param>
public sealed record LoadDispatch(AssetId Asset, ParticipantId Participant, string Kind, IReadOnlyList<double> ConsumptionKw, IReadOnlyList<double> ShedKw)
    : AssetDispatch(Asset, Participant)
{
    /// <inheritdoc />
    public override string Kind { get; } = Kind;

    /// <inheritdoc />
    public override IReadOnlyList<double> NetInjectionKw => [.. ConsumptionKw.Select(c => -c)];

    /// <inheritdoc />
    public override IReadOnlyList<double> ReactiveConsumptionKw => ConsumptionKw;
}
