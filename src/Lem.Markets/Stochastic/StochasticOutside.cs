namespace Lem.Markets.Stochastic;

/// <summary>
/// The outside market in the two-stage problem: day-ahead import and export at the wholesale prices, and real-time
/// balancing (import and export in a scenario) at the imbalance prices; day-ahead plus real-time stays within the limits.
/// </summary>
/// <param name="ImportEurPerMwh">The day-ahead import price per slot, EUR/MWh.</param>
/// <param name="ExportEurPerMwh">The day-ahead export price per slot, EUR/MWh.</param>
/// <param name="ImbalanceImportEurPerMwh">The real-time (shortage) import price per slot, EUR/MWh.</param>
/// <param name="ImbalanceExportEurPerMwh">The real-time (surplus) export price per slot, EUR/MWh.</param>
/// <param name="ImportLimitMw">The import limit, MW (∞ when unlimited).</param>
/// <param name="ExportLimitMw">The export limit, MW (∞ when unlimited).</param>
public sealed record StochasticOutside(
    IReadOnlyList<double> ImportEurPerMwh,
    IReadOnlyList<double> ExportEurPerMwh,
    IReadOnlyList<double> ImbalanceImportEurPerMwh,
    IReadOnlyList<double> ImbalanceExportEurPerMwh,
    double ImportLimitMw,
    double ExportLimitMw);
