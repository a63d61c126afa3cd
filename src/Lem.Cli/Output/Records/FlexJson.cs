namespace Lem.Cli.Output.Records;

/// <summary>
/// <c>lem flex --format json</c> (docs/mechanisms/flexibility.md#cli): the outcome, what the DSO pays, the rounds, the
/// orders, the locational flexibility prices and the AC violations before and after; then the rule and model used, the
/// binding limits and notes.
/// </summary>
/// <param name="Status">cleared, insufficient_flexibility, violations_remain or power_flow_failed.</param>
/// <param name="CostEur">What the DSO pays under the pricing rule, EUR.</param>
/// <param name="Rounds">The most linearise–clear–AC-check rounds a slot needed.</param>
/// <param name="Orders">The orders.</param>
/// <param name="FlexPrices">The flexibility price of every bus in every slot.</param>
/// <param name="ViolationsBefore">The AC violations of the baseline.</param>
/// <param name="ViolationsAfter">The AC violations with the orders.</param>
/// <param name="Pricing">pay-as-bid or uniform.</param>
/// <param name="Sensitivities">lindistflow or dc.</param>
/// <param name="BindingLimits">The binding limits and their duals.</param>
/// <param name="Notes">Why a limit could not be met.</param>
public sealed record FlexJson(
    string Status,
    decimal CostEur,
    int Rounds,
    IReadOnlyList<FlexOrderJson> Orders,
    IReadOnlyList<FlexPriceJson> FlexPrices,
    IReadOnlyList<FlexViolationJson> ViolationsBefore,
    IReadOnlyList<FlexViolationJson> ViolationsAfter,
    string Pricing,
    string Sensitivities,
    IReadOnlyList<FlexLimitJson> BindingLimits,
    IReadOnlyList<string> Notes);
