using System.Numerics;

namespace Lem.Grid.Formulations;

/// <summary>
/// What <see cref="LinDist3FlowFormulation"/> added for one slot, with per-phase read-outs and the per-phase DLMP
/// decomposition (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices). The per-bus read-outs of
/// <see cref="GridSlot"/> are the balanced views: the mean of the phase prices, voltages and decompositions, and the
/// sum of the phase flows.
/// </summary>
public sealed class LinDist3FlowSlot : GridSlot, IPhaseGridSlot
{
    private readonly PreparedLinDist3FlowFormulation _prepared;
    private readonly Variable[,] _y;
    private readonly Variable[,] _p;
    private readonly Variable[,] _q;
    private readonly Constraint[,] _pBalance;
    private readonly Constraint[,] _qBalance;
    private readonly Constraint?[,] _voltageLimits;

    internal LinDist3FlowSlot(PreparedLinDist3FlowFormulation prepared, Variable[,] y, Variable[,] p, Variable[,] q, Constraint[,] pBalance, Constraint[,] qBalance, Constraint?[,] voltageLimits, IReadOnlyList<LinDist3FlowThermalRow> thermalRows, IReadOnlyList<LinDist3FlowUnbalanceRow> unbalanceRows)
    {
        _prepared = prepared;
        _y = y;
        _p = p;
        _q = q;
        _pBalance = pBalance;
        _qBalance = qBalance;
        _voltageLimits = voltageLimits;
        ThermalRows = thermalRows;
        UnbalanceRows = unbalanceRows;
    }

    /// <summary>The network.</summary>
    public NetworkIndex Index => _prepared.Index;

    /// <summary>The thermal-limit rows.</summary>
    public IReadOnlyList<LinDist3FlowThermalRow> ThermalRows { get; }

    /// <summary>The voltage unbalance rows (empty without a limit).</summary>
    public IReadOnlyList<LinDist3FlowUnbalanceRow> UnbalanceRows { get; }

    /// <summary>The squared voltage variable of a bus and phase.</summary>
    public Variable SquaredVoltage(int bus, int phase) => _y[bus, phase];

    /// <summary>The active balance row of a bus and phase (one shared row at the slack bus).</summary>
    public Constraint ActiveBalance(int bus, int phase) => _pBalance[bus, phase];

    /// <summary>The voltage limit row of a bus and phase, or null.</summary>
    public Constraint? VoltageLimit(int bus, int phase) => _voltageLimits[bus, phase];

    /// <inheritdoc />
    public double[][] PhaseActivePrices(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var scale = 3.0 / Index.BaseMva;
        return [.. Enumerable.Range(0, Index.BusCount).Select(i => new[] { solution.Dual(_pBalance[i, 0]) * scale, solution.Dual(_pBalance[i, 1]) * scale, solution.Dual(_pBalance[i, 2]) * scale })];
    }

    /// <summary>The price of a balanced withdrawal at each bus: the mean of its three phase prices.</summary>
    public override double[] ActivePrices(Solution solution) => [.. PhaseActivePrices(solution).Select(r => r.Average())];

    /// <inheritdoc />
    public double[][] PhaseVoltageMagnitudesPu(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return [.. Enumerable.Range(0, Index.BusCount).Select(i => new[] { Vm(solution, i, 0), Vm(solution, i, 1), Vm(solution, i, 2) })];
    }

    /// <summary>The mean of the three phase voltage magnitudes of each bus (p.u.).</summary>
    public override double[]? VoltageMagnitudesPu(Solution solution) => [.. PhaseVoltageMagnitudesPu(solution).Select(r => r.Average())];

    /// <inheritdoc />
    public double[][] PhaseBranchFlowsMw(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var perPhase = Index.BaseMva / 3.0;
        var result = new double[Index.BranchCount][];
        for (var k = 0; k < Index.BranchCount; k++)
        {
            var (_, gv, _) = _prepared.EndCoefficients(k, true);
            var bus = _prepared.ThermalEndBus(k, true);
            result[k] = [.. Enumerable.Range(0, 3).Select(phi => (solution.Value(_p[k, phi]) + (gv * solution.Value(_y[bus, phi]))) * perPhase)];
        }

        return result;
    }

    /// <summary>The active flow entering each branch at its from end (MW): the sum over the phases.</summary>
    public override double[]? BranchFlowsMw(Solution solution) => [.. PhaseBranchFlowsMw(solution).Select(r => r.Sum())];

    /// <summary>Zero: LinDist3Flow drops the series losses.</summary>
    public override double LossesMw(Solution solution) => 0.0;

    /// <summary>The balanced view of <see cref="PhaseDlmps"/>: the mean of each bus's three phase decompositions.</summary>
    public override IReadOnlyList<DlmpDecomposition>? Dlmps(Solution solution) =>
        [.. PhaseDlmps(solution).Select(r => new DlmpDecomposition(r[0].Bus, r.Average(d => d.EnergyEurPerMwh), r.Average(d => d.LossEurPerMwh), r.Average(d => d.CongestionEurPerMwh), r.Average(d => d.VoltageEurPerMwh)))];

    /// <summary>
    /// The per-phase DLMPs by the sensitivity formula: for a unit demand on phase φ of bus i, the flows on the path to the
    /// slack change by the demand (mapped through delta–wye transformers), the squared voltages by the linear drops, and
    /// stationarity of the free grid variables gives
    /// λ_i^φ = λ_slack − Σ_{limit rows c} y_c·Δrow_c + Σ_{j,ψ} (y^P_jψ·g_j + y^Q_jψ·b_j)·ΔY_j^ψ with the duals y in the
    /// ∂cost/∂bound convention: energy is λ_slack, voltage the voltage-limit and unbalance rows, congestion the thermal
    /// rows, loss the shunt (charging) terms. The totals equal <see cref="PhaseActivePrices"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<DlmpDecomposition>> PhaseDlmps(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        var feeder = _prepared.Feeder;
        var index = Index;
        int n = index.BusCount, m = index.BranchCount;
        var scale = 3.0 / index.BaseMva;
        var energy = solution.Dual(_pBalance[feeder.Root, 0]) * scale;

        var voltageDuals = new List<(int Bus, int Phase, double Dual)>();
        for (var i = 0; i < n; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                if (_voltageLimits[i, phi] is { } row && solution.Dual(row) is var d && d != 0)
                {
                    voltageDuals.Add((i, phi, d));
                }
            }
        }

        var unbalanceDuals = UnbalanceRows.Select(r => (Row: r, Dual: solution.Dual(r.Constraint))).Where(t => t.Dual != 0).ToList();
        var thermalDuals = ThermalRows.Select(r => (Row: r, Dual: solution.Dual(r.Constraint))).Where(t => t.Dual != 0).ToList();
        var shuntWeight = new double[n, 3];
        for (var i = 0; i < n; i++)
        {
            for (var phi = 0; phi < 3; phi++)
            {
                shuntWeight[i, phi] = (solution.Dual(_pBalance[i, phi]) * feeder.ShuntPPerV[i]) + (solution.Dual(_qBalance[i, phi]) * feeder.ShuntQPerV[i]);
            }
        }

        var flow = new Complex[m][];
        var dy = new double[n, 3];
        var result = new IReadOnlyList<DlmpDecomposition>[n];
        for (var i = 0; i < n; i++)
        {
            var row = new DlmpDecomposition[3];
            for (var phi = 0; phi < 3; phi++)
            {
                if (i == feeder.Root)
                {
                    row[phi] = new DlmpDecomposition(index.BusIds[i], energy, 0, 0, 0);
                    continue;
                }

                Sensitivity(i, phi, flow, dy);
                double voltage = 0, congestion = 0, loss = 0;
                foreach (var (bus, ph, d) in voltageDuals)
                {
                    voltage -= d * dy[bus, ph];
                }

                foreach (var (r, d) in unbalanceDuals)
                {
                    voltage -= d * ((r.Coefficients[0] * dy[r.Bus, 0]) + (r.Coefficients[1] * dy[r.Bus, 1]) + (r.Coefficients[2] * dy[r.Bus, 2]));
                }

                foreach (var (r, d) in thermalDuals)
                {
                    var k = r.BranchIndex;
                    var (sign, gv, bv) = _prepared.EndCoefficients(k, r.AtFromEnd);
                    var s = flow[k] is { } f ? f[r.Phase] : Complex.Zero;
                    var yEnd = dy[_prepared.ThermalEndBus(k, r.AtFromEnd), r.Phase];
                    congestion -= d * ((r.CosCoefficient * ((sign * s.Real) + (gv * yEnd))) + (r.SinCoefficient * ((sign * s.Imaginary) + (bv * yEnd))));
                }

                for (var j = 0; j < n; j++)
                {
                    for (var ph = 0; ph < 3; ph++)
                    {
                        loss += shuntWeight[j, ph] * dy[j, ph];
                    }
                }

                row[phi] = new DlmpDecomposition(index.BusIds[i], energy, loss * scale, congestion * scale, voltage * scale);
            }

            result[i] = row;
        }

        return result;
    }

    /// <summary>
    /// The change of the per-phase branch flows (<paramref name="flow"/>, null off the path) and squared voltages
    /// (<paramref name="dy"/>) for a unit demand (1 p.u. of S_base/3) on phase <paramref name="phase"/> of bus <paramref name="bus"/>.
    /// </summary>
    private void Sensitivity(int bus, int phase, Complex[]?[] flow, double[,] dy)
    {
        var feeder = _prepared.Feeder;
        Array.Clear(flow);
        var w = new Complex[3];
        w[phase] = Complex.One;
        for (var j = bus; j != feeder.Root; j = feeder.Parent[j])
        {
            var k = feeder.ParentBranch[j];
            var forward = feeder.ParentBranchIsForward[j];
            flow[k] = forward ? [.. w] : [.. w.Select(x => -x)];
            if (forward)
            {
                var share = _prepared.Branches[k].FromShare;
                var up = new Complex[3];
                for (var from = 0; from < 3; from++)
                {
                    for (var psi = 0; psi < 3; psi++)
                    {
                        up[from] += share[from, psi] * w[psi];
                    }
                }

                w = up;
            }
        }

        foreach (var j in feeder.Order)
        {
            if (j == feeder.Root)
            {
                dy[j, 0] = dy[j, 1] = dy[j, 2] = 0;
                continue;
            }

            var parent = feeder.Parent[j];
            var k = feeder.ParentBranch[j];
            var branch = _prepared.Branches[k];
            var tap2 = feeder.TapSquared[k];
            var s = flow[k];
            for (var phi = 0; phi < 3; phi++)
            {
                var drop = s is null ? 0.0 : branch.Drop(phi, s);
                if (feeder.ParentBranchIsForward[j])
                {
                    var upstream = branch.HvPairs is { } pairs ? (dy[parent, (int)pairs[phi].X] + dy[parent, (int)pairs[phi].Y]) / 2 : dy[parent, phi];
                    dy[j, phi] = (upstream / tap2) - drop;
                }
                else
                {
                    dy[j, phi] = tap2 * (dy[parent, phi] + drop);
                }
            }
        }
    }

    private double Vm(Solution solution, int bus, int phase) => Math.Sqrt(Math.Max(0.0, solution.Value(_y[bus, phase])));
}
