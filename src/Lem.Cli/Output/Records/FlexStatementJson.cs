namespace Lem.Cli.Output.Records;

/// <summary>An FSP's monthly flexibility statement.</summary>
/// <param name="Fsp">The FSP.</param>
/// <param name="Month">yyyy-MM.</param>
/// <param name="Lines">The number of order lines.</param>
/// <param name="OrderedKwh">The ordered energy.</param>
/// <param name="DeliveredKwh">The delivered energy.</param>
/// <param name="DeficiencyKwh">The energy ordered but not delivered.</param>
/// <param name="UtilisationEur">The utilisation payments.</param>
/// <param name="AvailabilityEur">The availability payments.</param>
/// <param name="PenaltyEur">The penalties.</param>
/// <param name="NetEur">Utilisation plus availability minus penalties.</param>
public sealed record FlexStatementJson(
    string Fsp,
    string Month,
    int Lines,
    double OrderedKwh,
    double DeliveredKwh,
    double DeficiencyKwh,
    decimal UtilisationEur,
    decimal AvailabilityEur,
    decimal PenaltyEur,
    decimal NetEur);
