namespace Lem.Cli.Output.Records;

/// <summary>
/// <c>lem flex --format json</c> (docs/mechanisms/flexibility.md#cli): the outcome, what the DSO pays, the rounds, the
/// orders, the locational flexibility prices and the AC violations before and after; then, for the call clearing
/// (<c>--trading auction</c>), the rule and model used and the binding limits, and for continuous trading the trading
/// mode, the pricing and every match; then the notes.
/// </summary>
/// <param name="Status">cleared, insufficient_flexibility, violations_remain or power_flow_failed.</param>
/// <param name="CostEur">What the DSO pays under the pricing rule, EUR.</param>
/// <param name="Rounds">The most linearise–clear–AC-check rounds a slot needed; for continuous trading the number of matches tried.</param>
/// <param name="Orders">The orders.</param>
/// <param name="FlexPrices">The flexibility price of every bus in every slot; for continuous trading per slot and bus with orders the highest price ordered there.</param>
/// <param name="ViolationsBefore">The AC violations of the baseline.</param>
/// <param name="ViolationsAfter">The AC violations with the orders.</param>
/// <param name="Trading">continuous, or null (left out) for the call clearing.</param>
/// <param name="Pricing">pay-as-bid or uniform.</param>
/// <param name="Sensitivities">lindistflow, dc or lindist3flow (call clearing only).</param>
/// <param name="BindingLimits">The binding limits and their duals (call clearing only).</param>
/// <param name="Matches">Every match in arrival order (continuous trading only).</param>
/// <param name="Notes">Why a limit could not be met.</param>
public sealed record FlexJson(
    string Status,
    decimal CostEur,
    int Rounds,
    IReadOnlyList<FlexOrderJson> Orders,
    IReadOnlyList<FlexPriceJson> FlexPrices,
    IReadOnlyList<FlexViolationJson> ViolationsBefore,
    IReadOnlyList<FlexViolationJson> ViolationsAfter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Trading,
    string Pricing,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sensitivities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FlexLimitJson>? BindingLimits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FlexMatchJson>? Matches,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Per slot, the per-phase AC state before and after the orders when the clearing ran on three phases
    /// (lindist3flow, docs/three-phase.md#flexibility-on-three-phases); null (left out) otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FlexPhaseAcJson>? PhaseAc { get; init; }
}
