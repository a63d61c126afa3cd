namespace Lem.Settlement.Billing;

/// <summary>
/// The community's budget identity in whole cents:
/// paid by buyers = received by sellers + grid tariffs + taxes and levies + VAT + operator fees + outside market
/// + imbalance + operator residual.
/// </summary>
/// <remarks>
/// The grid tariffs, taxes, VAT and fees are the sums of the rounded invoice lines, so they reach the DSO, the state and
/// the operator exactly as billed. The outside-market payment and the community's imbalance are rounded to the cent once.
/// The operator's residual closes the identity and is explained by <see cref="MerchandisingSurplusEur"/> (congestion rent
/// and price differences between the clearing and the outside counterparty), <see cref="ImbalanceSpreadEur"/> (dual
/// pricing) and <see cref="RoundingEur"/>, which is at most half a cent per rounded energy, imbalance and outside amount.
/// </remarks>
/// <param name="PaidByBuyersEur">Σ of the positive invoice totals, EUR.</param>
/// <param name="ReceivedBySellersEur">Σ of the negative invoice totals, as a positive number, EUR.</param>
/// <param name="EnergyEur">Σ of the rounded energy lines of all invoices (net paid for energy), EUR.</param>
/// <param name="GridTariffsEur">Σ of the rounded grid-tariff lines: the DSO's revenue, EUR.</param>
/// <param name="TaxesAndLeviesEur">Σ of the rounded levy lines, EUR.</param>
/// <param name="VatEur">Σ of the VAT lines, EUR.</param>
/// <param name="OperatorFeesEur">Σ of the operator-fee lines, EUR.</param>
/// <param name="ImbalanceParticipantsEur">Σ of the rounded imbalance lines (net paid by participants for imbalance), EUR.</param>
/// <param name="CompensationEur">Σ of the compensation lines (zero: transfers among participants), EUR.</param>
/// <param name="OutsideMarketEur">What the operator pays the outside counterparty for the scheduled import minus what it receives for the export, rounded to the cent.</param>
/// <param name="ImbalanceOutsideEur">What the operator pays for the community's net imbalance at the reference price, rounded to the cent.</param>
/// <param name="OperatorResidualEur">The operator's residual that closes the identity, EUR (whole cents).</param>
/// <param name="MerchandisingSurplusEur">The exact merchandising surplus: Σ exact energy amounts − exact outside-market payment, EUR.</param>
/// <param name="ImbalanceSpreadEur">The exact imbalance spread: Σ exact imbalance amounts − exact community imbalance payment, EUR.</param>
/// <param name="RoundingEur">The rounding part of the residual: residual − surplus − spread, EUR.</param>
/// <param name="RoundingBoundEur">The largest rounding the identity allows: half a cent per rounded energy, imbalance and outside amount, EUR.</param>
/// <param name="Slots">The slot-wise exact identity.</param>
public sealed record BudgetBalance(
    decimal PaidByBuyersEur,
    decimal ReceivedBySellersEur,
    decimal EnergyEur,
    decimal GridTariffsEur,
    decimal TaxesAndLeviesEur,
    decimal VatEur,
    decimal OperatorFeesEur,
    decimal ImbalanceParticipantsEur,
    decimal CompensationEur,
    decimal OutsideMarketEur,
    decimal ImbalanceOutsideEur,
    decimal OperatorResidualEur,
    decimal MerchandisingSurplusEur,
    decimal ImbalanceSpreadEur,
    decimal RoundingEur,
    decimal RoundingBoundEur,
    IReadOnlyList<BudgetSlot> Slots)
{
    /// <summary>The net of all invoices: paid by buyers − received by sellers, EUR.</summary>
    public decimal NetBillsEur => PaidByBuyersEur - ReceivedBySellersEur;

    /// <summary>
    /// Whether the identity holds to the cent: every figure is in whole cents, the two sides are equal, the invoices'
    /// categories add up to the net of the bills, and the rounding is within its bound.
    /// </summary>
    public bool IsBalanced
    {
        get
        {
            decimal[] all = [PaidByBuyersEur, ReceivedBySellersEur, EnergyEur, GridTariffsEur, TaxesAndLeviesEur, VatEur, OperatorFeesEur, ImbalanceParticipantsEur, CompensationEur, OutsideMarketEur, ImbalanceOutsideEur, OperatorResidualEur];
            var cents = all.All(v => decimal.Round(v, 2) == v);
            var identity = PaidByBuyersEur == ReceivedBySellersEur + GridTariffsEur + TaxesAndLeviesEur + VatEur + OperatorFeesEur + OutsideMarketEur + ImbalanceOutsideEur + OperatorResidualEur;
            var categories = NetBillsEur == EnergyEur + GridTariffsEur + TaxesAndLeviesEur + VatEur + OperatorFeesEur + ImbalanceParticipantsEur + CompensationEur;
            return cents && identity && categories && CompensationEur == 0 && Math.Abs(RoundingEur) <= RoundingBoundEur;
        }
    }
}
