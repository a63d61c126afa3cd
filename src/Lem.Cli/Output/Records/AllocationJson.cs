namespace Lem.Cli.Output.Records;

/// <summary><c>lem allocate --format json</c>; fields that do not apply to the method are left out, fairness indices that are not defined are null.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Method">shapley, shapley-mc, nash or nucleolus.</param>
/// <param name="CoreConstraints">Whether Nash bargaining was held in the core.</param>
/// <param name="Game">pool or closed-form.</param>
/// <param name="Players">Members.</param>
/// <param name="TotalEur">The sum of the shares, EUR (<c>total</c>).</param>
/// <param name="GrandCoalitionCostEur">The community's cost C(N), EUR.</param>
/// <param name="StandaloneTotalEur">The sum of the standalone costs, EUR.</param>
/// <param name="Allocations">Every member's share.</param>
/// <param name="ExcludedParticipants">Participants that are not players (no assets or orders).</param>
/// <param name="Jain">Jain's index of the savings, or null.</param>
/// <param name="Gini">The Gini coefficient of the savings, or null.</param>
/// <param name="MarketJain">Jain's index of the market savings, or null.</param>
/// <param name="MarketGini">The Gini coefficient of the market savings, or null.</param>
/// <param name="InCore">Whether the shares are in the core, or null when not checked (written as null).</param>
/// <param name="CoreCheck">The core check, or null (left out).</param>
/// <param name="Stages">The nucleolus's stages, or null (left out).</param>
/// <param name="CoalitionsEvaluated">Coalition costs evaluated.</param>
/// <param name="ClearingsSolved">Pool clearings solved, or null for the closed-form game (left out).</param>
/// <param name="Samples">Permutations sampled, or null (left out).</param>
/// <param name="TargetMet">Whether the confidence target was met, or null (left out).</param>
/// <param name="Ci95Method">How the Monte Carlo 95 % half-widths <c>ci95</c> are computed (<c>student-t+bernstein</c>), or null (left out).</param>
/// <param name="WallSeconds">Wall time, s, rounded to 1e-6.</param>
public sealed record AllocationJson(
    string Scenario,
    string Method,
    bool CoreConstraints,
    string Game,
    int Players,
    [property: JsonPropertyName("total")] double TotalEur,
    double GrandCoalitionCostEur,
    double StandaloneTotalEur,
    IReadOnlyList<AllocationEntryJson> Allocations,
    IReadOnlyList<string> ExcludedParticipants,
    double? Jain,
    double? Gini,
    double? MarketJain,
    double? MarketGini,
    bool? InCore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CoreCheckJson? CoreCheck,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<NucleolusStageJson>? Stages,
    long CoalitionsEvaluated,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ClearingsSolved,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Samples,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? TargetMet,
    [property: JsonPropertyName("ci95_method"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Ci95Method,
    double WallSeconds);
