namespace Lem.Markets.Flexibility.Continuous;

/// <summary>The outcome of a run of continuous trading: the match events in order.</summary>
/// <param name="Events">The events.</param>
public sealed record ContinuousFlexResult(IReadOnlyList<FlexMatchEvent> Events)
{
    /// <summary>What the buyers pay, pay-as-bid (EUR).</summary>
    public decimal CostEur => Events.Sum(e => e.CostEur);

    /// <summary>The volume ordered over all matches (kW).</summary>
    public double OrderedKw => Events.Sum(e => e.OrderedKw);
}
