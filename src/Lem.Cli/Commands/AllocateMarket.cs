namespace Lem.Cli.Commands;

/// <summary>The community's own pool market: each player's payment at the local prices and the clearing's cost.</summary>
/// <param name="PaymentsEur">Each player's payment in EUR, in player order.</param>
/// <param name="CostEur">−welfare of the clearing in EUR (equals C(N)).</param>
internal sealed record AllocateMarket(IReadOnlyList<double> PaymentsEur, double CostEur);
