namespace Lem.Markets.Flexibility.Continuous;

/// <summary>The outcome of a run of continuous trading: the match events in order, and the AC power flow per slot before and after.</summary>
/// <param name="Events">The events.</param>
public sealed record ContinuousFlexResult(IReadOnlyList<FlexMatchEvent> Events)
{
    /// <summary>What the buyers pay, pay-as-bid (EUR).</summary>
    public decimal CostEur => Events.Sum(e => e.CostEur);

    /// <summary>The volume ordered over all matches (kW).</summary>
    public double OrderedKw => Events.Sum(e => e.OrderedKw);

    /// <summary>The AC power flow of each slot's baseline (empty when the run did not record it).</summary>
    public IReadOnlyList<FlexAcSlot> Before { get; init; } = [];

    /// <summary>The AC power flow of each slot with every order (empty when the run did not record it).</summary>
    public IReadOnlyList<FlexAcSlot> After { get; init; } = [];

    /// <summary>The notes of the automatic requests (why a need could not be expressed as a request).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The AC violations of the baseline.</summary>
    public IEnumerable<FlexViolation> ViolationsBefore => Before.SelectMany(s => s.Violations);

    /// <summary>The AC violations with the orders.</summary>
    public IEnumerable<FlexViolation> ViolationsAfter => After.SelectMany(s => s.Violations);
}
