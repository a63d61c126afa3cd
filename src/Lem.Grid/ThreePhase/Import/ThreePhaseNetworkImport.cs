using Lem.Domain.Validation;

namespace Lem.Grid.ThreePhase.Import;

/// <summary>The outcome of a three-phase import: the network when there were no errors, every problem found, warnings and, where the format has them, the load profiles.</summary>
/// <param name="Network">The network; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, each located in its file.</param>
/// <param name="Warnings">Things read but not modelled.</param>
public sealed record ThreePhaseNetworkImport(ThreePhaseNetwork? Network, IReadOnlyList<ValidationError> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>The loads over time; null when the format has no profiles.</summary>
    public ThreePhaseLoadSeries? LoadSeries { get; init; }

    /// <summary>True when the import produced a network and no errors.</summary>
    public bool Succeeded => Network is not null && Errors.Count == 0;
}
