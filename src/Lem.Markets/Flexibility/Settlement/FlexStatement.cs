namespace Lem.Markets.Flexibility.Settlement;

/// <summary>An FSP's monthly flexibility statement (docs/mechanisms/flexibility.md#settlement): the sums over its settled order lines of one calendar month.</summary>
/// <param name="Fsp">The FSP.</param>
/// <param name="Month">The calendar month of the slots' start, <c>yyyy-MM</c> in the horizon's offset (or <c>slots</c> when slot times are unknown).</param>
/// <param name="Lines">The number of order lines (order × slot).</param>
/// <param name="OrderedKwh">The ordered energy (kWh).</param>
/// <param name="DeliveredKwh">The delivered energy (kWh).</param>
/// <param name="DeficiencyKwh">The energy ordered but not delivered (kWh).</param>
/// <param name="UtilisationEur">The utilisation payments (EUR).</param>
/// <param name="AvailabilityEur">The availability payments (EUR).</param>
/// <param name="PenaltyEur">The penalties (EUR).</param>
public sealed record FlexStatement(ParticipantId Fsp, string Month, int Lines, double OrderedKwh, double DeliveredKwh, double DeficiencyKwh, decimal UtilisationEur, decimal AvailabilityEur, decimal PenaltyEur)
{
    /// <summary>What the DSO owes the FSP for the month: utilisation plus availability minus penalties (EUR).</summary>
    public decimal NetEur => UtilisationEur + AvailabilityEur - PenaltyEur;
}
