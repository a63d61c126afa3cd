using System.Globalization;

namespace Lem.Optimization.Highs;

/// <summary>
/// The HiGHS back end (LP, convex QP, MILP) calling HiGHS's own C API in the <c>libhighs</c> shipped with the
/// Google.OrTools runtime packages. OR-Tools' own HiGHS wrapper is not used: it returns wrong duals.
/// </summary>
/// <remarks>
/// <para>Each solve creates and destroys its own HiGHS instance, so concurrent solves from several threads are safe.</para>
/// <para>
/// Duals: for a minimisation HiGHS reports row duals y and column duals d with c + Qx − Aᵀy = d, where y_i is
/// ∂f*/∂(active bound of row i) and d_j is ∂f*/∂(active bound of column j). That is already the convention of
/// <see cref="OptimizationModel"/>, and moving expression constants into the row bounds does not change a
/// derivative with respect to a bound, so the values are passed on unchanged. MILPs get no duals (fix the
/// integers, <see cref="OptimizationModel.Relax"/> them and re-solve for prices).
/// </para>
/// <para>
/// QPs go to HiGHS's active-set QP solver, which adds 1e-7·I to the Hessian (<c>qp_regularization_value</c>;
/// smaller values make it fail on storage-coupled QPs), so QP values and duals carry errors of about 1e-7·|x|.
/// It is fast up to a few thousand variables but slows down sharply beyond (6,500 variables ≈ 3 s, 13,000 ≈ 27 s
/// or a solve error on a 2-core machine); prefer Ipopt for large QPs. LPs of 500,000 variables or rows are fine.
/// </para>
/// </remarks>
public sealed class HighsSolver : ISolver
{
    private const int MatrixFormatColwise = 1;
    private const int HessianFormatTriangular = 1;
    private const int ObjSenseMinimize = 1;
    private const int VarTypeContinuous = 0;
    private const int VarTypeInteger = 1;
    private const int StatusError = -1;
    private const int SolutionStatusFeasible = 2;
    private const int BasisValid = 1;

    /// <summary>HiGHS's smallest accepted primal/dual feasibility tolerance.</summary>
    private const double SmallestTolerance = 1e-10;

    /// <summary>The sign that turns HiGHS's minimisation duals into ∂f*/∂(bound): +1, see the remarks.</summary>
    private const double DualSign = 1.0;

    /// <inheritdoc />
    public string Name => "highs";

    /// <summary>Whether the HiGHS library can be loaded on this machine.</summary>
    public static bool IsAvailable => HighsNative.IsAvailable;

    /// <summary>The version of the loaded HiGHS library; throws <see cref="SolverUnavailableException"/> when it is missing.</summary>
    public static string Version => HighsNative.Get().Version;

    /// <summary>Where the HiGHS library was loaded from; throws <see cref="SolverUnavailableException"/> when it is missing.</summary>
    public static string LibraryPath => HighsNative.Get().LibraryPath;

    /// <inheritdoc />
    public string? CannotSolve(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Capabilities.ConesOrNonlinear("HiGHS", model) is { } reason)
        {
            return reason;
        }

        if (model.HasQuadraticObjective && model.HasIntegers)
        {
            return $"HiGHS cannot solve model '{model.Name}': it has integer variables and a quadratic objective (mixed-integer QP).";
        }

        return null;
    }

    /// <inheritdoc />
    public Solution Solve(OptimizationModel model, SolverOptions? options = null)
    {
        Capabilities.ThrowIfCannotSolve(this, model);

        options ??= SolverOptions.Default;
        var clock = Stopwatch.StartNew();
        var api = HighsNative.Get();
        var n = model.Variables.Count;
        if (n == 0)
        {
            return SolveEmpty(model, clock);
        }

        var matrix = CompressedColumns.Build(model);
        var cost = CompressedColumns.Costs(model);
        var hessian = model.HasQuadraticObjective ? TriangularHessian.Build(model) : null;
        var colLower = new double[n];
        var colUpper = new double[n];
        int[]? integrality = model.HasIntegers ? new int[n] : null;
        for (var j = 0; j < n; j++)
        {
            var v = model.Variables[j];
            colLower[j] = v.Lower;
            colUpper[j] = v.Upper;
            if (integrality is not null)
            {
                integrality[j] = v.IsInteger ? VarTypeInteger : VarTypeContinuous;
            }
        }

        var isMip = integrality is not null;
        return Run(api, model, options, clock, matrix, cost, hessian, colLower, colUpper, integrality, isMip);
    }

    private unsafe Solution Run(
        HighsNative api,
        OptimizationModel model,
        SolverOptions options,
        Stopwatch clock,
        CompressedColumns matrix,
        double[] cost,
        TriangularHessian? hessian,
        double[] colLower,
        double[] colUpper,
        int[]? integrality,
        bool isMip)
    {
        var n = matrix.Columns;
        var m = matrix.Rows;
        var highs = api.Create();
        if (highs == IntPtr.Zero)
        {
            throw new SolverUnavailableException("Highs_create returned NULL (out of memory?).");
        }

        try
        {
            SetOptions(api, highs, options);
            var qNonZeros = hessian?.NonZeros ?? 0;
            int passStatus;
            fixed (double* pCost = cost, pColLower = colLower, pColUpper = colUpper, pRowLower = matrix.RowLower, pRowUpper = matrix.RowUpper, pValue = matrix.Value)
            fixed (int* pStart = matrix.Start, pIndex = matrix.Index, pIntegrality = integrality)
            fixed (int* pQStart = qNonZeros > 0 ? hessian!.Start : null, pQIndex = qNonZeros > 0 ? hessian!.Index : null)
            fixed (double* pQValue = qNonZeros > 0 ? hessian!.Value : null)
            {
                passStatus = api.PassModel(
                    highs, n, m, matrix.NonZeros, qNonZeros, MatrixFormatColwise, qNonZeros > 0 ? HessianFormatTriangular : 0, ObjSenseMinimize,
                    model.Objective.Constant, pCost, pColLower, pColUpper, pRowLower, pRowUpper, pStart, pIndex, pValue,
                    pQStart, pQIndex, pQValue, pIntegrality);
            }

            if (passStatus == StatusError)
            {
                return Failed(clock, $"HiGHS {api.Version} rejected model '{model.Name}' (Highs_passModel returned an error; run with Verbose for its log).");
            }

            var startBasis = !isMip && hessian is null && options.StartBasis is { } b && b.Fits(model) ? b : null;
            if (startBasis is not null)
            {
                fixed (int* pCol = startBasis.ColumnStatus, pRow = startBasis.RowStatus)
                {
                    // A basis HiGHS refuses (e.g. not one basic variable per row) leaves the cold start.
                    _ = api.SetBasis(highs, pCol, pRow);
                }
            }

            var runStatus = api.Run(highs);
            var status = (HighsModelStatus)api.GetModelStatus(highs);
            var primalStatus = IntInfo(api, highs, "primal_solution_status\0"u8);
            var iterations = Math.Max(0, IntInfo(api, highs, "simplex_iteration_count\0"u8))
                             + Math.Max(0, IntInfo(api, highs, "ipm_iteration_count\0"u8))
                             + Math.Max(0, IntInfo(api, highs, "crossover_iteration_count\0"u8))
                             + Math.Max(0, IntInfo(api, highs, "qp_iteration_count\0"u8))
                             + Math.Max(0, IntInfo(api, highs, "pdlp_iteration_count\0"u8));
            var (solveStatus, message) = Map(api, highs, status, primalStatus, isMip, runStatus, hessian is not null);
            if (solveStatus is not (SolveStatus.Optimal or SolveStatus.Feasible))
            {
                return new Solution
                {
                    Status = solveStatus,
                    Message = message,
                    SolverName = Name,
                    Iterations = iterations,
                    Seconds = clock.Elapsed.TotalSeconds,
                };
            }

            var values = new double[n];
            var colDual = new double[n];
            var rowValue = new double[m];
            var rowDual = new double[m];
            fixed (double* pValues = values, pColDual = colDual, pRowValue = rowValue, pRowDual = rowDual)
            {
                api.GetSolution(highs, pValues, pColDual, pRowValue, pRowDual);
            }

            var objective = DoubleInfo(api, highs, "objective_function_value\0"u8);
            var withDuals = !isMip && solveStatus == SolveStatus.Optimal;
            SimplexBasis? basis = null;
            if (withDuals && hessian is null && IntInfo(api, highs, "basis_validity\0"u8) == BasisValid)
            {
                basis = new SimplexBasis(new int[n], new int[m]);
                fixed (int* pCol = basis.ColumnStatus, pRow = basis.RowStatus)
                {
                    if (api.GetBasis(highs, pCol, pRow) == StatusError)
                    {
                        basis = null;
                    }
                }
            }

            if (withDuals)
            {
                Normalise(rowDual);
                Normalise(colDual);
            }

            return new Solution
            {
                Status = solveStatus,
                Message = message,
                SolverName = Name,
                Objective = objective,
                Values = values,
                Duals = withDuals ? rowDual : [],
                ReducedCosts = withDuals ? colDual : [],
                Basis = basis,
                Iterations = iterations,
                Seconds = clock.Elapsed.TotalSeconds,
            };
        }
        finally
        {
            api.Destroy(highs);
        }
    }

    private static void Normalise(double[] duals)
    {
        for (var i = 0; i < duals.Length; i++)
        {
            duals[i] *= DualSign;
        }
    }

    private static void SetOptions(HighsNative api, IntPtr highs, SolverOptions options)
    {
        SetBool(api, highs, "output_flag\0"u8, options.Verbose);
        if (double.IsFinite(options.TimeLimitSeconds) && options.TimeLimitSeconds > 0)
        {
            SetDouble(api, highs, "time_limit\0"u8, options.TimeLimitSeconds);
        }

        if (double.IsFinite(options.Tolerance) && options.Tolerance > 0)
        {
            var tolerance = Math.Max(options.Tolerance, SmallestTolerance);
            SetDouble(api, highs, "primal_feasibility_tolerance\0"u8, tolerance);
            SetDouble(api, highs, "dual_feasibility_tolerance\0"u8, tolerance);
        }

        if (double.IsFinite(options.MipGap) && options.MipGap >= 0)
        {
            SetDouble(api, highs, "mip_rel_gap\0"u8, options.MipGap);
        }

        if (!options.Presolve)
        {
            SetString(api, highs, "presolve\0"u8, "off\0"u8);
        }
    }

    private static unsafe void SetBool(HighsNative api, IntPtr highs, ReadOnlySpan<byte> name, bool value)
    {
        fixed (byte* p = name)
        {
            Check(api.SetBoolOption(highs, p, value ? 1 : 0), name);
        }
    }

    private static unsafe void SetString(HighsNative api, IntPtr highs, ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = name, v = value)
        {
            Check(api.SetStringOption(highs, p, v), name);
        }
    }

    private static unsafe void SetDouble(HighsNative api, IntPtr highs, ReadOnlySpan<byte> name, double value)
    {
        fixed (byte* p = name)
        {
            Check(api.SetDoubleOption(highs, p, value), name);
        }
    }

    private static void Check(int status, ReadOnlySpan<byte> name)
    {
        if (status == StatusError)
        {
            throw new ArgumentException($"HiGHS refused the value of option '{System.Text.Encoding.UTF8.GetString(name[..^1])}'.");
        }
    }

    private static unsafe int IntInfo(HighsNative api, IntPtr highs, ReadOnlySpan<byte> name)
    {
        int value = -1;
        fixed (byte* p = name)
        {
            return api.GetIntInfo(highs, p, &value) == StatusError ? -1 : value;
        }
    }

    private static unsafe double DoubleInfo(HighsNative api, IntPtr highs, ReadOnlySpan<byte> name)
    {
        double value = double.NaN;
        fixed (byte* p = name)
        {
            return api.GetDoubleInfo(highs, p, &value) == StatusError ? double.NaN : value;
        }
    }

    private static (SolveStatus Status, string Message) Map(HighsNative api, IntPtr highs, HighsModelStatus status, int primalStatus, bool isMip, int runStatus, bool isQp)
    {
        var prefix = $"HiGHS {api.Version}";
        switch (status)
        {
            case HighsModelStatus.Optimal:
                return (SolveStatus.Optimal, $"{prefix}: optimal.");
            case HighsModelStatus.Infeasible:
                return (SolveStatus.Infeasible, $"{prefix}: the model is infeasible.");
            case HighsModelStatus.Unbounded:
                return (SolveStatus.Unbounded, $"{prefix}: the model is unbounded.");
            case HighsModelStatus.UnboundedOrInfeasible:
                return (SolveStatus.InfeasibleOrUnbounded, $"{prefix}: the model is unbounded or infeasible.");
            case HighsModelStatus.TimeLimit:
            case HighsModelStatus.IterationLimit:
            case HighsModelStatus.SolutionLimit:
            case HighsModelStatus.Interrupt:
            case HighsModelStatus.ObjectiveBound:
            case HighsModelStatus.ObjectiveTarget:
                var what = status switch
                {
                    HighsModelStatus.TimeLimit => "time limit reached",
                    HighsModelStatus.IterationLimit => "iteration limit reached",
                    HighsModelStatus.SolutionLimit => "solution limit reached",
                    HighsModelStatus.Interrupt => "interrupted",
                    HighsModelStatus.ObjectiveBound => "objective bound reached",
                    _ => "objective target reached",
                };
                if (isMip && primalStatus == SolutionStatusFeasible)
                {
                    var gap = DoubleInfo(api, highs, "mip_gap\0"u8);
                    return (SolveStatus.Feasible, $"{prefix}: {what}; best integer solution has relative gap {gap.ToString("G4", CultureInfo.InvariantCulture)}.");
                }

                return (SolveStatus.LimitReached, $"{prefix}: {what} without a usable solution.");
            case HighsModelStatus.ModelEmpty:
                return (SolveStatus.Optimal, $"{prefix}: the model is empty.");
            case HighsModelStatus.Unknown:
                return (SolveStatus.Error, $"{prefix}: the solver stopped without a conclusion (status Unknown, run status {runStatus}).");
            default:
                var hint = isQp ? " Its QP solver needs a convex (positive semidefinite) quadratic objective and may fail on QPs with many thousands of variables; Ipopt is the alternative." : "";
                return (SolveStatus.Error, $"{prefix}: the solve failed with model status {status} (run status {runStatus}).{hint}");
        }
    }

    private Solution Failed(Stopwatch clock, string message)
    {
        return new Solution { Status = SolveStatus.Error, Message = message, SolverName = Name, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>A model without variables: every row is the constant 0 and must lie within its bounds.</summary>
    private Solution SolveEmpty(OptimizationModel model, Stopwatch clock)
    {
        foreach (var c in model.Constraints)
        {
            var v = c.Expression.Constant;
            if (v < c.Lower || v > c.Upper)
            {
                return new Solution
                {
                    Status = SolveStatus.Infeasible,
                    Message = $"Model '{model.Name}' has no variables and constraint '{c.Name}' requires {c.Lower} ≤ {v} ≤ {c.Upper}.",
                    SolverName = Name,
                    Seconds = clock.Elapsed.TotalSeconds,
                };
            }
        }

        return new Solution
        {
            Status = SolveStatus.Optimal,
            Message = "The model has no variables.",
            SolverName = Name,
            Objective = model.Objective.Constant,
            Values = [],
            Duals = model.HasIntegers ? [] : new double[model.Constraints.Count],
            ReducedCosts = [],
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }
}
