using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Start points for Newton-Raphson that respect transformer phase shifts. A phase-shifting transformer (for example a
/// Dyn5 distribution transformer, 150°) turns the voltage angle of everything behind it; a start that puts those buses
/// at the slack's angle is 150° away from the solution, and Newton-Raphson then wanders instead of converging.
/// </summary>
public static class NewtonRaphsonStart
{
    /// <summary>
    /// The model's start voltages (<see cref="PowerFlowModel.StartVoltages"/>), with the phase shifts applied to the
    /// angles (<see cref="ApplyPhaseShiftAngles"/>) for a flat start, or when the case carries no angle information
    /// (every start angle equals the slack's, as in pandapower networks). Case angles are otherwise kept, as MATPOWER does.
    /// </summary>
    /// <param name="model">The power-flow model.</param>
    /// <param name="flatStart">Whether to start from 1 p.u. at PQ buses (set points at slack and PV buses).</param>
    /// <returns>The start voltages per solver bus (p.u.).</returns>
    public static Complex[] Voltages(PowerFlowModel model, bool flatStart)
    {
        ArgumentNullException.ThrowIfNull(model);
        var v = model.StartVoltages(flatStart);
        if (flatStart || !HasAngleInformation(model, v))
        {
            ApplyPhaseShiftAngles(model, v);
        }

        return v;
    }

    /// <summary>
    /// Sets the angle of every bus reachable from a slack bus to the angle of the slack it is reached from minus the
    /// phase shifts of the branches on the way (breadth first; the to-side angle of a branch with shift φ is the
    /// from-side angle − φ). Magnitudes, slack buses and unreachable buses are left as they are.
    /// </summary>
    /// <param name="model">The power-flow model.</param>
    /// <param name="voltagesPu">The voltages per solver bus, changed in place.</param>
    public static void ApplyPhaseShiftAngles(PowerFlowModel model, Span<Complex> voltagesPu)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = model.Index;
        var n = model.BusCount;
        if (voltagesPu.Length != n)
        {
            throw new ArgumentException($"The voltages have {voltagesPu.Length} entries; the model has {n} buses.", nameof(voltagesPu));
        }

        // Each bus's neighbours through its incident branches; the angle changes by −shift from the from end to the to end.
        var incidence = new BusIncidence(index);

        var angle = new double[n];
        var reached = new bool[n];
        var queue = new Queue<int>();
        foreach (var s in model.SlackBuses)
        {
            if (!reached[s])
            {
                reached[s] = true;
                angle[s] = voltagesPu[s].Phase;
                queue.Enqueue(s);
            }
        }

        while (queue.TryDequeue(out var i))
        {
            foreach (var k in incidence.At(i))
            {
                var atFromEnd = index.FromIndex[k] == i;
                var j = atFromEnd ? index.ToIndex[k] : index.FromIndex[k];
                if (!reached[j])
                {
                    reached[j] = true;
                    angle[j] = angle[i] + (atFromEnd ? -index.ShiftRad[k] : index.ShiftRad[k]);
                    queue.Enqueue(j);
                }
            }
        }

        var isSlack = new bool[n];
        foreach (var s in model.SlackBuses)
        {
            isSlack[s] = true;
        }

        for (var i = 0; i < n; i++)
        {
            if (reached[i] && !isSlack[i])
            {
                voltagesPu[i] = Complex.FromPolarCoordinates(voltagesPu[i].Magnitude, angle[i]);
            }
        }
    }

    /// <summary>Whether some start angle differs from the first slack's angle (the case carries angles of its own).</summary>
    private static bool HasAngleInformation(PowerFlowModel model, ReadOnlySpan<Complex> v)
    {
        var reference = model.SlackBuses.Length > 0 ? v[model.SlackBuses[0]].Phase : 0.0;
        foreach (var x in v)
        {
            if (Math.Abs(x.Phase - reference) > 1e-12)
            {
                return true;
            }
        }

        return false;
    }
}
