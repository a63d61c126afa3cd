namespace Lem.Cli.Output.Records;

/// <summary>One order in one slot, with the UFTP FlexSettlement quantities (kW, injection positive; EUR).</summary>
/// <param name="Offer">The offer ordered.</param>
/// <param name="Fsp">The FSP.</param>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="Direction">up or down.</param>
/// <param name="BaselinePowerKw">BaselinePower: the FSP portfolio's baseline net injection.</param>
/// <param name="OrderedFlexPowerKw">OrderedFlexPower: the ordered change, in the order's direction.</param>
/// <param name="ActualPowerKw">ActualPower: the portfolio's metered net injection.</param>
/// <param name="DeliveredFlexPowerKw">DeliveredFlexPower: the part of the order delivered.</param>
/// <param name="PowerDeficiencyKw">PowerDeficiency: ordered minus delivered.</param>
/// <param name="UtilisationEur">The utilisation payment for the delivered energy.</param>
/// <param name="AvailabilityEur">The availability payment for the ordered power.</param>
/// <param name="PenaltyEur">Penalty: the deficiency's energy times the penalty rate.</param>
/// <param name="NetSettlementEur">NetSettlement: utilisation plus availability minus penalty.</param>
public sealed record FlexSettlementLineJson(
    string Offer,
    string Fsp,
    int Slot,
    string Direction,
    double BaselinePowerKw,
    double OrderedFlexPowerKw,
    double ActualPowerKw,
    double DeliveredFlexPowerKw,
    double PowerDeficiencyKw,
    decimal UtilisationEur,
    decimal AvailabilityEur,
    decimal PenaltyEur,
    decimal NetSettlementEur);
