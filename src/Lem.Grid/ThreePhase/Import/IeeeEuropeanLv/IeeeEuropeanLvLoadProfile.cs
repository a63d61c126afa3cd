namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>
/// The one-minute profile of one load of the IEEE European LV feeder (docs/three-phase.md): its active power per
/// minute (minute t is row t of its <c>Load Profiles/Load_profile_n.csv</c>) and the constant ratio Q/P of its power factor.
/// </summary>
public sealed record IeeeEuropeanLvLoadProfile
{
    /// <summary>The load's id (the Name column of Loads.csv).</summary>
    public required string LoadId { get; init; }

    /// <summary>The phase the load is connected to (phase–neutral).</summary>
    public required Phase Phase { get; init; }

    /// <summary>The active power in kW of minute t at index t − 1.</summary>
    public required IReadOnlyList<double> PowerKw { get; init; }

    /// <summary>Q / P = tan(arccos(pf)), positive for a lagging (inductive) power factor.</summary>
    public required double ReactivePerActive { get; init; }
}
