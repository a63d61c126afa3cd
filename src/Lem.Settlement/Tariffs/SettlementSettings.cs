namespace Lem.Settlement.Tariffs;

/// <summary>
/// How a scenario's clearing results are settled: who the outside market's counterparty is, the grid tariff, taxes
/// and levies, the market operator's fee, the imbalance rule and the compensation rule (the scenario's optional
/// <c>settlement</c> section; docs/settlement.md).
/// </summary>
/// <remarks>
/// Every amount is per participant. "Per period" means per billing period, which is the scenario's horizon. Without a
/// <c>settlement</c> section everything is zero: participants pay the cleared prices and nothing else, the operator
/// trades with the outside market at the wholesale prices, imbalances are priced at the wholesale import price.
/// </remarks>
public sealed record SettlementSettings
{
    /// <summary>The settings of a scenario without a <c>settlement</c> section.</summary>
    public static SettlementSettings Default { get; } = new();

    /// <summary>Whether the scenario had a <c>settlement</c> section (false for <see cref="Default"/>).</summary>
    public bool IsSpecified { get; init; }

    /// <summary>Whom the market operator buys the community's imports from and sells its exports to.</summary>
    public SettlementCounterparty OutsideCounterparty { get; init; } = SettlementCounterparty.Wholesale;

    /// <summary>The DSO's grid tariff.</summary>
    public TariffGrid Grid { get; init; } = TariffGrid.None;

    /// <summary>Taxes, levies and VAT.</summary>
    public TariffTaxes Taxes { get; init; } = TariffTaxes.None;

    /// <summary>The market operator's fee.</summary>
    public TariffOperatorFee OperatorFee { get; init; } = TariffOperatorFee.None;

    /// <summary>How deviations of metered energy from the cleared schedule are priced.</summary>
    public SettlementImbalance Imbalance { get; init; } = SettlementImbalance.Default;

    /// <summary>Whether participants who would be worse off than on the retail tariff are compensated by the others.</summary>
    public SettlementCompensationRule Compensation { get; init; } = SettlementCompensationRule.None;
}
