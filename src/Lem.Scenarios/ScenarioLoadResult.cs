using Lem.Pipeline;

namespace Lem.Scenarios;

/// <summary>The outcome of reading a scenario: the scenario when it is valid, and every problem found otherwise.</summary>
/// <param name="Scenario">The scenario, or null when any problem was found.</param>
/// <param name="Errors">Every problem found, in the order found.</param>
/// <param name="Warnings">Remarks that do not make the scenario invalid.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the scenario is valid.</summary>
    public bool IsValid => Scenario is not null && Errors.Count == 0;

    /// <summary>The warnings that have a path and a code (such as <c>value.implausible</c>); each is in <see cref="Warnings"/> as text too.</summary>
    public IReadOnlyList<ValidationError> WarningDetails { get; init; } = [];
}
