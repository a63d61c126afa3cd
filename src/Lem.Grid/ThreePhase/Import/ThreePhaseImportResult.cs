using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>The outcome of reading a three-phase network: the network, or every problem found (with the path of the field).</summary>
/// <param name="Network">The network; null when there were errors.</param>
/// <param name="Errors">Every problem found, each with the JSON path (or file and row) of the bad field.</param>
/// <param name="Warnings">Things read but approximated or ignored.</param>
public sealed record ThreePhaseImportResult(ThreePhaseNetwork? Network, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the network was read without errors.</summary>
    public bool Succeeded => Network is not null && Errors.Count == 0;
}
