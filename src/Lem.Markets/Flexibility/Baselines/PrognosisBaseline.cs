namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// The FSP's own prognosis (UFTP D-Prognosis) as its baseline: the sum over the prognoses tagged with the FSP
/// (docs/mechanisms/flexibility.md#baselines).
/// </summary>
public sealed class PrognosisBaseline() : DeclaredScheduleBaseline("prognosis")
{
    /// <inheritdoc />
    protected override IEnumerable<IReadOnlyList<double>> Schedules(FlexMarket market, ParticipantId fsp) =>
        market.Prognoses.Where(p => p.Fsp == fsp).Select(p => p.PowerKw);

    /// <inheritdoc />
    protected override string Missing(ParticipantId fsp) => $"prognosis (a flexibility.prognoses entry with \"fsp\": \"{fsp}\")";
}
