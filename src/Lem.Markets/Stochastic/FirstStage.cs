namespace Lem.Markets.Stochastic;

/// <summary>
/// Day-ahead (first-stage) decisions, MW, in the order of the problem's lists; a null part is free. A solution has every
/// part; a partial one fixes only some decisions (e.g. the renewables' schedules) when evaluating a given first stage.
/// </summary>
/// <param name="UnitsMw">The producers' schedules g.</param>
/// <param name="DemandsMw">The demands' schedules d.</param>
/// <param name="RenewablesMw">The renewables' schedules W^DA per renewable and slot.</param>
/// <param name="ImportMw">The day-ahead import per slot.</param>
/// <param name="ExportMw">The day-ahead export per slot.</param>
public sealed record FirstStage(
    IReadOnlyList<double>? UnitsMw = null,
    IReadOnlyList<double>? DemandsMw = null,
    IReadOnlyList<IReadOnlyList<double>>? RenewablesMw = null,
    IReadOnlyList<double>? ImportMw = null,
    IReadOnlyList<double>? ExportMw = null);
