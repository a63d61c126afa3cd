using System.Text.Json.Serialization;

namespace Lem.Markets.Pool;

/// <summary>The <c>model</c> member of the pool's summary.</summary>
/// <param name="Variables">Variables.</param>
/// <param name="Constraints">Constraints (rows).</param>
/// <param name="Binaries">Binary variables.</param>
/// <param name="BuildSeconds">Model building time, s.</param>
/// <param name="SolveSeconds">Solver time, s.</param>
/// <param name="Solver">The solver's name, or null.</param>
public sealed record PoolModelSummary(
    [property: JsonPropertyName("variables")] int Variables,
    [property: JsonPropertyName("constraints")] int Constraints,
    [property: JsonPropertyName("binaries")] int Binaries,
    [property: JsonPropertyName("build_seconds")] double BuildSeconds,
    [property: JsonPropertyName("solve_seconds")] double SolveSeconds,
    [property: JsonPropertyName("solver")] string? Solver);
