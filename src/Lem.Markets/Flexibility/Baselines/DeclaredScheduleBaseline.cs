namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// A baseline the FSP declares itself (docs/mechanisms/flexibility.md#baselines): the sum of the schedules (kW per slot,
/// injection positive) it has put in the market for itself, a prognosis or a nomination.
/// </summary>
/// <param name="name">The baseline's name in scenario files.</param>
public abstract class DeclaredScheduleBaseline(string name) : IFlexBaseline
{
    /// <inheritdoc />
    public string Name => name;

    /// <inheritdoc />
    public string? Check(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Schedules(market, fsp).Any() ? null : $"FSP '{fsp}' has no {Missing(fsp)} to serve as its baseline.";
    }

    /// <inheritdoc />
    public IReadOnlyList<double> BaselineKw(FlexMarket market, ParticipantId fsp)
    {
        ArgumentNullException.ThrowIfNull(market);
        var sum = new double[market.SlotCount];
        foreach (var schedule in Schedules(market, fsp))
        {
            for (var t = 0; t < sum.Length; t++)
            {
                sum[t] += schedule[t];
            }
        }

        return sum;
    }

    /// <summary>The FSP's declared schedules of this kind in the market.</summary>
    protected abstract IEnumerable<IReadOnlyList<double>> Schedules(FlexMarket market, ParticipantId fsp);

    /// <summary>What the FSP lacks when it has none, for the message of <see cref="Check"/>.</summary>
    protected abstract string Missing(ParticipantId fsp);
}
