using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// A source of the phase-frame model (docs/three-phase.md): its bus position, the balanced internal voltage set in V,
/// and, unless ideal, the Norton admittance of its short-circuit impedance in S.
/// </summary>
/// <param name="Source">The source.</param>
/// <param name="Bus">The bus position.</param>
/// <param name="Voltage">The internal phase voltages a, b, c in V.</param>
/// <param name="Admittance">The 3×3 Norton admittance; null for an ideal source (the bus voltage is fixed).</param>
internal sealed record SourceTerm(ThreePhaseSource Source, int Bus, Complex[] Voltage, PhaseMatrix? Admittance);
