namespace Lem.Cli.Output.Records;

/// <summary>One member's share in <c>lem allocate</c>'s JSON.</summary>
/// <param name="Participant">The member.</param>
/// <param name="AllocationEur">Its share of the community's cost, EUR.</param>
/// <param name="StandaloneEur">Its cost alone, EUR.</param>
/// <param name="SavingsEur">Standalone cost minus share, EUR.</param>
/// <param name="Ci95Eur">The 95 % half-width of a Monte Carlo share, EUR, or null (left out).</param>
/// <param name="MarketEur">What it pays in the community's pool, EUR, or null when the pool does not clear (written as null).</param>
public sealed record AllocationEntryJson(
    string Participant,
    double AllocationEur,
    double StandaloneEur,
    double SavingsEur,
    [property: JsonPropertyName("ci95"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Ci95Eur,
    double? MarketEur);
