namespace Lem.Markets.Exchange;

/// <summary>The last iterate of <see cref="SharingCore"/>: positions per agent (the coordinator's own last), prices per slot, total cost if asked.</summary>
internal sealed record SharingOutcome(double[][] Positions, double[] PricesEurPerMwh, double? TotalCostEur, AdmmDiagnostics Diagnostics);
