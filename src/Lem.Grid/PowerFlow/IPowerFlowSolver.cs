using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// A power-flow solver prepared for one <see cref="PowerFlowModel"/>: it keeps its structure (orderings, symbolic
/// factorisation, work arrays) between solves, so that many snapshots of the same network are cheap. An instance is
/// not thread-safe; create one per thread.
/// </summary>
public interface IPowerFlowSolver : IDisposable
{
    /// <summary>The algorithm this solver implements.</summary>
    PowerFlowAlgorithm Algorithm { get; }

    /// <summary>
    /// Solves for the bus voltages given the specified complex power injections.
    /// </summary>
    /// <param name="sbusPu">Specified injection per solver bus in per unit (injection positive, P + jQ); ignored at slack buses, Q ignored at PV buses.</param>
    /// <param name="voltagesPu">On entry the start point, whose magnitudes at slack and PV buses and angles at slack buses are
    /// kept as set points; on return the solution (or the last iterate when not converged).</param>
    /// <param name="mismatchHistory">When not null, receives the convergence measure after each iteration (and before the first).</param>
    /// <returns>The status, the iterations and the final convergence measure.</returns>
    SolveStats Solve(ReadOnlySpan<Complex> sbusPu, Span<Complex> voltagesPu, IList<double>? mismatchHistory = null);
}
