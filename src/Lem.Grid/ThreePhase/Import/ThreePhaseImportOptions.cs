namespace Lem.Grid.ThreePhase.Import;

/// <summary>Options of a three-phase import.</summary>
public sealed record ThreePhaseImportOptions
{
    /// <summary>The default options.</summary>
    public static ThreePhaseImportOptions Default { get; } = new();

    /// <summary>The step (for the IEEE European LV feeder: the minute, 1-based) whose loads the network holds; null: the format's default (the first).</summary>
    public int? Step { get; init; }
}
