namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The result of one bus of a three-phase power flow.</summary>
public sealed record ThreePhaseBusResult
{
    /// <summary>The bus.</summary>
    public required BusId Id { get; init; }

    /// <summary>The phase voltages a, b, c.</summary>
    public required IReadOnlyList<PhaseVoltage> Phases { get; init; }

    /// <summary>The voltage unbalance factor |V₂| / |V₁| in percent (EN 50160 limit 2 %).</summary>
    public required double VoltageUnbalancePercent { get; init; }
}
