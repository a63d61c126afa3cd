using FsCheck;
using FsCheck.Fluent;
using Lem.Settlement.Allocation;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Random small cost games for property tests, with planted structure (symmetric pair, null player, submodularity).</summary>
public static class RandomGames
{
    /// <summary>A seed and a player count (2..6): the game is built from them deterministically.</summary>
    public static Arbitrary<(int Seed, int Players)> Specs() =>
        (from seed in Gen.Choose(0, int.MaxValue)
         from n in Gen.Choose(2, 6)
         select (seed, n)).ToArbitrary();

    public static string[] Ids(int n) => [.. Enumerable.Range(0, n).Select(i => $"p{i}")];

    /// <summary>Independent random integer costs in [0, 200·|S|] (no structure).</summary>
    public static double[] Arbitrary(int seed, int n)
    {
        var rng = new Random(seed);
        var c = new double[1 << n];
        for (var m = 1; m < c.Length; m++)
        {
            c[m] = rng.Next(0, (200 * System.Numerics.BitOperations.PopCount((uint)m)) + 1);
        }

        return c;
    }

    /// <summary>C(S) = g(S) + g(swap01(S)): players 0 and 1 are symmetric.</summary>
    public static double[] SymmetricPair(int seed, int n)
    {
        var g = Arbitrary(seed, n);
        var c = new double[g.Length];
        for (var m = 1; m < c.Length; m++)
        {
            c[m] = g[m] + g[Swap01(m)];
        }

        return c;
    }

    /// <summary>C(S) = g(S ∖ {last}): the last player is a null player.</summary>
    public static double[] NullLast(int seed, int n)
    {
        var g = Arbitrary(seed, n);
        var last = 1 << (n - 1);
        return [.. Enumerable.Range(0, g.Length).Select(m => g[m & ~last])];
    }

    /// <summary>C(S) = f(Σ_{i∈S} a_i) with f concave increasing and f(0) = 0: submodular, so the core is non-empty.</summary>
    public static double[] Submodular(int seed, int n)
    {
        var rng = new Random(seed);
        var a = Enumerable.Range(0, n).Select(_ => 10.0 + rng.Next(0, 90)).ToArray();
        var scale = 20.0 + rng.Next(0, 50);
        var c = new double[1 << n];
        for (var m = 1; m < c.Length; m++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++)
            {
                if ((m & (1 << i)) != 0)
                {
                    sum += a[i];
                }
            }

            c[m] = scale * Math.Sqrt(sum);
        }

        return c;
    }

    public static TabularCostGame Game(double[] costs, int n) => new(Ids(n), costs);

    private static int Swap01(int m)
    {
        var b0 = m & 1;
        var b1 = (m >> 1) & 1;
        return (m & ~3) | (b0 << 1) | b1;
    }
}
