using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// The FSP's nomination as its baseline: the schedule it declared before gate closure (docs/mechanisms/flexibility.md#baselines).
/// </summary>
public sealed class NominationBaseline : IFlexBaseline
{
    /// <inheritdoc />
    public string Name => "nomination";

    /// <inheritdoc />
    public string? Check(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Nominations.Any(n => n.Fsp == fsp) ? null : $"FSP '{fsp}' has no nomination (a flexibility.nominations entry) to serve as its baseline.";
    }

    /// <inheritdoc />
    public IReadOnlyList<double> BaselineKw(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Nominations.Single(n => n.Fsp == fsp).PowerKw;
    }
}
