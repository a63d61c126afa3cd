namespace Lem.Server.Uftp;

/// <summary>
/// The settlement of one FlexOrder (a UFTP FlexOrderSettlement, docs/uftp.md "Settle phase"): the order's price, the
/// utilisation earned by the delivered flex power, the deficiency penalty, and UFTP's Penalty and NetSettlement with
/// NetSettlement = Price − Penalty = utilisation − deficiency penalty.
/// </summary>
/// <param name="Order">The order.</param>
/// <param name="Baseline">The D-Prognosis used as its baseline.</param>
/// <param name="UtilisationEur">The delivered flex energy times the order's price per MWh (EUR).</param>
/// <param name="DeficiencyPenaltyEur">The energy ordered but not delivered times the penalty rate (EUR).</param>
/// <param name="Isps">The ordered ISPs.</param>
internal sealed record UftpOrderSettlement(UftpFlexOrder Order, UftpPrognosis Baseline, decimal UtilisationEur, decimal DeficiencyPenaltyEur, IReadOnlyList<UftpSettlementIsp> Isps)
{
    /// <summary>NetSettlement: utilisation minus the deficiency penalty, to 10⁻⁴ EUR (UFTP's CurrencyAmountType).</summary>
    public decimal NetSettlementEur => decimal.Round(UtilisationEur - DeficiencyPenaltyEur, 4, MidpointRounding.AwayFromZero);

    /// <summary>UFTP's Penalty: the order's Price minus NetSettlement, i.e. the price of the flex not delivered plus the deficiency penalty.</summary>
    public decimal PenaltyEur => Order.PriceEur - NetSettlementEur;
}
