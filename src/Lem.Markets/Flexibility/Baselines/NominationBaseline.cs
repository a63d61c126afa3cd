namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// The FSP's nomination as its baseline: the schedule it declared before gate closure (docs/mechanisms/flexibility.md#baselines).
/// An FSP has at most one nomination (the scenario reader refuses a second).
/// </summary>
public sealed class NominationBaseline() : DeclaredScheduleBaseline("nomination")
{
    /// <inheritdoc />
    protected override IEnumerable<IReadOnlyList<double>> Schedules(FlexMarket market, ParticipantId fsp) =>
        market.Nominations.Where(n => n.Fsp == fsp).Select(n => n.PowerKw);

    /// <inheritdoc />
    protected override string Missing(ParticipantId fsp) => "nomination (a flexibility.nominations entry)";
}
