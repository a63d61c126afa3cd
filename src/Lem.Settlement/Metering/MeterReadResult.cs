using Lem.Domain.Validation;

namespace Lem.Settlement.Metering;

/// <summary>The outcome of reading a meter file: the readings when the file is valid, else every problem with <c>file:line</c>.</summary>
/// <param name="Readings">The readings, or null when there are errors.</param>
/// <param name="Errors">The problems found, in file order.</param>
public sealed record MeterReadResult(MeterReadings? Readings, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Whether the file was read without problems.</summary>
    public bool IsValid => Errors.Count == 0 && Readings is not null;
}
