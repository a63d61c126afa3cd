namespace Lem.Grid.Formulations;

/// <summary>
/// The directions θ_s = 2πs/N, s &lt; N/2, of an inscribed regular N-gon (each row bounds two opposite sides) and
/// cos(π/N), the factor that keeps the polygon inside the circle (docs/formulations.md#lindistflow).
/// </summary>
internal static class PolygonDirections
{
    /// <summary>The cosines and sines of the N/2 directions (exact zeros below 1e-15) and cos(π/N).</summary>
    public static (double[] Cos, double[] Sin, double Inscribed) Of(int sides)
    {
        var cos = new double[sides / 2];
        var sin = new double[sides / 2];
        for (var s = 0; s < sides / 2; s++)
        {
            var angle = 2 * Math.PI * s / sides;
            double c = Math.Cos(angle), sn = Math.Sin(angle);
            cos[s] = Math.Abs(c) < 1e-15 ? 0 : c;
            sin[s] = Math.Abs(sn) < 1e-15 ? 0 : sn;
        }

        return (cos, sin, Math.Cos(Math.PI / sides));
    }
}
