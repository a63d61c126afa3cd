using Lem.Grid.ThreePhase;

namespace Lem.Markets.Flexibility.Clearing;

/// <summary>Adds a connection's injection to the injection vectors of a clearing: per bus, or per (bus, phase) at bus·3 + φ.</summary>
internal static class FlexInjections
{
    /// <summary>
    /// Adds <paramref name="pPu"/> + j<paramref name="qPu"/> (totals over the connection's phases, p.u.) at
    /// <paramref name="bus"/>: to the bus with one phase, split by <see cref="PhaseInjections.Shares"/> with three.
    /// </summary>
    public static void Add(double[] p, double[] q, int phases, int bus, PhaseConnection connection, double pPu, double qPu)
    {
        if (phases == 1)
        {
            p[bus] += pPu;
            q[bus] += qPu;
            return;
        }

        foreach (var (phase, share) in PhaseInjections.Shares(connection))
        {
            var e = (bus * 3) + (int)phase;
            p[e] += (share.Real * pPu) - (share.Imaginary * qPu);
            q[e] += (share.Imaginary * pPu) + (share.Real * qPu);
        }
    }
}
