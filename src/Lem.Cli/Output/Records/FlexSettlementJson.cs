namespace Lem.Cli.Output.Records;

/// <summary>
/// <c>lem flex settle --format json</c> (docs/mechanisms/flexibility.md#settlement): the clearing's status, the baseline
/// method and penalty rate, one UFTP FlexSettlement line per order and slot, and the monthly statements per FSP.
/// </summary>
/// <param name="Status">The status of the clearing whose orders are settled.</param>
/// <param name="Baseline">The baseline method: prognosis, nomination or x_of_y.</param>
/// <param name="PenaltyEurPerMwh">The under-delivery penalty rate, EUR/MWh.</param>
/// <param name="NetSettlementEur">What the DSO owes all FSPs together, EUR.</param>
/// <param name="Settlements">The order lines.</param>
/// <param name="Statements">The monthly statements.</param>
public sealed record FlexSettlementJson(
    string Status,
    string Baseline,
    double PenaltyEurPerMwh,
    decimal NetSettlementEur,
    IReadOnlyList<FlexSettlementLineJson> Settlements,
    IReadOnlyList<FlexStatementJson> Statements);
