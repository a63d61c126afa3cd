using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// The FSP's own prognosis (UFTP D-Prognosis) as its baseline: the sum over the prognoses tagged with the FSP
/// (docs/mechanisms/flexibility.md#baselines).
/// </summary>
public sealed class PrognosisBaseline : IFlexBaseline
{
    /// <inheritdoc />
    public string Name => "prognosis";

    /// <inheritdoc />
    public string? Check(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Prognoses.Any(p => p.Fsp == fsp) ? null : $"FSP '{fsp}' has no prognosis (a flexibility.prognoses entry with \"fsp\": \"{fsp}\") to serve as its baseline.";
    }

    /// <inheritdoc />
    public IReadOnlyList<double> BaselineKw(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        var sum = new double[market.SlotCount];
        foreach (var p in market.Prognoses.Where(p => p.Fsp == fsp))
        {
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += p.PowerKw[t];
            }
        }

        return sum;
    }
}
