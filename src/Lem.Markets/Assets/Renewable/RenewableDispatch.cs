namespace Lem.Markets.Assets;

/// <summary>The schedule of a PV or wind generator.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Participant">The owner.</param>
/// <param name="Kind">pv or wind.</param>
/// <param name="OutputKw">Output per slot, kW.</param>
/// <param name="CurtailedKw">Available output not produced per slot, kW.</param>
public sealed record RenewableDispatch(AssetId Asset, ParticipantId Participant, string Kind, IReadOnlyList<double> OutputKw, IReadOnlyList<double> CurtailedKw)
    : AssetDispatch(Asset, Participant)
{
    /// <inheritdoc />
    public override string Kind { get; } = Kind;

    /// <inheritdoc />
    public override IReadOnlyList<double> NetInjectionKw => OutputKw;
}
