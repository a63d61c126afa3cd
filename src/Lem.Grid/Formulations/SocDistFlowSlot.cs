using System.Collections.Immutable;

namespace Lem.Grid.Formulations;

/// <summary>
/// What <see cref="SocDistFlowFormulation"/> added for one slot, with read-outs of prices, voltages, flows and losses,
/// and the exactness check of the relaxation.
/// </summary>
public sealed class SocDistFlowSlot : DistFlowSlot
{
    private readonly Variable[] _l;
    private readonly ConeConstraint[] _cones;

    internal SocDistFlowSlot(DistributionFeeder feeder, SocDistFlowPerUnit perUnit, double tolerance, Variable[] w, Variable[] p, Variable[] q, Variable[] l, Constraint[] pBalance, Constraint[] qBalance, Constraint[] drops, Constraint?[] voltageLimits, ConeConstraint[] cones, IReadOnlyList<ConeConstraint> thermalCones)
        : base(feeder, perUnit.PowerBaseMva, perUnit.GPu, perUnit.BPu, w, p, q, pBalance, qBalance, drops, voltageLimits)
    {
        PerUnit = perUnit;
        ExactnessTolerance = tolerance;
        _l = l;
        _cones = cones;
        ThermalCones = thermalCones;
    }

    /// <summary>
    /// The floor of the relative gap's denominator as a fraction of the largest (w_f/τ²)·ℓ of the slot: branches carrying
    /// less than 10 % of the largest current are measured against that current, so solver noise on idle branches does not
    /// count as inexactness (0.01).
    /// </summary>
    public const double RelativeGapFloor = 0.01;

    /// <summary>The data in per unit on the model's power base; the variables are in these units.</summary>
    public SocDistFlowPerUnit PerUnit { get; }

    /// <summary>The relative cone gap up to which the relaxation counts as exact.</summary>
    public double ExactnessTolerance { get; }

    /// <summary>The squared series current variable of each branch (p.u.² of <see cref="PerUnit"/>'s base).</summary>
    public IReadOnlyList<Variable> SquaredCurrents => _l;

    /// <summary>The branch flow cone of each branch.</summary>
    public IReadOnlyList<ConeConstraint> BranchCones => _cones;

    /// <summary>The thermal-limit cones (two per rated branch: from end, to end).</summary>
    public IReadOnlyList<ConeConstraint> ThermalCones { get; }

    /// <summary>The series active losses Σ r_k·ℓ_k (MW), MATPOWER's definition of branch losses.</summary>
    public override double LossesMw(Solution solution) => SeriesLosses(solution, PerUnit.RPu);

    /// <summary>The series reactive losses Σ x_k·ℓ_k (Mvar).</summary>
    public double ReactiveLossesMvar(Solution solution) => SeriesLosses(solution, PerUnit.XPu);

    /// <summary>
    /// The cone gap (w_f/τ²)·ℓ − P² − Q² of every branch (docs/formulations.md#soc-distflow, run-time exactness check). When the check fails
    /// the voltages and flows are not AC-feasible; re-run an AC power flow with the dispatch or penalise losses.
    /// </summary>
    public SocExactnessReport Exactness(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var lines = new SocLineExactness[_l.Length];
        var products = new double[_l.Length];
        var largestFlow = 1e-12;
        for (var k = 0; k < lines.Length; k++)
        {
            products[k] = solution.Value(_squaredVoltages[Index.FromIndex[k]]) / Feeder.TapSquared[k] * solution.Value(_l[k]);
            largestFlow = Math.Max(largestFlow, double.Hypot(solution.Value(_p[k]), solution.Value(_q[k])));
        }

        var floor = Math.Max(RelativeGapFloor * (products.Length == 0 ? 0.0 : products.Max()), 1e-12);
        for (var k = 0; k < lines.Length; k++)
        {
            var p = solution.Value(_p[k]);
            var q = solution.Value(_q[k]);
            var gap = products[k] - (p * p) - (q * q);
            var relative = Math.Abs(gap) / Math.Max(products[k], floor);
            var voltage = Math.Max(solution.Value(_squaredVoltages[Index.FromIndex[k]]) / Feeder.TapSquared[k], 1e-12);
            var spurious = double.Hypot(PerUnit.RPu[k], PerUnit.XPu[k]) * Math.Abs(gap) / voltage;
            var exact = relative <= ExactnessTolerance || spurious <= ExactnessTolerance * largestFlow;
            lines[k] = new SocLineExactness(k, Index.BranchIds[k], gap, relative, spurious, exact, p, q, products[k]);
        }

        return new SocExactnessReport(lines, ExactnessTolerance, PerUnit.PowerBaseMva);
    }

    /// <summary>
    /// The DLMP decomposition by the sensitivity formula, with the sensitivities of the exact branch flow model at the
    /// solution (valid when the relaxation is exact, see <see cref="Exactness"/>): for demand at bus i,
    /// DLMP_i = λ_slack·(−∂p_slack/∂p_i) − λ^Q_slack·∂q_slack/∂p_i + Σ_j η_j·∂w_j/∂p_i + congestion. Energy is λ_slack, loss
    /// the marginal series and shunt losses valued at the slack's prices, voltage the voltage-limit duals η times the
    /// voltage sensitivities. The optimisation layer reports no cone duals, so congestion (the thermal cones) is what
    /// remains of the balance dual: zero up to solver accuracy when no thermal limit binds, which checks the rest.
    /// </summary>
    /// <exception cref="InvalidOperationException">When the Jacobian of the branch flow model is singular at the solution.</exception>
    public IReadOnlyList<DlmpDecomposition> DlmpFromSensitivities(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var n = Index.BusCount;
        double[] Values(Variable[] vars) => [.. vars.Select(solution.Value)];
        using var sensitivities = new SocDistFlowSensitivities(Feeder, PerUnit, Values(_p), Values(_q), Values(_l), Values(_squaredVoltages));
        var lambdaP = solution.Dual(_pBalance[Feeder.Root]);
        var lambdaQ = solution.Dual(_qBalance[Feeder.Root]);
        var slackP = sensitivities.ToActiveInjections(sensitivities.SlackPColumn);
        var slackQ = sensitivities.ToActiveInjections(sensitivities.SlackQColumn);
        var voltage = new double[n];
        for (var j = 0; j < n; j++)
        {
            if (_voltageLimits[j] is not { } row)
            {
                continue;
            }

            var eta = solution.Dual(row);
            if (Math.Abs(eta) <= 1e-9 * Math.Max(1.0, Math.Abs(lambdaP)))
            {
                continue; // interior-point duals of inactive limits are tiny, not zero
            }

            var dw = sensitivities.ToActiveInjections(sensitivities.VoltageColumn(j));
            for (var i = 0; i < n; i++)
            {
                voltage[i] += eta * dw[i];
            }
        }

        var scale = 1.0 / PerUnit.PowerBaseMva;
        var result = new DlmpDecomposition[n];
        for (var i = 0; i < n; i++)
        {
            var loss = (-lambdaP * (slackP[i] + 1)) - (lambdaQ * slackQ[i]);
            var total = solution.Dual(_pBalance[i]);
            var congestion = total - lambdaP - loss - voltage[i];
            result[i] = new DlmpDecomposition(Index.BusIds[i], lambdaP * scale, loss * scale, congestion * scale, voltage[i] * scale);
        }

        return result;
    }

    /// <summary>
    /// The decomposition by the sensitivities (<see cref="DlmpFromSensitivities"/>), whose totals are the balance duals;
    /// null when the Jacobian of the branch flow model is singular at the solution or KLU is not installed: the
    /// decomposition is an optional read-out and must not fail the clearing. Meaningful where the relaxation is exact
    /// (<see cref="Exactness"/>); elsewhere the congestion component absorbs the error.
    /// </summary>
    public override IReadOnlyList<DlmpDecomposition>? Dlmps(Solution solution)
    {
        try
        {
            return DlmpFromSensitivities(solution);
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The cone gap of every branch (<see cref="Exactness"/>).</summary>
    public override SocExactnessReport? RelaxationExactness(Solution solution) => Exactness(solution);

    /// <summary>Whether every branch cone is tight within <see cref="ExactnessTolerance"/> (the relaxed solution is AC-feasible).</summary>
    public bool IsExact(Solution solution) => Exactness(solution).IsExact;

    // Σ z_k·ℓ_k over the branches in MW (z = r) or Mvar (z = x).
    private double SeriesLosses(Solution solution, ImmutableArray<double> seriesImpedancePu)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var sum = 0.0;
        for (var k = 0; k < _l.Length; k++)
        {
            sum += seriesImpedancePu[k] * solution.Value(_l[k]);
        }

        return sum * PerUnit.PowerBaseMva;
    }
}
