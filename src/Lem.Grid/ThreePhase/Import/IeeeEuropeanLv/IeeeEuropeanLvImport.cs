using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>The outcome of reading an IEEE European LV CSV package: the feeder when there were no errors, every problem found, and warnings.</summary>
/// <param name="Feeder">The feeder; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, each located by file, line and column.</param>
/// <param name="Warnings">Things read but not modelled.</param>
public sealed record IeeeEuropeanLvImport(IeeeEuropeanLvFeeder? Feeder, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the import produced a feeder and no errors.</summary>
    public bool Succeeded => Feeder is not null && Errors.Count == 0;
}
