namespace Lem.Optimization.Ipopt;

/// <summary>
/// A smooth nonlinear program in Ipopt's form: minimise f(x) subject to g_L ≤ g(x) ≤ g_U and x_L ≤ x ≤ x_U, with
/// exact first and second derivatives in sparse triplet form. Solved by <see cref="IpoptRunner.Solve"/>.
/// </summary>
/// <remarks>
/// Infinite bounds mean "no bound". The Jacobian and Hessian structures are asked for once; the value callbacks must
/// write the entries in the same order. The Hessian is the Hessian of the Lagrangian σ·∇²f(x) + Σᵢ λᵢ·∇²gᵢ(x),
/// lower triangle only (row ≥ column); repeated (row, column) pairs are summed. Evaluations run on the solving thread
/// while Ipopt's process-wide lock is held; they should not allocate (they are called every iteration) and may throw:
/// the solve then stops with an error that carries the exception.
/// </remarks>
public abstract class NonlinearProgram
{
    /// <summary>The number of variables n.</summary>
    public abstract int VariableCount { get; }

    /// <summary>The number of constraints m.</summary>
    public abstract int ConstraintCount { get; }

    /// <summary>The number of structural non-zeros of the constraint Jacobian.</summary>
    public abstract int JacobianNonZeros { get; }

    /// <summary>The number of structural non-zeros of the lower triangle of the Lagrangian's Hessian.</summary>
    public abstract int HessianNonZeros { get; }

    /// <summary>Writes the variable bounds (length n each; infinities for none).</summary>
    public abstract void GetVariableBounds(Span<double> lower, Span<double> upper);

    /// <summary>Writes the constraint bounds (length m each; infinities for none, equal bounds for equalities).</summary>
    public abstract void GetConstraintBounds(Span<double> lower, Span<double> upper);

    /// <summary>Writes the starting point (length n). The default is 0 moved into the variable bounds.</summary>
    public virtual void GetStartingPoint(Span<double> x)
    {
        var n = VariableCount;
        var lower = new double[n];
        var upper = new double[n];
        GetVariableBounds(lower, upper);
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(0.0, lower[i], upper[i]);
        }
    }

    /// <summary>Writes the (row, column) pair of each Jacobian entry, 0-based (length <see cref="JacobianNonZeros"/>).</summary>
    public abstract void GetJacobianStructure(Span<int> rows, Span<int> columns);

    /// <summary>Writes the (row, column) pair of each Hessian entry, 0-based, row ≥ column (length <see cref="HessianNonZeros"/>).</summary>
    public abstract void GetHessianStructure(Span<int> rows, Span<int> columns);

    /// <summary>The objective f(x).</summary>
    public abstract double EvaluateObjective(ReadOnlySpan<double> x);

    /// <summary>Writes ∇f(x) (length n).</summary>
    public abstract void EvaluateObjectiveGradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Writes g(x) (length m).</summary>
    public abstract void EvaluateConstraints(ReadOnlySpan<double> x, Span<double> g);

    /// <summary>Writes the Jacobian entries of g at x in the order of <see cref="GetJacobianStructure"/>.</summary>
    public abstract void EvaluateJacobian(ReadOnlySpan<double> x, Span<double> values);

    /// <summary>
    /// Writes the lower-triangle entries of σ·∇²f(x) + Σᵢ λᵢ·∇²gᵢ(x) in the order of <see cref="GetHessianStructure"/>
    /// (overwriting <paramref name="values"/>).
    /// </summary>
    /// <param name="x">The point.</param>
    /// <param name="objectiveFactor">σ.</param>
    /// <param name="multipliers">λ (length m), Ipopt's constraint multipliers.</param>
    /// <param name="values">The entries to write.</param>
    public abstract void EvaluateHessian(ReadOnlySpan<double> x, double objectiveFactor, ReadOnlySpan<double> multipliers, Span<double> values);
}
