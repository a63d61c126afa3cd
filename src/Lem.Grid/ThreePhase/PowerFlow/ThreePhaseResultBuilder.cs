using System.Numerics;

namespace Lem.Grid.ThreePhase.PowerFlow;

/// <summary>
/// Turns node voltages into the per-bus and per-branch results (docs/three-phase.md, "Results"): branch currents
/// from the admittance blocks, powers S = V · conj(I) per phase at each end, losses as their sum.
/// </summary>
internal static class ThreePhaseResultBuilder
{
    /// <summary>The result of <paramref name="model"/> at node voltages <paramref name="voltage"/> in V.</summary>
    public static ThreePhasePowerFlowResult Build(PhaseFrameModel model, Complex[] voltage, bool converged, int iterations, ThreePhaseAlgorithm algorithm, string? message)
    {
        var buses = new ThreePhaseBusResult[model.BusCount];
        for (var b = 0; b < model.BusCount; b++)
        {
            var basePhase = model.PhaseBaseVoltageV[b];
            var phases = new PhaseVoltage[3];
            for (var p = 0; p < 3; p++)
            {
                var v = voltage[(3 * b) + p];
                phases[p] = new PhaseVoltage((Phase)p, v.Magnitude, basePhase > 0 ? v.Magnitude / basePhase : 0.0, v.Phase * 180.0 / Math.PI);
            }

            var (_, positive, negative) = SequenceFrame.Components(voltage[3 * b], voltage[(3 * b) + 1], voltage[(3 * b) + 2]);
            buses[b] = new ThreePhaseBusResult
            {
                Id = model.Network.Buses[b].Id,
                Phases = phases,
                VoltageUnbalancePercent = positive.Magnitude > 0 ? 100.0 * negative.Magnitude / positive.Magnitude : 0.0,
            };
        }

        var branches = new List<ThreePhaseBranchResult>(model.Branches.Count);
        var lossesW = Complex.Zero;
        Span<Complex> fromCurrent = stackalloc Complex[3];
        Span<Complex> toCurrent = stackalloc Complex[3];
        foreach (var branch in model.Branches)
        {
            var fromVoltage = voltage.AsSpan(3 * branch.From, 3);
            var toVoltage = voltage.AsSpan(3 * branch.To, 3);
            branch.Admittance.Currents(fromVoltage, toVoltage, fromCurrent, toCurrent);
            var fromFlows = new PhaseBranchFlow[3];
            var toFlows = new PhaseBranchFlow[3];
            var branchLoss = Complex.Zero;
            var largestCurrent = 0.0;
            var largestPower = 0.0;
            for (var p = 0; p < 3; p++)
            {
                var sFrom = fromVoltage[p] * Complex.Conjugate(fromCurrent[p]);
                var sTo = toVoltage[p] * Complex.Conjugate(toCurrent[p]);
                fromFlows[p] = new PhaseBranchFlow((Phase)p, fromCurrent[p].Magnitude, sFrom.Real / 1000.0, sFrom.Imaginary / 1000.0);
                toFlows[p] = new PhaseBranchFlow((Phase)p, toCurrent[p].Magnitude, sTo.Real / 1000.0, sTo.Imaginary / 1000.0);
                branchLoss += sFrom + sTo;
                largestCurrent = Math.Max(largestCurrent, Math.Max(fromCurrent[p].Magnitude, toCurrent[p].Magnitude));
                largestPower = Math.Max(largestPower, Math.Max(sFrom.Magnitude, sTo.Magnitude));
            }

            lossesW += branchLoss;
            double? loading = null;
            if (branch.Line?.MaxCurrentA is { } limit && limit > 0)
            {
                loading = 100.0 * largestCurrent / limit;
            }
            else if (branch.Transformer is { } transformer && transformer.RatedPowerKva > 0)
            {
                loading = 100.0 * largestPower / (transformer.RatedPowerKva * 1000.0 / 3.0);
            }

            branches.Add(new ThreePhaseBranchResult
            {
                Id = branch.Id,
                IsTransformer = branch.IsTransformer,
                Phases = fromFlows,
                ToPhases = toFlows,
                LoadingPercent = loading,
                NeutralCurrentA = branch.IsTransformer ? null : (fromCurrent[0] + fromCurrent[1] + fromCurrent[2]).Magnitude,
                LossesKw = branchLoss.Real / 1000.0,
            });
        }

        return new ThreePhasePowerFlowResult
        {
            Converged = converged,
            Iterations = iterations,
            Algorithm = algorithm,
            Buses = buses,
            Branches = branches,
            LossesKw = lossesW.Real / 1000.0,
            LossesKvar = lossesW.Imaginary / 1000.0,
            Message = message,
        };
    }
}
