namespace Lem.Settlement.Invoices.Json;

/// <summary>The community summary's <c>budget</c> (totals in EUR with two decimals).</summary>
/// <param name="Identity">The budget identity.</param>
/// <param name="Balanced">Whether the identity holds.</param>
/// <param name="PaidByBuyersEur">Paid by the buyers.</param>
/// <param name="ReceivedBySellersEur">Received by the sellers.</param>
/// <param name="GridTariffsEur">Grid tariffs.</param>
/// <param name="TaxesAndLeviesEur">Taxes and levies.</param>
/// <param name="VatEur">VAT.</param>
/// <param name="OperatorFeesEur">Operator fees.</param>
/// <param name="OutsideMarketEur">Paid to the outside market.</param>
/// <param name="ImbalanceOutsideEur">Imbalance paid outside.</param>
/// <param name="OperatorResidualEur">The operator's residual.</param>
/// <param name="Residual">What the residual is made of.</param>
/// <param name="EnergyEur">Net energy payments.</param>
/// <param name="ImbalanceParticipantsEur">Net imbalance payments of the participants.</param>
/// <param name="CompensationEur">Compensation paid.</param>
/// <param name="Slots">The budget per slot.</param>
public sealed record BudgetJson(
    string Identity,
    bool Balanced,
    decimal PaidByBuyersEur,
    decimal ReceivedBySellersEur,
    decimal GridTariffsEur,
    decimal TaxesAndLeviesEur,
    decimal VatEur,
    decimal OperatorFeesEur,
    decimal OutsideMarketEur,
    decimal ImbalanceOutsideEur,
    decimal OperatorResidualEur,
    BudgetResidualJson Residual,
    decimal EnergyEur,
    decimal ImbalanceParticipantsEur,
    decimal CompensationEur,
    IReadOnlyList<BudgetSlotJson> Slots);
