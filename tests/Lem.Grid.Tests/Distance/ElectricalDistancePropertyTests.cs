using Lem.Grid.Distance;
using Lem.Testing;
using static Lem.Grid.Tests.Distance.DistanceNetworks;

namespace Lem.Grid.Tests.Distance;

/// <summary>Metric properties of the distances on seeded random meshed grids, against dense reference computations.</summary>
public sealed class ElectricalDistancePropertyTests
{
    private const int Cases = 60;

    [NativeFact(NativeLibraries.Klu)]
    public void ResistanceDistance_OnRandomMeshedGrids_MatchesADenseComplexInverse()
    {
        var rng = new Random(20260613);
        for (var c = 0; c < Cases; c++)
        {
            var (n, branches) = RandomMeshed(rng, fixedXOverR: null);
            var d = ElectricalDistance.Compute(Build($"random{c}", n, branches), ElectricalDistanceMethod.ResistanceDistance);
            var r = DenseResistance(n, branches);
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    Approx.Equal(r[a, a] + r[b, b] - (2 * r[a, b]), d.Between(Id(a), Id(b)), 1e-12, 1e-9, what: $"case {c} d{a},{b}");
                }
            }
        }
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Distances_OnRandomMeshedGrids_AreSymmetricAndZeroOnTheDiagonal()
    {
        var rng = new Random(7);
        for (var c = 0; c < Cases; c++)
        {
            var (n, branches) = RandomMeshed(rng, fixedXOverR: null);
            var network = Build($"random{c}", n, branches);
            foreach (var method in new[] { ElectricalDistanceMethod.ResistanceDistance, ElectricalDistanceMethod.Ptdf })
            {
                var d = ElectricalDistance.Compute(network, method);
                for (var a = 0; a < n; a++)
                {
                    Assert.Equal(0.0, d.Between(Id(a), Id(a)));
                    for (var b = a + 1; b < n; b++)
                    {
                        Assert.Equal(d.Between(Id(a), Id(b)), d.Between(Id(b), Id(a)));
                        Assert.True(d.Between(Id(a), Id(b)) > 0, $"case {c} {method}: d{a},{b} = {d.Between(Id(a), Id(b))}");
                    }
                }
            }
        }
    }

    [NativeTheory(NativeLibraries.Klu)]
    [InlineData(0.0)]
    [InlineData(0.4)]
    [InlineData(3.0)]
    public void ResistanceDistance_WithOneXOverRRatio_SatisfiesTheTriangleInequality(double xOverR)
    {
        // With one x/r ratio, Z_bus = (1 + j·x/r)·Z_bus of the resistive network, so Re(Z_bus) is Klein and Randić's
        // resistance distance, a metric.
        var rng = new Random(11 + (int)(10 * xOverR));
        for (var c = 0; c < Cases; c++)
        {
            var (n, branches) = RandomMeshed(rng, xOverR);
            var d = ElectricalDistance.Compute(Build($"random{c}", n, branches), ElectricalDistanceMethod.ResistanceDistance);
            AssertTriangle(d, n, $"case {c}");
        }
    }

    [NativeFact(NativeLibraries.Klu)]
    public void PtdfDistance_OnRandomMeshedGrids_SatisfiesTheTriangleInequality_AndMatchesADensePtdf()
    {
        // d_nm is the L1 distance between PTDF columns, so the triangle inequality holds for any reactances.
        var rng = new Random(5);
        for (var c = 0; c < Cases; c++)
        {
            var (n, branches) = RandomMeshed(rng, fixedXOverR: null);
            var d = ElectricalDistance.Compute(Build($"random{c}", n, branches), ElectricalDistanceMethod.Ptdf);
            AssertTriangle(d, n, $"case {c}");
            var ptdf = DensePtdf(n, branches);
            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++)
                {
                    var expected = Enumerable.Range(0, branches.Count).Sum(k => Math.Abs(ptdf[k, a] - ptdf[k, b]));
                    Approx.Equal(expected, d.Between(Id(a), Id(b)), 1e-10, 1e-9, what: $"case {c} d{a},{b}");
                }
            }
        }
    }

    [NativeFact(NativeLibraries.Klu)]
    public void ResistanceDistance_WithMixedXOverR_CanBreakTheTriangleInequality()
    {
        // Documented limitation: Re(Z_bus) of an RL network is not a metric in general. Ring 0–1–2–3–0 with z01 = j10,
        // z12 = 1 + j10, z23 = 1, z30 = j10: d13 = Re(j20 ∥ (2 + j10)) = 800/904, but d10 = d03 = 200/904.
        var network = Build("ring", 4, [(0, 1, 0.0, 10.0), (1, 2, 1.0, 10.0), (2, 3, 1.0, 0.0), (3, 0, 0.0, 10.0)]);
        var d = ElectricalDistance.Compute(network, ElectricalDistanceMethod.ResistanceDistance);

        Approx.Equal(800.0 / 904.0, d.Between(Id(1), Id(3)), 1e-12);
        Approx.Equal(200.0 / 904.0, d.Between(Id(1), Id(0)), 1e-12);
        Approx.Equal(200.0 / 904.0, d.Between(Id(0), Id(3)), 1e-12);
        Assert.True(d.Between(Id(1), Id(3)) > d.Between(Id(1), Id(0)) + d.Between(Id(0), Id(3)));
    }

    private static void AssertTriangle(ElectricalDistanceMatrix d, int n, string what)
    {
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                for (var c = 0; c < n; c++)
                {
                    var direct = d.Between(Id(a), Id(b));
                    var via = d.Between(Id(a), Id(c)) + d.Between(Id(c), Id(b));
                    Assert.True(direct <= via + (1e-12 * Math.Max(1, via)), $"{what}: d{a},{b} = {direct} > d{a},{c} + d{c},{b} = {via}");
                }
            }
        }
    }
}
