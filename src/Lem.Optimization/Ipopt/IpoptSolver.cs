namespace Lem.Optimization.Ipopt;

/// <summary>
/// The Ipopt back end: solves continuous models with linear constraints, a quadratic objective, second-order cones and
/// smooth nonlinear constraints, with exact first and second derivatives. Ipopt finds a local optimum; for convex models
/// it is the optimum.
/// </summary>
/// <remarks>
/// <para>
/// Options: Ipopt's <c>tol</c> is <see cref="SolverOptions.Tolerance"/> but never below <see cref="MinimumTolerance"/>
/// (1e-8): the default 1e-9 is tighter than an interior-point method reaches reliably on badly scaled models.
/// <c>max_cpu_time</c> is <see cref="SolverOptions.TimeLimitSeconds"/> (CPU time), the log is printed with
/// <see cref="SolverOptions.Verbose"/>; the rest comes from <see cref="Settings"/>, whose extra option dictionaries
/// override everything.
/// </para>
/// <para>
/// Duals follow <see cref="OptimizationModel"/>'s convention: with Ipopt's Lagrangian f + λᵀg the dual of a constraint
/// is −λ (∂f*/∂bound). Reduced costs are z_L − z_U (∂f*/∂ of the active variable bound); for fixed variables, which
/// Ipopt removes from the problem, they are the gradient of the Lagrangian ∇f + Jᵀλ at the solution. Interior-point
/// duals of inactive constraints are close to, not exactly, zero. Start values come from
/// <see cref="OptimizationModel.SetStart"/>, else 0 moved into the bounds (1 for cone heads).
/// </para>
/// </remarks>
public sealed class IpoptSolver : ISolver
{
    /// <summary>The tightest convergence tolerance passed to Ipopt.</summary>
    public const double MinimumTolerance = 1e-8;

    /// <summary>Creates the back end with <see cref="IpoptSettings.Default"/>.</summary>
    public IpoptSolver()
        : this(IpoptSettings.Default)
    {
    }

    /// <summary>Creates the back end with the given Ipopt settings.</summary>
    public IpoptSolver(IpoptSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    /// <summary>The Ipopt settings (tolerance, time limit and verbosity are taken from each solve's <see cref="SolverOptions"/>).</summary>
    public IpoptSettings Settings { get; }

    /// <inheritdoc/>
    public string Name => "ipopt";

    /// <inheritdoc/>
    public string? CannotSolve(OptimizationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.HasIntegers)
        {
            var count = model.Variables.Count(v => v.IsInteger);
            return $"The ipopt back end solves continuous models only; model '{model.Name}' has {count} integer variable(s) (use a MIP back end such as highs).";
        }

        return null;
    }

    /// <inheritdoc/>
    /// <exception cref="SolverCapabilityException">When the model has integer variables.</exception>
    /// <exception cref="SolverUnavailableException">When <c>libipopt.so.1</c> cannot be loaded.</exception>
    public Solution Solve(OptimizationModel model, SolverOptions? options = null)
    {
        Capabilities.ThrowIfCannotSolve(this, model);
        options ??= SolverOptions.Default;

        if (model.Variables.Count == 0)
        {
            return SolveWithoutVariables(model);
        }

        Ipopt.EnsureAvailable();
        var program = new ModelProgram(model);
        var settings = Settings with
        {
            Tolerance = Math.Max(options.Tolerance, MinimumTolerance),
            MaxCpuSeconds = Math.Min(Settings.MaxCpuSeconds, options.TimeLimitSeconds),
            Verbose = Settings.Verbose || options.Verbose,
        };
        var result = IpoptRunner.Solve(program, settings);
        var status = MapStatus(result);
        if (status == SolveStatus.Error && result.CallbackException is not null)
        {
            return new Solution { Status = status, Message = result.Message, SolverName = Name, Iterations = result.Iterations, Seconds = result.Seconds };
        }

        var solution = new Solution
        {
            Status = status,
            Message = result.Message,
            SolverName = Name,
            Objective = result.Objective,
            Values = result.X,
            Iterations = result.Iterations,
            Seconds = result.Seconds,
        };
        if (status != SolveStatus.Optimal)
        {
            return solution;
        }

        // Ipopt's objective is taken at its relaxed bounds (bound_relax_factor); report it at the returned point.
        solution = solution with { Objective = program.EvaluateObjective(result.X.ToArray()) };

        var lambda = result.ConstraintMultipliers;
        var duals = new double[program.LinearRowCount];
        for (var r = 0; r < duals.Length; r++)
        {
            duals[r] = -lambda[r];
        }

        var nonlinearDuals = new double[model.NonlinearConstraints.Count];
        for (var k = 0; k < nonlinearDuals.Length; k++)
        {
            nonlinearDuals[k] = -lambda[program.FirstNonlinearRow + k];
        }

        var n = model.Variables.Count;
        var reduced = new double[n];
        double[]? lagrangian = null;
        for (var i = 0; i < n; i++)
        {
            if (program.IsFixed(i))
            {
                lagrangian ??= LagrangianGradient(program, result);
                reduced[i] = lagrangian[i];
            }
            else
            {
                reduced[i] = result.LowerBoundMultipliers[i] - result.UpperBoundMultipliers[i];
            }
        }

        return solution with { Duals = duals, NonlinearDuals = nonlinearDuals, ReducedCosts = reduced };
    }

    private static double[] LagrangianGradient(ModelProgram program, IpoptResult result)
    {
        var gradient = new double[program.VariableCount];
        program.LagrangianGradient(result.X.ToArray(), result.ConstraintMultipliers.ToArray(), gradient);
        return gradient;
    }

    private static SolveStatus MapStatus(IpoptResult result)
    {
        if (result.CallbackException is not null)
        {
            return SolveStatus.Error;
        }

        return result.Status switch
        {
            IpoptStatus.SolveSucceeded or IpoptStatus.SolvedToAcceptableLevel => SolveStatus.Optimal,
            IpoptStatus.InfeasibleProblemDetected => SolveStatus.Infeasible,
            IpoptStatus.DivergingIterates => SolveStatus.Unbounded,
            IpoptStatus.MaximumIterationsExceeded or IpoptStatus.MaximumCpuTimeExceeded => SolveStatus.LimitReached,
            _ => SolveStatus.Error,
        };
    }

    private Solution SolveWithoutVariables(OptimizationModel model)
    {
        // Nothing to optimise: the constraints are constants that hold or not.
        const double slack = 1e-9;
        bool Holds(double value, double lower, double upper) => value >= lower - slack && value <= upper + slack;
        var feasible = model.Constraints.All(c => Holds(c.Expression.Constant, c.Lower, c.Upper)) &&
                       model.NonlinearConstraints.All(c => Holds(c.Function.Value([]), c.Lower, c.Upper));
        return feasible
            ? new Solution
            {
                Status = SolveStatus.Optimal,
                Message = "The model has no variables; its constraints hold.",
                SolverName = Name,
                Objective = model.Objective.Constant,
                Duals = new double[model.Constraints.Count],
                NonlinearDuals = new double[model.NonlinearConstraints.Count],
            }
            : new Solution { Status = SolveStatus.Infeasible, Message = "The model has no variables and a constant constraint that does not hold.", SolverName = Name };
    }
}
