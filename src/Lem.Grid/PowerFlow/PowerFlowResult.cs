using System.Numerics;

namespace Lem.Grid.PowerFlow;

/// <summary>The outcome of a power flow, mapped to the user's ids. Non-convergence is a status, not an exception.</summary>
public sealed record PowerFlowResult
{
    /// <summary>How the solve ended.</summary>
    public required PowerFlowStatus Status { get; init; }

    /// <summary>Whether the solve converged.</summary>
    public bool Converged => Status == PowerFlowStatus.Converged;

    /// <summary>The algorithm that ran.</summary>
    public required PowerFlowAlgorithm Algorithm { get; init; }

    /// <summary>Iterations done.</summary>
    public int Iterations { get; init; }

    /// <summary>The largest power mismatch of the final voltages at buses with specified injections, in MW/Mvar.</summary>
    public double MaxMismatchMw { get; init; }

    /// <summary>The convergence measure after each iteration (NR: mismatch p.u.; BFS: voltage change p.u.).</summary>
    public IReadOnlyList<double> ConvergenceHistory { get; init; } = [];

    /// <summary>
    /// One result per bus of the user's network (<see cref="Indexing.NetworkIndex.AllBusIds"/>: in the network's order and
    /// ids). Buses merged by closed bus-bus switches each get a row at the voltage of their group; the group's injection
    /// is reported at its <see cref="Indexing.NetworkIndex.InjectionHostBusIds">host bus</see>, the other members report zero.
    /// </summary>
    public required IReadOnlyList<BusResult> Buses { get; init; }

    /// <summary>Branch results for the in-service branches.</summary>
    public required IReadOnlyList<BranchResult> Branches { get; init; }

    /// <summary>Total series active losses in MW.</summary>
    public double LossesMw { get; init; }

    /// <summary>Total series reactive losses in Mvar.</summary>
    public double LossesMvar { get; init; }

    /// <summary>Transformer no-load (iron) losses in MW: the transformers' shunt conductance losses.</summary>
    public double TransformerNoLoadLossesMw { get; init; }

    /// <summary>Bus shunt and line shunt-conductance active losses in MW.</summary>
    public double ShuntLossesMw { get; init; }

    /// <summary>All active losses in MW: series + transformer no-load + shunt (= the sum of all bus injections).</summary>
    public double TotalLossesMw => LossesMw + TransformerNoLoadLossesMw + ShuntLossesMw;

    /// <summary>The lowest voltage magnitude (p.u.).</summary>
    public double VmMinPu { get; init; }

    /// <summary>The bus with the lowest voltage.</summary>
    public BusId VmMinBus { get; init; }

    /// <summary>The highest voltage magnitude (p.u.).</summary>
    public double VmMaxPu { get; init; }

    /// <summary>The bus with the highest voltage.</summary>
    public BusId VmMaxBus { get; init; }

    /// <summary>Active power delivered by the slack bus(es) in MW.</summary>
    public double SlackPMw { get; init; }

    /// <summary>Reactive power delivered by the slack bus(es) in Mvar.</summary>
    public double SlackQMvar { get; init; }

    /// <summary>Voltage and thermal limits broken (empty when not converged).</summary>
    public IReadOnlyList<Violation> Violations { get; init; } = [];

    /// <summary>Wall time of the solve in milliseconds (excluding model building).</summary>
    public double ElapsedMs { get; init; }

    /// <summary>Maps solver voltages back to the user's ids with flows, losses, loading and violations.</summary>
    public static PowerFlowResult From(PowerFlowModel model, ReadOnlySpan<Complex> voltagesPu, ReadOnlySpan<Complex> sbusPu, SolveStats stats, PowerFlowAlgorithm algorithm, IReadOnlyList<double>? history = null, double elapsedMs = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var index = model.Index;
        var baseMva = index.BaseMva;
        var n = model.BusCount;
        var s = new Complex[n];
        model.ComputeInjections(voltagesPu, s);

        var buses = new BusResult[index.AllBusIds.Length];
        for (var j = 0; j < buses.Length; j++)
        {
            var d = index.AllBusIndex[j];
            var id = index.AllBusIds[j];
            var injection = id == index.InjectionHostBusIds[d] ? s[d] * baseMva : Complex.Zero;
            buses[j] = new BusResult(id, voltagesPu[d].Magnitude, voltagesPu[d].Phase * 180.0 / Math.PI, injection.Real, injection.Imaginary);
        }

        double vmin = double.PositiveInfinity, vmax = double.NegativeInfinity;
        int imin = 0, imax = 0;
        var violations = new List<Violation>();
        for (var i = 0; i < n; i++)
        {
            var vm = voltagesPu[i].Magnitude;
            if (vm < vmin)
            {
                (vmin, imin) = (vm, i);
            }

            if (vm > vmax)
            {
                (vmax, imax) = (vm, i);
            }

            if (vm < index.VmMinPu[i] - 1e-9)
            {
                violations.Add(new Violation(ViolationKind.UnderVoltage, index.BusIdOf(i).Value, vm, index.VmMinPu[i]));
            }
            else if (vm > index.VmMaxPu[i] + 1e-9)
            {
                violations.Add(new Violation(ViolationKind.OverVoltage, index.BusIdOf(i).Value, vm, index.VmMaxPu[i]));
            }
        }

        var currentBased = index.Network.SourceFormat != GridSourceFormat.Matpower;
        var branches = new BranchResult[model.BranchCount];
        double lossP = 0, lossQ = 0;
        for (var k = 0; k < model.BranchCount; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            var vf = voltagesPu[f];
            var vt = voltagesPu[t];
            var sf = vf * Complex.Conjugate(model.Yff[k] * vf + model.Yft[k] * vt);
            var st = vt * Complex.Conjugate(model.Ytf[k] * vf + model.Ytt[k] * vt);
            var loss = BranchLosses.SeriesLossPu(vf, vt, BranchLosses.Tap(index, k), BranchLosses.SeriesImpedancePu(index, k));
            var shuntLoss = BranchLosses.ShuntLossPu(vf, vt, index.TapRatio[k], index.GPu[k]);
            lossP += loss.Real;
            lossQ += loss.Imaginary;
            var rating = index.RatingPu[k];
            double loading = 0;
            if (double.IsFinite(rating) && rating > 0)
            {
                loading = currentBased
                    ? Math.Max(sf.Magnitude / Math.Max(vf.Magnitude, 1e-9), st.Magnitude / Math.Max(vt.Magnitude, 1e-9)) / rating * 100
                    : Math.Max(sf.Magnitude, st.Magnitude) / rating * 100;
                if (loading > 100 + 1e-9)
                {
                    violations.Add(new Violation(ViolationKind.ThermalOverload, index.BranchIds[k], loading, 100));
                }
            }

            branches[k] = new BranchResult(
                index.BranchIds[k], index.BusIdOf(f), index.BusIdOf(t),
                sf.Real * baseMva, sf.Imaginary * baseMva, st.Real * baseMva, st.Imaginary * baseMva,
                loss.Real * baseMva, loss.Imaginary * baseMva, loading, index.BranchKinds[k], shuntLoss * baseMva);
        }

        var (noLoadPu, shuntPu) = BranchLosses.ShuntLossesPu(model, voltagesPu);
        double slackP = 0, slackQ = 0;
        foreach (var i in model.SlackBuses)
        {
            // Slack generation = what the bus injects plus its own load.
            slackP += (s[i].Real + index.PLoadPu[i]) * baseMva;
            slackQ += (s[i].Imaginary + index.QLoadPu[i]) * baseMva;
        }

        return new PowerFlowResult
        {
            Status = stats.Status,
            Algorithm = algorithm,
            Iterations = stats.Iterations,
            MaxMismatchMw = model.MaxMismatchPu(voltagesPu, sbusPu) * baseMva,
            ConvergenceHistory = history ?? [],
            Buses = buses,
            Branches = branches,
            LossesMw = lossP * baseMva,
            LossesMvar = lossQ * baseMva,
            TransformerNoLoadLossesMw = noLoadPu * baseMva,
            ShuntLossesMw = shuntPu * baseMva,
            VmMinPu = vmin,
            VmMinBus = n > 0 ? index.BusIdOf(imin) : default,
            VmMaxPu = vmax,
            VmMaxBus = n > 0 ? index.BusIdOf(imax) : default,
            SlackPMw = slackP,
            SlackQMvar = slackQ,
            Violations = stats.Status == PowerFlowStatus.Converged ? violations : [],
            ElapsedMs = elapsedMs,
        };
    }
}
