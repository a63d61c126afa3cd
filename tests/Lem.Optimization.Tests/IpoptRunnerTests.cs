using Lem.Optimization.Ipopt;
using Lem.Testing;

namespace Lem.Optimization.Tests;

public sealed class IpoptRunnerTests
{
    [NativeFact(NativeLibraries.Ipopt)]
    public void Hs071_reaches_the_published_optimum_and_multipliers()
    {
        var result = IpoptRunner.Solve(new Hs071());

        Assert.Equal(IpoptStatus.SolveSucceeded, result.Status);
        Assert.True(result.Converged);
        Approx.Equal(17.014017, result.Objective, 1e-6, what: "f*");
        double[] x = [1.0, 4.743000, 3.821150, 1.379408];
        for (var i = 0; i < 4; i++)
        {
            Approx.Equal(x[i], result.X[i], 1e-6, what: $"x{i + 1}");
        }

        // Ipopt's hs071 example prints λ = (−0.552294, 0.161469) and z_L1 = 1.087871 (f + λᵀg convention).
        Approx.Equal(-0.552294, result.ConstraintMultipliers[0], 1e-6, what: "λ1");
        Approx.Equal(0.161469, result.ConstraintMultipliers[1], 1e-6, what: "λ2");
        Approx.Equal(1.087871, result.LowerBoundMultipliers[0], 1e-6, what: "zL1");
        Assert.InRange(result.Iterations, 1, 50);
        Assert.Equal("Solve_Succeeded", result.StatusName);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void An_exception_in_a_callback_stops_the_solve_and_is_reported()
    {
        var result = IpoptRunner.Solve(new Hs071 { ThrowInHessian = true });

        Assert.False(result.Converged);
        Assert.IsType<InvalidOperationException>(result.CallbackException);
        Assert.Contains("Hessian failure", result.Message, StringComparison.Ordinal);

        // The process and Ipopt are fine afterwards.
        Assert.True(IpoptRunner.Solve(new Hs071()).Converged);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void An_unknown_option_is_reported_as_invalid()
    {
        var settings = new IpoptSettings { StringOptions = new Dictionary<string, string> { ["no_such_option"] = "yes" } };

        var result = IpoptRunner.Solve(new Hs071(), settings);

        Assert.Equal(IpoptStatus.InvalidOption, result.Status);
        Assert.Contains("no_such_option", result.Message, StringComparison.Ordinal);
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void A_Hessian_entry_above_the_diagonal_is_refused_before_Ipopt_sees_it()
    {
        Assert.Throws<ArgumentException>(() => IpoptRunner.Solve(new Hs071 { UpperTriangle = true }));
    }

    [NativeFact(NativeLibraries.Ipopt)]
    public void Parallel_solves_are_serialised_and_all_succeed()
    {
        var results = new IpoptResult[16];
        Parallel.For(0, results.Length, i => results[i] = IpoptRunner.Solve(new Hs071()));

        Assert.All(results, r => Approx.Equal(17.014017, r.Objective, 1e-6));
    }

    /// <summary>Hock–Schittkowski problem 71, as in Ipopt's C example.</summary>
    private sealed class Hs071 : NonlinearProgram
    {
        public bool ThrowInHessian { get; init; }

        public bool UpperTriangle { get; init; }

        public override int VariableCount => 4;

        public override int ConstraintCount => 2;

        public override int JacobianNonZeros => 8;

        public override int HessianNonZeros => 10;

        public override void GetVariableBounds(Span<double> lower, Span<double> upper)
        {
            lower.Fill(1);
            upper.Fill(5);
        }

        public override void GetConstraintBounds(Span<double> lower, Span<double> upper)
        {
            lower[0] = 25;
            upper[0] = double.PositiveInfinity;
            lower[1] = upper[1] = 40;
        }

        public override void GetStartingPoint(Span<double> x)
        {
            x[0] = 1;
            x[1] = 5;
            x[2] = 5;
            x[3] = 1;
        }

        public override void GetJacobianStructure(Span<int> rows, Span<int> columns)
        {
            for (var k = 0; k < 8; k++)
            {
                rows[k] = k / 4;
                columns[k] = k % 4;
            }
        }

        public override void GetHessianStructure(Span<int> rows, Span<int> columns)
        {
            var k = 0;
            for (var r = 0; r < 4; r++)
            {
                for (var c = 0; c <= r; c++)
                {
                    (rows[k], columns[k]) = UpperTriangle ? (c, r) : (r, c);
                    k++;
                }
            }
        }

        public override double EvaluateObjective(ReadOnlySpan<double> x) => (x[0] * x[3] * (x[0] + x[1] + x[2])) + x[2];

        public override void EvaluateObjectiveGradient(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = (x[0] * x[3]) + (x[3] * (x[0] + x[1] + x[2]));
            g[1] = x[0] * x[3];
            g[2] = (x[0] * x[3]) + 1;
            g[3] = x[0] * (x[0] + x[1] + x[2]);
        }

        public override void EvaluateConstraints(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = x[0] * x[1] * x[2] * x[3];
            g[1] = (x[0] * x[0]) + (x[1] * x[1]) + (x[2] * x[2]) + (x[3] * x[3]);
        }

        public override void EvaluateJacobian(ReadOnlySpan<double> x, Span<double> v)
        {
            v[0] = x[1] * x[2] * x[3];
            v[1] = x[0] * x[2] * x[3];
            v[2] = x[0] * x[1] * x[3];
            v[3] = x[0] * x[1] * x[2];
            for (var i = 0; i < 4; i++)
            {
                v[4 + i] = 2 * x[i];
            }
        }

        public override void EvaluateHessian(ReadOnlySpan<double> x, double sigma, ReadOnlySpan<double> lambda, Span<double> v)
        {
            if (ThrowInHessian)
            {
                throw new InvalidOperationException("Hessian failure");
            }

            // Lower triangle row by row: (0,0) (1,0) (1,1) (2,0) (2,1) (2,2) (3,0) (3,1) (3,2) (3,3).
            v[0] = sigma * 2 * x[3];
            v[1] = sigma * x[3];
            v[2] = 0;
            v[3] = sigma * x[3];
            v[4] = 0;
            v[5] = 0;
            v[6] = sigma * ((2 * x[0]) + x[1] + x[2]);
            v[7] = sigma * x[0];
            v[8] = sigma * x[0];
            v[9] = 0;

            v[1] += lambda[0] * x[2] * x[3];
            v[3] += lambda[0] * x[1] * x[3];
            v[4] += lambda[0] * x[0] * x[3];
            v[6] += lambda[0] * x[1] * x[2];
            v[7] += lambda[0] * x[0] * x[2];
            v[8] += lambda[0] * x[0] * x[1];

            v[0] += lambda[1] * 2;
            v[2] += lambda[1] * 2;
            v[5] += lambda[1] * 2;
            v[9] += lambda[1] * 2;
        }
    }
}
