using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>The node voltages of one prepared solve with how it went (docs/three-phase.md, "Solvers").</summary>
/// <param name="Voltage">The node voltages in V (node 3·bus + phase).</param>
/// <param name="Converged">True when the solve converged.</param>
/// <param name="Iterations">The iterations it took.</param>
/// <param name="Algorithm">The algorithm that produced the voltages.</param>
/// <param name="Message">Why it did not converge, or null.</param>
internal readonly record struct SolveOutcome(Complex[] Voltage, bool Converged, int Iterations, ThreePhaseAlgorithm Algorithm, string? Message);
