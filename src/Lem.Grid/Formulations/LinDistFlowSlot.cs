namespace Lem.Grid.Formulations;

/// <summary>
/// What <see cref="LinDistFlowFormulation"/> added for one slot, with read-outs of prices, voltages and flows and the DLMP
/// decomposition computed two ways: from the duals by the KKT stationarity conditions (<see cref="DlmpFromDuals"/>) and
/// from the constraint duals weighted by the path sensitivities (<see cref="DlmpFromSensitivities"/>).
/// </summary>
public sealed class LinDistFlowSlot : DistFlowSlot
{
    private readonly PreparedLinDistFlowFormulation _prepared;

    internal LinDistFlowSlot(PreparedLinDistFlowFormulation prepared, Variable[] v, Variable[] p, Variable[] q, Constraint[] pBalance, Constraint[] qBalance, Constraint[] drops, Constraint?[] voltageLimits, IReadOnlyList<LinDistFlowThermalRow> thermalRows)
        : base(prepared.Feeder, prepared.Index.BaseMva, prepared.Index.GPu, prepared.Index.BPu, v, p, q, pBalance, qBalance, drops, voltageLimits)
    {
        _prepared = prepared;
        ThermalRows = thermalRows;
    }

    /// <summary>The thermal-limit rows.</summary>
    public IReadOnlyList<LinDistFlowThermalRow> ThermalRows { get; }

    /// <summary>The path sensitivities of the feeder (computed on first use, shared with the other slots of the prepared formulation).</summary>
    public LinDistFlowSensitivities Sensitivities => _prepared.Sensitivities;

    /// <summary>Zero: LinDistFlow drops the series losses (shunt consumption is not counted as a loss).</summary>
    public override double LossesMw(Solution solution) => 0.0;

    /// <summary>The decomposition from the duals (<see cref="DlmpFromDuals"/>), whose totals are the balance duals.</summary>
    public override IReadOnlyList<DlmpDecomposition>? Dlmps(Solution solution) => DlmpFromDuals(solution);

    /// <summary>
    /// The DLMP decomposition from the duals, by the KKT stationarity conditions of the flow and voltage variables
    /// (Lagrangian L = cost − Σ_c y_c(row_c − b_c) with y = ∂cost*/∂b): for the series flow P_k of a branch f → t,
    /// λ_t = λ_f − 2r_k β_k − T_k, where β_k is the dual of its voltage-drop row and T_k the thermal rows' duals times their
    /// coefficients of P_k; and for each squared voltage v_j, η_j + (shunt terms) + Σ (drop duals × their coefficients of v_j) = 0,
    /// which splits every β_k, leaves to root, into its sources: voltage limits (η), shunt elements (loss) and thermal rows
    /// at branch ends with charging (congestion). Walking root → leaves accumulates the components; the energy component
    /// is the slack balance dual. The total equals the balance dual at each bus.
    /// </summary>
    /// <remarks>
    /// With shunt elements, this splits their marginal consumption at the local nodal prices, whereas
    /// <see cref="DlmpFromSensitivities"/> values it at the slack's prices: the totals agree and the components differ
    /// by the cross terms (zero without shunt elements).
    /// </remarks>
    public IReadOnlyList<DlmpDecomposition> DlmpFromDuals(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        int n = Index.BusCount, m = Index.BranchCount;
        var lambdaP = _pBalance.Select(solution.Dual).ToArray();
        var lambdaQ = _qBalance.Select(solution.Dual).ToArray();

        // Sources of the v-stationarity rows, by component, and the thermal terms T_k of the P-stationarity rows.
        var sourceVoltage = new double[n];
        var sourceLoss = new double[n];
        var sourceCongestion = new double[n];
        var thermalP = new double[m];
        for (var i = 0; i < n; i++)
        {
            sourceVoltage[i] = _voltageLimits[i] is { } row ? solution.Dual(row) : 0.0;
            sourceLoss[i] = (-lambdaP[i] * Feeder.ShuntPPerV[i]) - (lambdaQ[i] * Feeder.ShuntQPerV[i]);
        }

        foreach (var row in ThermalRows)
        {
            var d = solution.Dual(row.Constraint);
            if (d == 0)
            {
                continue;
            }

            var (sign, bus, gv, bv) = EndCoefficients(row);
            thermalP[row.BranchIndex] += d * sign * row.CosCoefficient;
            sourceCongestion[bus] += d * ((row.CosCoefficient * gv) + (row.SinCoefficient * bv));
        }

        var betaVoltage = new double[m];
        var betaLoss = new double[m];
        var betaCongestion = new double[m];
        for (var o = Feeder.Order.Length - 1; o >= 0; o--)
        {
            var j = Feeder.Order[o];
            if (j == Feeder.Root)
            {
                continue;
            }

            double sv = sourceVoltage[j], sl = sourceLoss[j], sc = sourceCongestion[j];
            foreach (var c in Feeder.Children[j])
            {
                var kc = Feeder.ParentBranch[c];
                var coefficient = Feeder.ParentBranchIsForward[c] ? -1.0 / Feeder.TapSquared[kc] : 1.0;
                sv += coefficient * betaVoltage[kc];
                sl += coefficient * betaLoss[kc];
                sc += coefficient * betaCongestion[kc];
            }

            var kp = Feeder.ParentBranch[j];
            var factor = Feeder.ParentBranchIsForward[j] ? -1.0 : Feeder.TapSquared[kp];
            betaVoltage[kp] = factor * sv;
            betaLoss[kp] = factor * sl;
            betaCongestion[kp] = factor * sc;
        }

        var energy = lambdaP[Feeder.Root];
        var loss = new double[n];
        var congestion = new double[n];
        var voltage = new double[n];
        foreach (var j in Feeder.Order)
        {
            if (j == Feeder.Root)
            {
                continue;
            }

            var parent = Feeder.Parent[j];
            var k = Feeder.ParentBranch[j];
            var sigma = Feeder.ParentBranchIsForward[j] ? 1.0 : -1.0;
            var r2 = 2 * Index.RPu[k];
            loss[j] = loss[parent] - (sigma * r2 * betaLoss[k]);
            voltage[j] = voltage[parent] - (sigma * r2 * betaVoltage[k]);
            congestion[j] = congestion[parent] - (sigma * ((r2 * betaCongestion[k]) + thermalP[k]));
        }

        var scale = 1.0 / Index.BaseMva;
        return [.. Enumerable.Range(0, n).Select(i => new DlmpDecomposition(Index.BusIds[i], energy * scale, loss[i] * scale, congestion[i] * scale, voltage[i] * scale))];
    }

    /// <summary>
    /// The DLMP decomposition by the sensitivity formula (docs/formulations.md#prices-and-dlmps): for demand at bus i,
    /// DLMP_i = λ_slack·(−∂p_slack/∂p_i) − λ^Q_slack·∂q_slack/∂p_i + Σ_ℓ y_ℓ·∂f_ℓ/∂p_i + Σ_j η_j·∂v_j/∂p_i, with the duals y
    /// (thermal rows) and η (voltage rows) in the ∂cost/∂bound convention, i.e. λ_slack − Σ_ℓ μ_ℓ ∂f_ℓ/∂p_i −
    /// Σ_j (η_j⁺ − η_j⁻) ∂v_j/∂p_i with non-negative multipliers, and the path sensitivities of
    /// <see cref="LinDistFlowSensitivities"/> (∂v_j/∂p_i = 2R_ij without shunt elements). Energy is λ_slack, loss the
    /// marginal shunt consumption at the slack prices (zero without shunt elements).
    /// </summary>
    public IReadOnlyList<DlmpDecomposition> DlmpFromSensitivities(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        int n = Index.BusCount, m = Index.BranchCount;
        var lambdaP = solution.Dual(_pBalance[Feeder.Root]);
        var lambdaQ = solution.Dual(_qBalance[Feeder.Root]);
        var voltageRows = new List<(int Bus, double Dual)>();
        for (var i = 0; i < n; i++)
        {
            if (_voltageLimits[i] is { } row && solution.Dual(row) is var d && d != 0)
            {
                voltageRows.Add((i, d));
            }
        }

        var thermalRows = ThermalRows.Select(r => (Row: r, Dual: solution.Dual(r.Constraint))).Where(t => t.Dual != 0).ToList();
        var dv = new double[n];
        var dp = new double[m];
        var dq = new double[m];
        var scale = 1.0 / Index.BaseMva;
        var result = new DlmpDecomposition[n];
        for (var i = 0; i < n; i++)
        {
            var (slackP, slackQ) = Sensitivities.Compute(i, false, dv, dp, dq);
            var loss = (-lambdaP * (slackP + 1)) - (lambdaQ * slackQ);
            var voltage = voltageRows.Sum(t => t.Dual * dv[t.Bus]);
            var congestion = 0.0;
            foreach (var (row, d) in thermalRows)
            {
                var (sign, bus, gv, bv) = EndCoefficients(row);
                var k = row.BranchIndex;
                var dpEnd = (sign * dp[k]) + (gv * dv[bus]);
                var dqEnd = (sign * dq[k]) + (bv * dv[bus]);
                congestion += d * ((row.CosCoefficient * dpEnd) + (row.SinCoefficient * dqEnd));
            }

            result[i] = new DlmpDecomposition(Index.BusIds[i], lambdaP * scale, loss * scale, congestion * scale, voltage * scale);
        }

        return result;
    }

    /// <summary>For a thermal row: the sign of the series flow at its end, the end bus, and the v coefficients of P_end and Q_end.</summary>
    private (double Sign, int Bus, double Gv, double Bv) EndCoefficients(LinDistFlowThermalRow row)
    {
        var k = row.BranchIndex;
        var scale = row.AtFromEnd ? 1.0 / Feeder.TapSquared[k] : 1.0;
        return (row.AtFromEnd ? 1.0 : -1.0, row.AtFromEnd ? Index.FromIndex[k] : Index.ToIndex[k], Index.GPu[k] / 2 * scale, -Index.BPu[k] / 2 * scale);
    }
}
