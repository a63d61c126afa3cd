namespace Lem.Settlement.Allocation;

/// <summary>
/// The two-sided 95 % quantile t_{0.975, ν} of Student's t distribution (docs/allocation.md#shapley-value), used for the
/// Monte Carlo Shapley intervals.
/// </summary>
/// <remarks>
/// ν ≤ 30: a table to 12 digits (the closed forms for ν = 1 and 2 are tan(0.475π) and 0.95·√(2/(4·0.975·0.025)));
/// ν &gt; 30: the Cornish–Fisher expansion of t in powers of 1/ν about z = z_{0.975} (Abramowitz and Stegun 26.7.5),
/// accurate to better than 1e-6 there.
/// </remarks>
public static class StudentT
{
    private static readonly double[] Table =
    [
        12.7062047364, 4.30265272991, 3.18244630528, 2.77644510520, 2.57058183661, 2.44691184879, 2.36462425101,
        2.30600413503, 2.26215716274, 2.22813885196, 2.20098516008, 2.17881282966, 2.16036865646, 2.14478668792,
        2.13144954556, 2.11990529922, 2.10981557783, 2.10092204024, 2.09302405441, 2.08596344727, 2.07961384473,
        2.07387306790, 2.06865761042, 2.06389856163, 2.05953855275, 2.05552943864, 2.05183051648, 2.04840714180,
        2.04522964213, 2.04227245630,
    ];

    /// <summary>t_{0.975, ν}: the half-width factor of a two-sided 95 % t interval with ν degrees of freedom.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When ν &lt; 1.</exception>
    public static double Quantile975(long degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table.Length)
        {
            return Table[degreesOfFreedom - 1];
        }

        var z = ShapleyMonteCarlo.Z95;
        var v = (double)degreesOfFreedom;
        var z2 = z * z;
        var g1 = z * (z2 + 1) / 4;
        var g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
        var g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
        var g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
        return z + (g1 + (g2 + (g3 + (g4 / v)) / v) / v) / v;
    }
}
