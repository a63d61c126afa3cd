using System.Numerics;
using Lem.Grid.ThreePhase;

namespace Lem.Grid.Formulations;

/// <summary>
/// The net injection of every (solver bus, phase) of one slot as linear expressions, active in MW and reactive in Mvar
/// per phase, injection positive (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices): what a phase-aware
/// formulation (<see cref="IPhasePreparedGridFormulation"/>) takes instead of per-bus totals.
/// </summary>
/// <remarks>
/// A three-phase (abc) connection puts a third on each phase. A phase–phase (delta) connection between phases x and y
/// of power S puts S·V_x/(V_x − V_y) on x and −S·V_y/(V_x − V_y) on y, evaluated at balanced nominal voltages:
/// S/√3·e^{∓j30°}, i.e. P_x = P/2 + Q/(2√3), Q_x = Q/2 − P/(2√3) and P_y = P/2 − Q/(2√3), Q_y = Q/2 + P/(2√3) for the
/// pair ab (bc and ca alike); the sums are exact, the split is exact at balanced voltages.
/// </remarks>
public sealed class PhaseInjections
{
    private readonly LinearExpression[][] _p;
    private readonly LinearExpression[][] _q;

    /// <summary>Creates empty injections for <paramref name="busCount"/> solver buses.</summary>
    public PhaseInjections(int busCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busCount);
        _p = new LinearExpression[busCount][];
        _q = new LinearExpression[busCount][];
        for (var i = 0; i < busCount; i++)
        {
            _p[i] = [new LinearExpression(), new LinearExpression(), new LinearExpression()];
            _q[i] = [new LinearExpression(), new LinearExpression(), new LinearExpression()];
        }
    }

    /// <summary>The number of solver buses.</summary>
    public int BusCount => _p.Length;

    /// <summary>The active injection of one phase of a bus (MW).</summary>
    public LinearExpression ActiveMw(int bus, Phase phase) => _p[bus][(int)phase];

    /// <summary>The reactive injection of one phase of a bus (Mvar).</summary>
    public LinearExpression ReactiveMvar(int bus, Phase phase) => _q[bus][(int)phase];

    /// <summary>
    /// Adds <paramref name="coefficient"/> times an injection (<paramref name="pMw"/>, <paramref name="qMvar"/>, totals over
    /// the phases) connected to <paramref name="connection"/> of <paramref name="bus"/>, split over the phases as the
    /// remarks say.
    /// </summary>
    public void Add(int bus, PhaseConnection connection, LinearExpression pMw, LinearExpression qMvar, double coefficient = 1.0)
    {
        ArgumentNullException.ThrowIfNull(pMw);
        ArgumentNullException.ThrowIfNull(qMvar);
        foreach (var (phase, share) in Shares(connection))
        {
            // (P + jQ)·share: P' = Re(share)·P − Im(share)·Q, Q' = Im(share)·P + Re(share)·Q.
            _p[bus][(int)phase].Add(pMw, coefficient * share.Real).Add(qMvar, -coefficient * share.Imaginary);
            _q[bus][(int)phase].Add(pMw, coefficient * share.Imaginary).Add(qMvar, coefficient * share.Real);
        }
    }

    /// <summary>
    /// The complex share of a connection's power that each phase carries (see the remarks): 1 for a single phase,
    /// 1/3 each for abc, S·V_x/(V_x − V_y) for a phase–phase connection at balanced voltages.
    /// </summary>
    public static IReadOnlyList<(Phase Phase, Complex Share)> Shares(PhaseConnection connection) => connection switch
    {
        PhaseConnection.A => [(Phase.A, Complex.One)],
        PhaseConnection.B => [(Phase.B, Complex.One)],
        PhaseConnection.C => [(Phase.C, Complex.One)],
        PhaseConnection.Abc => [(Phase.A, new Complex(1.0 / 3, 0)), (Phase.B, new Complex(1.0 / 3, 0)), (Phase.C, new Complex(1.0 / 3, 0))],
        _ => DeltaShares(connection.Phases()[0], connection.Phases()[1]),
    };

    /// <summary>The shares of a delta element between <paramref name="x"/> and <paramref name="y"/>: V_x/(V_x − V_y) and −V_y/(V_x − V_y) at balanced voltages.</summary>
    public static IReadOnlyList<(Phase Phase, Complex Share)> DeltaShares(Phase x, Phase y)
    {
        var vx = BalancedPhasor(x);
        var vy = BalancedPhasor(y);
        var d = vx - vy;
        return [(x, vx / d), (y, -vy / d)];
    }

    /// <summary>The balanced unit phasor of a phase: α^k with α = e^{−j2π/3} and k = 0, 1, 2 for a, b, c.</summary>
    public static Complex BalancedPhasor(Phase phase) => Complex.FromPolarCoordinates(1.0, -2.0 * Math.PI * (int)phase / 3.0);
}
