namespace Lem.Optimization;

/// <summary>
/// A solver-neutral optimisation model: <b>minimise</b> cᵀx + Σ c_ab·x_a·x_b + constant subject to linear constraints
/// lower ≤ aᵀx ≤ upper, variable bounds and integrality, second-order cones and smooth nonlinear constraints.
/// </summary>
/// <remarks>
/// Dual values (see <see cref="Solution.Dual(Constraint)"/>) are normalised once, in every back end, to
/// ∂(optimal objective)/∂(bound): for an equality aᵀx = b the derivative with respect to b; for an inequality the
/// derivative with respect to its active bound (zero when neither bound is active). So the dual of a balance
/// "supply − demand_variable = fixed demand" is the price +∂cost/∂demand.
/// </remarks>
public sealed class OptimizationModel
{
    private readonly List<VariableData> _variables = [];
    private readonly List<ConstraintData> _constraints = [];
    private readonly List<ConeData> _cones = [];
    private readonly List<NonlinearConstraintData> _nonlinear = [];
    private readonly List<QuadraticTerm> _quadratic = [];
    private readonly Dictionary<int, double> _starts = [];

    /// <summary>Creates an empty model.</summary>
    public OptimizationModel(string name = "model") => Name = name;

    /// <summary>The model's name (used in messages and model files).</summary>
    public string Name { get; }

    /// <summary>The variables in order.</summary>
    public IReadOnlyList<VariableData> Variables => _variables;

    /// <summary>The linear constraints in order.</summary>
    public IReadOnlyList<ConstraintData> Constraints => _constraints;

    /// <summary>The second-order cones in order.</summary>
    public IReadOnlyList<ConeData> Cones => _cones;

    /// <summary>The nonlinear constraints in order.</summary>
    public IReadOnlyList<NonlinearConstraintData> NonlinearConstraints => _nonlinear;

    /// <summary>The linear part of the objective (with its constant).</summary>
    public LinearExpression Objective { get; private set; } = new();

    /// <summary>The quadratic terms of the objective.</summary>
    public IReadOnlyList<QuadraticTerm> QuadraticObjective => _quadratic;

    /// <summary>Whether any variable is integer.</summary>
    public bool HasIntegers => _variables.Any(v => v.IsInteger);

    /// <summary>Whether the objective has quadratic terms.</summary>
    public bool HasQuadraticObjective => _quadratic.Count > 0;

    /// <summary>Whether the model has second-order cones.</summary>
    public bool HasCones => _cones.Count > 0;

    /// <summary>Whether the model has nonlinear constraints.</summary>
    public bool HasNonlinearConstraints => _nonlinear.Count > 0;

    /// <summary>Adds a continuous variable with bounds (use infinities for none).</summary>
    public Variable AddVariable(double lower = 0, double upper = double.PositiveInfinity, string? name = null) => Add(lower, upper, false, name);

    /// <summary>Adds an integer variable with bounds.</summary>
    public Variable AddInteger(double lower, double upper, string? name = null) => Add(lower, upper, true, name);

    /// <summary>Adds a binary variable.</summary>
    public Variable AddBinary(string? name = null) => Add(0, 1, true, name);

    /// <summary>Changes the bounds of a variable (to fix it, give equal bounds).</summary>
    public void SetBounds(Variable x, double lower, double upper)
    {
        CheckBounds(lower, upper, "variable");
        _variables[x.Index] = _variables[x.Index] with { Lower = lower, Upper = upper };
    }

    /// <summary>Makes an integer variable continuous (for re-solving with fixed integers to obtain duals).</summary>
    public void Relax(Variable x) => _variables[x.Index] = _variables[x.Index] with { IsInteger = false };

    /// <summary>The start values given with <see cref="SetStart"/>, by variable index (interior-point back ends start there; others ignore them).</summary>
    public IReadOnlyDictionary<int, double> StartValues => _starts;

    /// <summary>Gives a start value for a variable: a hint for interior-point back ends (Ipopt); LP/MIP back ends ignore it.</summary>
    public void SetStart(Variable x, double value)
    {
        if (x.Index < 0 || x.Index >= _variables.Count)
        {
            throw new ArgumentException($"The model '{Name}' has no variable {x.Index}.", nameof(x));
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A start value must be finite.");
        }

        _starts[x.Index] = value;
    }

    /// <summary>Adds lower ≤ expression ≤ upper.</summary>
    public Constraint AddConstraint(LinearExpression expression, double lower, double upper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        CheckBounds(lower, upper, "constraint");
        CheckVariables(expression);
        _constraints.Add(new ConstraintData(expression, lower, upper, name));
        return new Constraint(_constraints.Count - 1);
    }

    /// <summary>Adds expression = rhs.</summary>
    public Constraint AddEquality(LinearExpression expression, double rhs, string? name = null) => AddConstraint(expression, rhs, rhs, name);

    /// <summary>Adds expression ≤ rhs.</summary>
    public Constraint AddLessOrEqual(LinearExpression expression, double rhs, string? name = null) => AddConstraint(expression, double.NegativeInfinity, rhs, name);

    /// <summary>Adds expression ≥ rhs.</summary>
    public Constraint AddGreaterOrEqual(LinearExpression expression, double rhs, string? name = null) => AddConstraint(expression, rhs, double.PositiveInfinity, name);

    /// <summary>Changes the bounds of a constraint.</summary>
    public void SetBounds(Constraint c, double lower, double upper)
    {
        CheckBounds(lower, upper, "constraint");
        _constraints[c.Index] = _constraints[c.Index] with { Lower = lower, Upper = upper };
    }

    /// <summary>Adds the cone ‖(terms)‖₂ ≤ t.</summary>
    public ConeConstraint AddCone(Variable t, IReadOnlyList<LinearExpression> terms, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        terms.ToList().ForEach(CheckVariables);
        _cones.Add(new ConeData(ConeKind.Quadratic, t, null, terms, name));
        return new ConeConstraint(_cones.Count - 1);
    }

    /// <summary>Adds the rotated cone Σ terms² ≤ u·w with u, w ≥ 0.</summary>
    public ConeConstraint AddRotatedCone(Variable u, Variable w, IReadOnlyList<LinearExpression> terms, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        terms.ToList().ForEach(CheckVariables);
        _cones.Add(new ConeData(ConeKind.Rotated, u, w, terms, name));
        return new ConeConstraint(_cones.Count - 1);
    }

    /// <summary>Adds lower ≤ f(x) ≤ upper for a smooth function f.</summary>
    public NonlinearConstraint AddNonlinearConstraint(INonlinearFunction function, double lower, double upper, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        CheckBounds(lower, upper, "constraint");
        _nonlinear.Add(new NonlinearConstraintData(function, lower, upper, name));
        return new NonlinearConstraint(_nonlinear.Count - 1);
    }

    /// <summary>Replaces the linear objective (to be minimised).</summary>
    public void SetObjective(LinearExpression objective)
    {
        ArgumentNullException.ThrowIfNull(objective);
        CheckVariables(objective);
        Objective = objective;
    }

    /// <summary>Adds to the linear objective.</summary>
    public void AddToObjective(LinearExpression terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        CheckVariables(terms);
        Objective.Add(terms);
    }

    /// <summary>Adds c·x_a·x_b to the objective. The quadratic part must be convex for the LP/QP back ends.</summary>
    public void AddQuadraticObjective(Variable a, Variable b, double coefficient)
    {
        if (!double.IsFinite(coefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "A coefficient must be finite.");
        }

        if (coefficient != 0)
        {
            _quadratic.Add(new QuadraticTerm(a, b, coefficient));
        }
    }

    private Variable Add(double lower, double upper, bool integer, string? name)
    {
        CheckBounds(lower, upper, "variable");
        _variables.Add(new VariableData(lower, upper, integer, name));
        return new Variable(_variables.Count - 1);
    }

    private static void CheckBounds(double lower, double upper, string what)
    {
        if (double.IsNaN(lower) || double.IsNaN(upper) || lower > upper || double.IsPositiveInfinity(lower) || double.IsNegativeInfinity(upper))
        {
            throw new ArgumentException($"The {what} bounds [{lower}, {upper}] are not a valid interval.");
        }
    }

    private void CheckVariables(LinearExpression e)
    {
        foreach (var i in e.Indices)
        {
            if (i < 0 || i >= _variables.Count)
            {
                throw new ArgumentException($"The expression uses variable {i}, which the model '{Name}' does not have.");
            }
        }
    }
}
