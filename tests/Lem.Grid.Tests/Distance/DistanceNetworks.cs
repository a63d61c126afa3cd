using System.Globalization;
using System.Numerics;
using Lem.Grid.Network;

namespace Lem.Grid.Tests.Distance;

/// <summary>Small networks for the electrical-distance tests, random meshed grids, and dense reference computations.</summary>
internal static class DistanceNetworks
{
    /// <summary>
    /// The feeder of docs/network-charges.md#worked-example: lines 0–1 (r = 0.01), 1–2 (r = 0.02) and 1–3 (r = 0.03), slack 0; every reactance is
    /// <paramref name="xOverR"/> times the resistance.
    /// </summary>
    public static GridNetwork Section13Feeder(double xOverR = 0.0) => Build(
        "section13",
        4,
        [(0, 1, 0.01, 0.01 * xOverR), (1, 2, 0.02, 0.02 * xOverR), (1, 3, 0.03, 0.03 * xOverR)]);

    /// <summary>A network of buses "0" … "n−1" (slack "0") with the given branches (from, to, r, x) as lines.</summary>
    public static GridNetwork Build(string name, int buses, IEnumerable<(int From, int To, double R, double X)> branches) => new()
    {
        Name = name,
        BaseMva = 1.0,
        Buses = [.. Enumerable.Range(0, buses).Select(i => new Bus { Id = Id(i), NominalKv = 0.4, Type = i == 0 ? BusType.Slack : BusType.Pq })],
        Lines = [.. branches.Select((b, k) => new Line { Id = $"L{k}", FromBus = Id(b.From), ToBus = Id(b.To), RPu = b.R, XPu = b.X, BPu = 0.001 })],
    };

    /// <summary>Bus id "i".</summary>
    public static BusId Id(int i) => new(i.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A random connected meshed grid: a random spanning tree plus 1–4 extra branches (parallel ones possible). With a
    /// <paramref name="fixedXOverR"/> every branch has that ratio; otherwise x/r is drawn per branch from [0.2, 5].
    /// </summary>
    public static (int Buses, List<(int From, int To, double R, double X)> Branches) RandomMeshed(Random rng, double? fixedXOverR)
    {
        var n = rng.Next(4, 13);
        var branches = new List<(int, int, double, double)>();
        (int, int, double, double) Branch(int a, int b)
        {
            var r = 0.005 + (0.1 * rng.NextDouble());
            var ratio = fixedXOverR ?? (0.2 + (4.8 * rng.NextDouble()));
            return (a, b, r, r * ratio);
        }

        for (var i = 1; i < n; i++)
        {
            branches.Add(Branch(rng.Next(i), i));
        }

        var extra = rng.Next(1, 5);
        for (var e = 0; e < extra; e++)
        {
            var a = rng.Next(n);
            var b = (a + 1 + rng.Next(n - 1)) % n;
            branches.Add(Branch(a, b));
        }

        return (n, branches);
    }

    /// <summary>Re(Z_bus) by dense complex Gauss–Jordan elimination of the series admittance matrix reduced by bus 0 (row and column 0 are 0).</summary>
    public static double[,] DenseResistance(int n, IEnumerable<(int From, int To, double R, double X)> branches)
    {
        var y = new Complex[n, n];
        foreach (var (f, t, r, x) in branches)
        {
            var yk = 1.0 / new Complex(r, x);
            y[f, f] += yk;
            y[t, t] += yk;
            y[f, t] -= yk;
            y[t, f] -= yk;
        }

        var m = n - 1;
        var a = new Complex[m, 2 * m];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                a[i, j] = y[i + 1, j + 1];
            }

            a[i, m + i] = 1;
        }

        for (var c = 0; c < m; c++)
        {
            var p = Enumerable.Range(c, m - c).MaxBy(r => a[r, c].Magnitude);
            for (var j = 0; j < 2 * m; j++)
            {
                (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            }

            var pivot = a[c, c];
            for (var j = 0; j < 2 * m; j++)
            {
                a[c, j] /= pivot;
            }

            for (var r = 0; r < m; r++)
            {
                if (r != c && a[r, c] != Complex.Zero)
                {
                    var factor = a[r, c];
                    for (var j = 0; j < 2 * m; j++)
                    {
                        a[r, j] -= factor * a[c, j];
                    }
                }
            }
        }

        var result = new double[n, n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < m; j++)
            {
                result[i + 1, j + 1] = a[i, m + j].Real;
            }
        }

        return result;
    }

    /// <summary>The PTDF (branch × bus, reference bus 0) by dense elimination of the DC susceptance matrix with b = 1/x.</summary>
    public static double[,] DensePtdf(int n, IReadOnlyList<(int From, int To, double R, double X)> branches)
    {
        // B̃⁻¹ of the susceptance Laplacian (weights 1/x) is the Z_bus of a resistive network with r = x.
        var inverse = DenseResistance(n, branches.Select(b => (b.From, b.To, b.X, 0.0)));
        var ptdf = new double[branches.Count, n];
        for (var k = 0; k < branches.Count; k++)
        {
            for (var bus = 0; bus < n; bus++)
            {
                ptdf[k, bus] = (inverse[branches[k].From, bus] - inverse[branches[k].To, bus]) / branches[k].X;
            }
        }

        return ptdf;
    }
}
