namespace Lem.Grid.ThreePhase;

/// <summary>A shunt admittance to ground at a bus in the phase frame, in S (docs/three-phase.md).</summary>
public sealed record ThreePhaseShunt
{
    /// <summary>The user's id.</summary>
    public required string Id { get; init; }

    /// <summary>The bus.</summary>
    public required BusId Bus { get; init; }

    /// <summary>The admittance matrix in S (from sequence data: <see cref="PhaseMatrix.FromSequence"/> of Y0 and Y1).</summary>
    public required PhaseMatrix AdmittanceSiemens { get; init; }

    /// <summary>False when the shunt is out of service.</summary>
    public bool InService { get; init; } = true;
}
