namespace Lem.Settlement.LocalPricing;

/// <summary>
/// A community price rule between the feed-in and the retail tariff: it prices the members' cleared net positions of a
/// slot ex post from the slot's supply and demand (docs/settlement.md#local-price-rules).
/// </summary>
public interface ILocalPriceRule
{
    /// <summary>The rule's name on the command line (<c>--price-rule</c>).</summary>
    string Name { get; }

    /// <summary>One line on what the rule does.</summary>
    string Description { get; }

    /// <summary>
    /// The buy and sell prices of a slot with total member supply <paramref name="supplyKwh"/> (the sum of the net
    /// injections) and total member demand <paramref name="demandKwh"/> (the sum of the net withdrawals); both prices
    /// lie in [<paramref name="feedInEurPerMwh"/>, <paramref name="retailEurPerMwh"/>].
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When a quantity is negative or not finite, or the feed-in tariff exceeds the retail tariff.</exception>
    LocalSlotPrices Prices(double supplyKwh, double demandKwh, double retailEurPerMwh, double feedInEurPerMwh);
}
