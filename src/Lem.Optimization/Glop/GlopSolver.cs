using Google.OrTools.LinearSolver;
using Lem.Optimization.Highs;
using OrConstraint = Google.OrTools.LinearSolver.Constraint;
using OrVariable = Google.OrTools.LinearSolver.Variable;

namespace Lem.Optimization.Glop;

/// <summary>
/// The GLOP back end (Google's primal/dual simplex, continuous LPs only) through the OR-Tools linear-solver
/// wrapper; the independent cross-check of the HiGHS duals.
/// </summary>
/// <remarks>
/// Integer variables, quadratic objectives, cones and nonlinear constraints are refused with
/// <see cref="SolverCapabilityException"/> (OR-Tools itself would silently drop a quadratic objective).
/// For a minimisation OR-Tools reports <c>DualValue()</c> = ∂f*/∂(active row bound) and <c>ReducedCost()</c> =
/// ∂f*/∂(active column bound), the convention of <see cref="OptimizationModel"/>, so the values are passed on
/// unchanged. Each solve owns its OR-Tools solver, so concurrent solves are safe.
/// </remarks>
public sealed class GlopSolver : ISolver
{
    /// <summary>The sign that turns OR-Tools' minimisation duals into ∂f*/∂(bound): +1, see the remarks.</summary>
    private const double DualSign = 1.0;

    /// <inheritdoc />
    public string Name => "glop";

    /// <inheritdoc />
    public string? CannotSolve(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.HasIntegers)
        {
            return $"GLOP cannot solve model '{model.Name}': it has integer variables (GLOP solves continuous LPs only; use HiGHS).";
        }

        if (model.HasQuadraticObjective)
        {
            return $"GLOP cannot solve model '{model.Name}': it has a quadratic objective (GLOP solves LPs only; use HiGHS).";
        }

        return Capabilities.ConesOrNonlinear("GLOP", model);
    }

    /// <inheritdoc />
    public Solution Solve(OptimizationModel model, SolverOptions? options = null)
    {
        Capabilities.ThrowIfCannotSolve(this, model);

        options ??= SolverOptions.Default;
        var clock = Stopwatch.StartNew();
        using var solver = Create();
        if (options.Verbose)
        {
            solver.EnableOutput();
        }
        else
        {
            solver.SuppressOutput();
        }

        if (double.IsFinite(options.TimeLimitSeconds) && options.TimeLimitSeconds > 0)
        {
            solver.SetTimeLimit((long)Math.Min(options.TimeLimitSeconds * 1000.0, long.MaxValue / 2.0));
        }

        var n = model.Variables.Count;
        var variables = new OrVariable[n];
        for (var j = 0; j < n; j++)
        {
            var v = model.Variables[j];
            variables[j] = solver.MakeNumVar(v.Lower, v.Upper, "");
        }

        var matrix = CompressedColumns.Build(model);
        var constraints = new OrConstraint[matrix.Rows];
        for (var i = 0; i < matrix.Rows; i++)
        {
            constraints[i] = solver.MakeConstraint(matrix.RowLower[i], matrix.RowUpper[i], "");
        }

        for (var j = 0; j < n; j++)
        {
            for (var k = matrix.Start[j]; k < matrix.Start[j + 1]; k++)
            {
                constraints[matrix.Index[k]].SetCoefficient(variables[j], matrix.Value[k]);
            }
        }

        var objective = solver.Objective();
        var cost = CompressedColumns.Costs(model);
        for (var j = 0; j < n; j++)
        {
            if (cost[j] != 0)
            {
                objective.SetCoefficient(variables[j], cost[j]);
            }
        }

        objective.SetOffset(model.Objective.Constant);
        objective.SetMinimization();

        using var parameters = new MPSolverParameters();
        if (double.IsFinite(options.Tolerance) && options.Tolerance > 0)
        {
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.PRIMAL_TOLERANCE, options.Tolerance);
            parameters.SetDoubleParam(MPSolverParameters.DoubleParam.DUAL_TOLERANCE, options.Tolerance);
        }

        var result = solver.Solve(parameters);
        var iterations = (int)Math.Min(solver.Iterations(), int.MaxValue);
        var version = solver.SolverVersion();
        if (result == Solver.ResultStatus.INFEASIBLE)
        {
            return Infeasible(solver, objective, parameters, version, iterations, clock);
        }

        var (status, message) = result switch
        {
            Solver.ResultStatus.OPTIMAL => (SolveStatus.Optimal, $"{version}: optimal."),
            Solver.ResultStatus.FEASIBLE => (SolveStatus.Feasible, $"{version}: stopped at a feasible, not proven optimal point."),
            Solver.ResultStatus.UNBOUNDED => (SolveStatus.Unbounded, $"{version}: the model is unbounded."),
            Solver.ResultStatus.NOT_SOLVED => (SolveStatus.LimitReached, $"{version}: not solved (limit reached)."),
            Solver.ResultStatus.MODEL_INVALID => (SolveStatus.Error, $"{version}: OR-Tools found the model invalid."),
            _ => (SolveStatus.Error, $"{version}: the solve ended abnormally ({result})."),
        };

        if (status is not (SolveStatus.Optimal or SolveStatus.Feasible))
        {
            return new Solution { Status = status, Message = message, SolverName = Name, Iterations = iterations, Seconds = clock.Elapsed.TotalSeconds };
        }

        var values = new double[n];
        var reducedCosts = new double[n];
        for (var j = 0; j < n; j++)
        {
            values[j] = variables[j].SolutionValue();
            reducedCosts[j] = DualSign * variables[j].ReducedCost();
        }

        var duals = new double[matrix.Rows];
        for (var i = 0; i < matrix.Rows; i++)
        {
            duals[i] = DualSign * constraints[i].DualValue();
        }

        var optimal = status == SolveStatus.Optimal;
        return new Solution
        {
            Status = status,
            Message = message,
            SolverName = Name,
            Objective = objective.Value(),
            Values = values,
            Duals = optimal ? duals : [],
            ReducedCosts = optimal ? reducedCosts : [],
            Iterations = iterations,
            Seconds = clock.Elapsed.TotalSeconds,
        };
    }

    /// <summary>
    /// OR-Tools reports GLOP's "infeasible or unbounded" as INFEASIBLE. Re-solving with a zero objective settles
    /// it: that problem cannot be unbounded, so it is infeasible exactly when the model is.
    /// </summary>
    private Solution Infeasible(Solver solver, Objective objective, MPSolverParameters parameters, string version, int iterations, Stopwatch clock)
    {
        objective.Clear();
        objective.SetMinimization();
        var feasibility = solver.Solve(parameters);
        iterations = (int)Math.Min((long)iterations + solver.Iterations(), int.MaxValue);
        var (status, message) = feasibility switch
        {
            Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE =>
                (SolveStatus.Unbounded, $"{version}: the model is unbounded (GLOP reported infeasible-or-unbounded; the constraints are feasible)."),
            Solver.ResultStatus.INFEASIBLE => (SolveStatus.Infeasible, $"{version}: the model is infeasible."),
            _ => (SolveStatus.InfeasibleOrUnbounded, $"{version}: the model is infeasible or unbounded (the feasibility check ended with {feasibility})."),
        };
        return new Solution { Status = status, Message = message, SolverName = Name, Iterations = iterations, Seconds = clock.Elapsed.TotalSeconds };
    }

    private static Solver Create()
    {
        try
        {
            return Solver.CreateSolver("GLOP")
                   ?? throw new SolverUnavailableException("OR-Tools was loaded but does not provide the GLOP solver.");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException)
        {
            throw new SolverUnavailableException(
                $"GLOP needs the OR-Tools native library (google-ortools-native, libortools) from the NuGet package Google.OrTools.runtime.{HighsNative.RuntimeId}; " +
                $"restore and build again. ({e.GetBaseException().Message})",
                e);
        }
    }
}
