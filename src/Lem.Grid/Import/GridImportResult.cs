using Lem.Domain.Validation;

namespace Lem.Grid.Import;

/// <summary>The outcome of importing a grid file: the network when there were no errors, every problem found, and warnings.</summary>
/// <param name="Network">The imported network; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, each with a file:line or JSON path location.</param>
/// <param name="Warnings">Things that were read but not modelled (ignored tables, phase imbalance, ...).</param>
public sealed record GridImportResult(GridNetwork? Network, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>True when the import produced a network and no errors.</summary>
    public bool Succeeded => Network is not null && Errors.Count == 0;

    /// <summary>
    /// The asymmetric elements the file holds (pandapower asymmetric_load and asymmetric_sgen rows). The balanced
    /// <see cref="Network"/> cannot represent them faithfully: a caller solving it must say so or solve three-phase
    /// (docs/three-phase.md).
    /// </summary>
    public int AsymmetricElements { get; init; }
}
