namespace Lem.Cli.Output.Records;

/// <summary><c>lem opf --format json</c>.</summary>
/// <param name="File">The case file as given.</param>
/// <param name="Formulation">dc, ac, soc or lindistflow.</param>
/// <param name="Status">The solver status, lower case.</param>
/// <param name="Message">The solver's message, or null (left out).</param>
/// <param name="ObjectivePerHour">The generation cost per hour (<c>objective</c>).</param>
/// <param name="LossesMw">Losses, MW.</param>
/// <param name="Solver">The solver's name.</param>
/// <param name="SolverSeconds">Solver time, s.</param>
/// <param name="Buses">Every bus.</param>
/// <param name="Generators">Every generator.</param>
public sealed record OpfJson(
    string File,
    string Formulation,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("objective")] double ObjectivePerHour,
    double LossesMw,
    string Solver,
    double SolverSeconds,
    IReadOnlyList<OpfBusJson> Buses,
    IReadOnlyList<OpfGeneratorJson> Generators);
