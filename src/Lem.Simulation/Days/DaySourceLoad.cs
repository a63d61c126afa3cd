namespace Lem.Simulation.Days;

/// <summary>The outcome of opening a day source: the source, or every problem found.</summary>
/// <param name="Source">The source, or null when a problem was found.</param>
/// <param name="Errors">Every problem, with its path.</param>
public sealed record DaySourceLoad(IDaySource? Source, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Whether the source opened.</summary>
    public bool IsValid => Source is not null && Errors.Count == 0;

    /// <summary>Warnings that do not keep the source from opening.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
