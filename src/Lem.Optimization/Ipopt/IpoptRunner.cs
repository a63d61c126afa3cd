using System.Runtime.CompilerServices;
using System.Text;

namespace Lem.Optimization.Ipopt;

/// <summary>
/// Solves a <see cref="NonlinearProgram"/> with Ipopt through its C interface. Ipopt (with its MUMPS) is not
/// thread-safe, so every solve in the process is serialised by one lock; callers on several threads simply wait.
/// </summary>
/// <remarks>
/// An exception escaping a native callback would kill the process, so every callback catches everything, returns
/// FALSE and records the exception; the intermediate callback then stops Ipopt, and the result reports the exception
/// (<see cref="IpoptResult.CallbackException"/>) instead of throwing it.
/// </remarks>
public static unsafe class IpoptRunner
{
    // Ipopt's default nlp_lower_bound_inf / nlp_upper_bound_inf are ∓1e19: anything beyond means "no bound".
    private const double Infinity = 1e20;

    private static readonly Lock Gate = new();

    /// <summary>Solves the program from its starting point.</summary>
    /// <param name="program">The program.</param>
    /// <param name="settings">Ipopt options; <see cref="IpoptSettings.Default"/> when null.</param>
    /// <returns>The status, the final point and the multipliers in Ipopt's convention.</returns>
    /// <exception cref="SolverUnavailableException">When <c>libipopt.so.1</c> cannot be loaded.</exception>
    /// <exception cref="ArgumentException">When the program's sizes, bounds or sparsity structures are invalid.</exception>
    public static IpoptResult Solve(NonlinearProgram program, IpoptSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(program);
        settings ??= IpoptSettings.Default;
        Ipopt.EnsureAvailable();

        var n = program.VariableCount;
        var m = program.ConstraintCount;
        var nj = program.JacobianNonZeros;
        var nh = program.HessianNonZeros;
        if (n < 1 || m < 0 || nj < 0 || nh < 0)
        {
            throw new ArgumentException($"The program has {n} variables, {m} constraints, {nj} Jacobian and {nh} Hessian entries; Ipopt needs at least one variable and non-negative counts.", nameof(program));
        }

        var xL = new double[n];
        var xU = new double[n];
        var gL = new double[m];
        var gU = new double[m];
        program.GetVariableBounds(xL, xU);
        program.GetConstraintBounds(gL, gU);
        CheckBounds(xL, xU, "variable");
        CheckBounds(gL, gU, "constraint");

        var context = new CallbackContext(program, n, m, nj, nh);
        program.GetJacobianStructure(context.JacobianRows, context.JacobianColumns);
        program.GetHessianStructure(context.HessianRows, context.HessianColumns);
        CheckStructure(context.JacobianRows, context.JacobianColumns, m, n, lowerTriangle: false, "Jacobian");
        CheckStructure(context.HessianRows, context.HessianColumns, n, n, lowerTriangle: true, "Hessian");

        var x = new double[n];
        program.GetStartingPoint(x);
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"The starting point of variable {i} is {x[i]}.", nameof(program));
            }
        }

        var g = new double[m];
        var lambda = new double[m];
        var zL = new double[n];
        var zU = new double[n];
        double objective = 0;
        IpoptStatus status;
        Stopwatch watch;

        lock (Gate)
        {
            watch = Stopwatch.StartNew();
            IntPtr problem;
            fixed (double* pxL = xL, pxU = xU, pgL = gL, pgU = gU)
            {
                problem = IpoptNative.CreateIpoptProblem(n, pxL, pxU, m, pgL, pgU, nj, nh, 0, &EvalF, &EvalG, &EvalGradF, &EvalJacG, &EvalH);
            }

            if (problem == IntPtr.Zero)
            {
                return new IpoptResult
                {
                    Status = IpoptStatus.InvalidProblemDefinition,
                    Message = "Ipopt rejected the problem definition (CreateIpoptProblem returned NULL).",
                    X = x,
                };
            }

            var handle = GCHandle.Alloc(context);
            try
            {
                var optionError = ApplyOptions(problem, settings);
                if (optionError is not null)
                {
                    return new IpoptResult { Status = IpoptStatus.InvalidOption, Message = optionError, X = x };
                }

                IpoptNative.SetIntermediateCallback(problem, &Intermediate);
                fixed (double* px = x, pg = g, pl = lambda, pzl = zL, pzu = zU)
                {
                    status = (IpoptStatus)IpoptNative.IpoptSolve(problem, px, pg, &objective, pl, pzl, pzu, GCHandle.ToIntPtr(handle));
                }
            }
            finally
            {
                handle.Free();
                IpoptNative.FreeIpoptProblem(problem);
            }

            watch.Stop();
        }

        var failure = context.Failure;
        var message = failure is null
            ? IpoptResult.NameOf(status)
            : $"{IpoptResult.NameOf(status)}: an evaluation callback threw {failure.GetType().Name}: {failure.Message}";
        return new IpoptResult
        {
            Status = status,
            Message = message,
            CallbackException = failure,
            X = x,
            Objective = objective,
            ConstraintValues = g,
            ConstraintMultipliers = lambda,
            LowerBoundMultipliers = zL,
            UpperBoundMultipliers = zU,
            Iterations = context.Iterations,
            Seconds = watch.Elapsed.TotalSeconds,
        };
    }

    private static void CheckBounds(double[] lower, double[] upper, string what)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if (double.IsNaN(lower[i]) || double.IsNaN(upper[i]) || lower[i] > upper[i] || double.IsPositiveInfinity(lower[i]) || double.IsNegativeInfinity(upper[i]))
            {
                throw new ArgumentException($"The {what} bounds [{lower[i]}, {upper[i]}] of entry {i} are not a valid interval.");
            }

            lower[i] = Math.Max(lower[i], -Infinity);
            upper[i] = Math.Min(upper[i], Infinity);
        }
    }

    private static void CheckStructure(int[] rows, int[] columns, int rowCount, int columnCount, bool lowerTriangle, string what)
    {
        for (var k = 0; k < rows.Length; k++)
        {
            int r = rows[k], c = columns[k];
            if (r < 0 || r >= rowCount || c < 0 || c >= columnCount || (lowerTriangle && c > r))
            {
                var shape = lowerTriangle ? " (lower triangle: row ≥ column)" : string.Empty;
                throw new ArgumentException($"{what} entry {k} is ({r}, {c}), outside the {rowCount}×{columnCount} matrix{shape}.");
            }
        }
    }

    private static string? ApplyOptions(IntPtr problem, IpoptSettings settings)
    {
        // print_level first, so that nothing is printed while the remaining options are set.
        var error = SetInt(problem, "print_level", settings.Verbose ? 5 : 0)
                    ?? SetString(problem, "sb", settings.Verbose ? "no" : "yes")
                    ?? SetString(problem, "option_file_name", string.Empty)
                    ?? SetNumber(problem, "tol", settings.Tolerance)
                    ?? SetNumber(problem, "constr_viol_tol", settings.ConstraintViolationTolerance ?? settings.Tolerance)
                    ?? SetInt(problem, "max_iter", settings.MaxIterations)
                    ?? SetString(problem, "mu_strategy", settings.MuStrategy)
                    ?? (double.IsFinite(settings.MaxCpuSeconds) ? SetNumber(problem, "max_cpu_time", settings.MaxCpuSeconds) : null);
        if (error is not null)
        {
            return error;
        }

        foreach (var (key, value) in settings.StringOptions)
        {
            error ??= SetString(problem, key, value);
        }

        foreach (var (key, value) in settings.NumberOptions)
        {
            error ??= SetNumber(problem, key, value);
        }

        foreach (var (key, value) in settings.IntegerOptions)
        {
            error ??= SetInt(problem, key, value);
        }

        return error;
    }

    private static string? SetString(IntPtr problem, string key, string value)
    {
        fixed (byte* k = Utf8(key), v = Utf8(value))
        {
            return IpoptNative.AddIpoptStrOption(problem, k, v) != 0 ? null : $"Ipopt rejected the option {key} = \"{value}\".";
        }
    }

    private static string? SetNumber(IntPtr problem, string key, double value)
    {
        fixed (byte* k = Utf8(key))
        {
            return IpoptNative.AddIpoptNumOption(problem, k, value) != 0 ? null : $"Ipopt rejected the option {key} = {value:R}.";
        }
    }

    private static string? SetInt(IntPtr problem, string key, int value)
    {
        fixed (byte* k = Utf8(key))
        {
            return IpoptNative.AddIpoptIntOption(problem, k, value) != 0 ? null : $"Ipopt rejected the option {key} = {value}.";
        }
    }

    private static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }

    private static CallbackContext? ContextOf(IntPtr user) => GCHandle.FromIntPtr(user).Target as CallbackContext;

    // An evaluation callback's frame: no evaluation once a callback has failed; an exception is kept (the solve reports
    // it) and, like a false from the evaluation, returns 0 (FALSE) so that Ipopt stops.
    private static int Guarded(IntPtr user, Func<CallbackContext, bool> evaluate)
    {
        CallbackContext? context = null;
        try
        {
            context = ContextOf(user);
            if (context is null || context.Failure is not null)
            {
                return 0;
            }

            return evaluate(context) ? 1 : 0;
        }
        catch (Exception e)
        {
            context?.Fail(e);
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EvalF(int n, double* x, int newX, double* objective, IntPtr user)
    {
        return Guarded(user, c =>
        {
            *objective = c.Program.EvaluateObjective(new ReadOnlySpan<double>(x, n));
            return true;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EvalGradF(int n, double* x, int newX, double* gradient, IntPtr user)
    {
        return Guarded(user, c =>
        {
            c.Program.EvaluateObjectiveGradient(new ReadOnlySpan<double>(x, n), new Span<double>(gradient, n));
            return true;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EvalG(int n, double* x, int newX, int m, double* g, IntPtr user)
    {
        return Guarded(user, c =>
        {
            c.Program.EvaluateConstraints(new ReadOnlySpan<double>(x, n), new Span<double>(g, m));
            return true;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EvalJacG(int n, double* x, int newX, int m, int nonZeros, int* rows, int* columns, double* values, IntPtr user)
    {
        return Guarded(user, c =>
        {
            if (nonZeros != c.JacobianRows.Length)
            {
                return false;
            }

            if (values == null)
            {
                c.JacobianRows.AsSpan().CopyTo(new Span<int>(rows, nonZeros));
                c.JacobianColumns.AsSpan().CopyTo(new Span<int>(columns, nonZeros));
            }
            else
            {
                c.Program.EvaluateJacobian(new ReadOnlySpan<double>(x, n), new Span<double>(values, nonZeros));
            }

            return true;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EvalH(int n, double* x, int newX, double objectiveFactor, int m, double* lambda, int newLambda, int nonZeros, int* rows, int* columns, double* values, IntPtr user)
    {
        return Guarded(user, c =>
        {
            if (nonZeros != c.HessianRows.Length)
            {
                return false;
            }

            if (values == null)
            {
                c.HessianRows.AsSpan().CopyTo(new Span<int>(rows, nonZeros));
                c.HessianColumns.AsSpan().CopyTo(new Span<int>(columns, nonZeros));
            }
            else
            {
                c.Program.EvaluateHessian(new ReadOnlySpan<double>(x, n), objectiveFactor, new ReadOnlySpan<double>(lambda, m), new Span<double>(values, nonZeros));
            }

            return true;
        });
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Intermediate(int mode, int iteration, double objective, double primalInfeasibility, double dualInfeasibility, double mu, double stepNorm, double regularisation, double alphaDual, double alphaPrimal, int lineSearchTrials, IntPtr user)
    {
        try
        {
            var context = ContextOf(user);
            if (context is null)
            {
                return 0;
            }

            context.Iterations = iteration;
            return context.Failure is null ? 1 : 0;
        }
        catch (Exception)
        {
            return 0;
        }
    }

    /// <summary>What the callbacks reach through the user-data pointer.</summary>
    private sealed class CallbackContext(NonlinearProgram program, int n, int m, int jacobianNonZeros, int hessianNonZeros)
    {
        public NonlinearProgram Program { get; } = program;

        public int VariableCount { get; } = n;

        public int ConstraintCount { get; } = m;

        public int[] JacobianRows { get; } = new int[jacobianNonZeros];

        public int[] JacobianColumns { get; } = new int[jacobianNonZeros];

        public int[] HessianRows { get; } = new int[hessianNonZeros];

        public int[] HessianColumns { get; } = new int[hessianNonZeros];

        public int Iterations { get; set; }

        public Exception? Failure { get; private set; }

        public void Fail(Exception e) => Failure ??= e;
    }
}
