using System.Runtime.InteropServices;
using Lem.Grid.Sparse;
using Lem.Testing;

namespace Lem.Grid.Tests.PowerFlow;

public class KluSolverTests
{
    // KLU's demo system (klu_simple.c): a 5×5 unsymmetric matrix with A·[1 2 3 4 5]ᵀ = [8 45 −3 3 19]ᵀ.
    private static readonly int[] DemoColumnStarts = [0, 2, 5, 9, 10, 12];
    private static readonly int[] DemoRows = [0, 1, 0, 2, 4, 1, 2, 3, 4, 2, 1, 4];
    private static readonly double[] DemoValues = [2, 3, 3, -1, 4, 4, -3, 1, 2, 2, 6, 1];

    [Fact]
    public void Klu_common_mirror_has_the_native_size_and_layout()
    {
        Assert.Equal(160, Marshal.SizeOf<KluCommon>());
        Assert.Equal(76, (int)Marshal.OffsetOf<KluCommon>(nameof(KluCommon.Status)));
        Assert.Equal(92, (int)Marshal.OffsetOf<KluCommon>(nameof(KluCommon.SingularCol)));
        Assert.Equal(112, (int)Marshal.OffsetOf<KluCommon>(nameof(KluCommon.RCond)));
        Assert.Equal(152, (int)Marshal.OffsetOf<KluCommon>(nameof(KluCommon.MemPeak)));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Library_is_available_and_the_message_names_the_debian_package()
    {
        Assert.True(Klu.IsAvailable, Klu.UnavailableMessage);
        Assert.Contains("libklu1", Klu.UnavailableMessage, StringComparison.Ordinal);
        Assert.Contains("libklu.so.1", Klu.UnavailableMessage, StringComparison.Ordinal);
        Klu.EnsureAvailable();
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Solves_the_klu_demo_system()
    {
        using var klu = new KluSolver();
        klu.Analyze(5, DemoColumnStarts, DemoRows);
        Assert.True(klu.IsAnalyzed);
        Assert.Equal(5, klu.Size);
        Assert.Equal(12, klu.NonZeros);

        Assert.Equal(KluStatus.Ok, klu.Factor(DemoValues));
        double[] b = [8, 45, -3, 3, 19];
        klu.Solve(b);

        for (var i = 0; i < 5; i++)
        {
            Approx.Equal(i + 1, b[i], 1e-13, what: $"x[{i}]");
        }

        Assert.True(klu.ReciprocalCondition is > 0 and <= 1);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Refactor_with_new_values_reuses_the_pivot_order()
    {
        using var klu = new KluSolver();
        klu.Analyze(5, DemoColumnStarts, DemoRows);
        Assert.Equal(KluStatus.Ok, klu.Factor(DemoValues));

        // New values of the same pattern: perturb every entry, then check A·x = b with a sparse product.
        var values = DemoValues.Select((v, p) => v * (1 + (0.1 * ((p % 3) - 1)))).ToArray();
        Assert.Equal(KluStatus.Ok, klu.Refactor(values));
        Assert.Equal(1, klu.FullFactorizations);
        Assert.Equal(1, klu.Refactorizations);

        double[] x = [1, -2, 0.5, 4, 3];
        var b = Multiply(values, x);
        klu.Solve(b);
        for (var i = 0; i < 5; i++)
        {
            Approx.Equal(x[i], b[i], 1e-12, what: $"x[{i}]");
        }
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Refactor_falls_back_to_a_full_factorisation_when_the_old_pivot_vanishes()
    {
        // Dense 2×2 pattern; first factorised with a strong diagonal, then refactorised with a zero and a tiny (1,1)
        // entry: the old pivot order fails (zero pivot) or degrades (rcond drop) and a full factorisation with pivoting
        // must take over.
        using var klu = new KluSolver();
        klu.Analyze(2, [0, 2, 4], [0, 1, 0, 1]);
        Assert.Equal(KluStatus.Ok, klu.Factor([4, 1, 1, 3]));

        Assert.Equal(KluStatus.Ok, klu.Refactor([0, 1, 1, 0]));
        Assert.Equal(2, klu.FullFactorizations);
        double[] b = [2, 5];
        klu.Solve(b);
        Approx.Equal(5, b[0], 1e-15);
        Approx.Equal(2, b[1], 1e-15);

        Assert.Equal(KluStatus.Ok, klu.Factor([4, 1, 1, 3]));
        Assert.Equal(KluStatus.Ok, klu.Refactor([1e-13, 1, 1, 1]));
        Assert.Equal(4, klu.FullFactorizations);
        Assert.Equal(0, klu.Refactorizations);
        b = [1, 2];
        klu.Solve(b);

        // [[ε, 1], [1, 1]]·x = [1, 2] → x ≈ [1, 1].
        Approx.Equal(1, b[0], 1e-12);
        Approx.Equal(1, b[1], 1e-12);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Singular_matrix_is_reported_not_thrown()
    {
        using var klu = new KluSolver();
        klu.Analyze(2, [0, 2, 4], [0, 1, 0, 1]);

        Assert.Equal(KluStatus.Singular, klu.Factor([1, 2, 2, 4]));
        Assert.False(klu.IsFactored);
        Assert.Throws<InvalidOperationException>(() => klu.Solve(new double[2]));

        // A refactor of a singular matrix ends the same way.
        Assert.Equal(KluStatus.Ok, klu.Factor([1, 2, 3, 4]));
        Assert.Equal(KluStatus.Singular, klu.Refactor([0, 0, 0, 0]));
        Assert.False(klu.IsFactored);

        // Recovery with regular values.
        Assert.Equal(KluStatus.Ok, klu.Refactor([1, 0, 0, 1]));
        double[] b = [3, 4];
        klu.Solve(b);
        Assert.Equal([3.0, 4.0], b);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Structurally_singular_matrix_reports_the_column()
    {
        // Column 1 is empty.
        using var klu = new KluSolver();
        klu.Analyze(3, [0, 2, 2, 4], [0, 2, 1, 2]);

        Assert.Equal(KluStatus.Singular, klu.Factor([1, 1, 1, 1]));
        Assert.Equal(1, klu.SingularColumn);
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Solves_several_right_hand_sides_at_once()
    {
        using var klu = new KluSolver();
        klu.Analyze(5, DemoColumnStarts, DemoRows);
        Assert.Equal(KluStatus.Ok, klu.Factor(DemoValues));

        double[] b = [8, 45, -3, 3, 19, 16, 90, -6, 6, 38];
        klu.Solve(b);

        for (var i = 0; i < 5; i++)
        {
            Approx.Equal(i + 1, b[i], 1e-13);
            Approx.Equal(2 * (i + 1), b[5 + i], 1e-13);
        }

        Assert.Throws<ArgumentException>(() => klu.Solve(new double[7]));
    }

    [NativeFact(NativeLibraries.Klu)]
    public void Misuse_is_rejected_with_clear_exceptions()
    {
        var klu = new KluSolver();
        Assert.Throws<InvalidOperationException>(() => klu.Factor([1.0]));
        Assert.Throws<ArgumentException>(() => klu.Analyze(2, [0, 1], [0]));
        Assert.Throws<ArgumentException>(() => klu.Analyze(2, [0, 1, 2], [0, 5]));
        Assert.Throws<ArgumentException>(() => klu.Analyze(2, [0, 2, 1], [0, 1]));
        Assert.Throws<ArgumentException>(() => klu.Analyze(1, [0, 2], [0, 0]));

        klu.Analyze(5, DemoColumnStarts, DemoRows);
        Assert.Throws<ArgumentException>(() => klu.Factor(new double[3]));
        Assert.Throws<InvalidOperationException>(() => klu.Solve(new double[5]));

        klu.Dispose();
        klu.Dispose();
        Assert.False(klu.IsAnalyzed);
        Assert.Throws<ObjectDisposedException>(() => klu.Factor(DemoValues));
    }

    private static double[] Multiply(double[] values, double[] x)
    {
        var y = new double[x.Length];
        for (var j = 0; j < x.Length; j++)
        {
            for (var p = DemoColumnStarts[j]; p < DemoColumnStarts[j + 1]; p++)
            {
                y[DemoRows[p]] += values[p] * x[j];
            }
        }

        return y;
    }
}
