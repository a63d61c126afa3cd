namespace Lem.Cli.Output.Records;

/// <summary>
/// <c>lem flex --trading continuous --format json</c> (docs/mechanisms/flexibility.md#continuous-trading): the fields of
/// <see cref="FlexJson"/> first (status, cost, rounds, orders, prices, violations before and after), then the trading
/// mode and what is specific to it: every match in order, refused and reduced ones with the element the wanted volume
/// would violate.
/// </summary>
/// <param name="Status">cleared when no AC violation remains, otherwise violations_remain.</param>
/// <param name="CostEur">What the DSO pays, pay-as-bid, EUR.</param>
/// <param name="Rounds">The number of matches tried (each one grid check).</param>
/// <param name="Orders">The orders: each match that ordered a volume.</param>
/// <param name="FlexPrices">Per slot and bus with orders: the highest price ordered there (the marginal offer of the bus).</param>
/// <param name="ViolationsBefore">The AC violations of the baseline.</param>
/// <param name="ViolationsAfter">The AC violations with the orders.</param>
/// <param name="Trading">continuous.</param>
/// <param name="Pricing">pay-as-bid (continuous trading pays each order its offer's price).</param>
/// <param name="Matches">Every match in arrival order.</param>
/// <param name="Notes">The notes of the automatic requests.</param>
public sealed record FlexContinuousJson(
    string Status,
    decimal CostEur,
    int Rounds,
    IReadOnlyList<FlexOrderJson> Orders,
    IReadOnlyList<FlexPriceJson> FlexPrices,
    IReadOnlyList<FlexViolationJson> ViolationsBefore,
    IReadOnlyList<FlexViolationJson> ViolationsAfter,
    string Trading,
    string Pricing,
    IReadOnlyList<FlexMatchJson> Matches,
    IReadOnlyList<string> Notes);
