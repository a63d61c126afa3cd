using Lem.Domain.Validation;

namespace Lem.Simulation.Synthetic;

/// <summary>The outcome of reading a synthetic community file: the spec and its day source, or every problem with its path.</summary>
/// <param name="Spec">The spec, or null when the file has errors.</param>
/// <param name="Source">The day source built from the spec, or null when the file has errors.</param>
/// <param name="Errors">Every problem found, with JSON paths.</param>
/// <param name="Warnings">Warnings.</param>
public sealed record SyntheticReadResult(SyntheticSpec? Spec, SyntheticDaySource? Source, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the file was read without errors.</summary>
    public bool IsValid => Source is not null && Errors.Count == 0;

    /// <summary>A result holding a single error.</summary>
    public static SyntheticReadResult Fail(ValidationError error) => new(null, null, [error], []);
}
