using System.Numerics;

namespace Lem.Grid.ThreePhase.Conversion;

/// <summary>
/// Builds the <see cref="ThreePhaseNetwork"/> of a (positive-sequence) solver network, for the three-phase AC check of a
/// clearing (docs/three-phase.md#lindist3flow-clearing-with-per-phase-prices). One three-phase bus per solver bus (buses
/// merged by closed switches are one bus); lines get Z_1 from their per-unit data and Z_0 = ratio·Z_1 (the network data
/// has no zero-sequence data; 4 for LV cables by default), a shunt capacitance equal in both sequences; transformers
/// keep their nameplate (or one derived from the per-unit data) with the vector group from the phase shift: an odd
/// clock number is Dyn (delta HV, grounded-wye LV), an even one YNyn, with u_k0 = u_k; the slack bus gets an ideal
/// balanced source at its set point. The network has no loads: the injections are added per solve.
/// </summary>
public static class BalancedNetworkConversion
{
    /// <summary>The three-phase network of <paramref name="index"/> (bus ids are the solver buses' ids).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="zeroToPositiveRatio"/> is not positive.</exception>
    public static ThreePhaseNetwork FromIndex(NetworkIndex index, double zeroToPositiveRatio = 4.0)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (!double.IsFinite(zeroToPositiveRatio) || zeroToPositiveRatio <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(zeroToPositiveRatio), zeroToPositiveRatio, "Z0/Z1 must be positive.");
        }

        var buses = Enumerable.Range(0, index.BusCount).Select(i => new ThreePhaseBus
        {
            Id = index.BusIds[i],
            NominalVoltageKv = index.BaseKv[i],
            VoltageMinPu = double.IsFinite(index.VmMinPu[i]) ? index.VmMinPu[i] : 0.0,
            VoltageMaxPu = double.IsFinite(index.VmMaxPu[i]) ? index.VmMaxPu[i] : 10.0,
        }).ToList();

        var nameplates = index.Network.Transformers.Where(t => t.Nameplate is not null).ToDictionary(t => t.Id, t => t.Nameplate!, StringComparer.Ordinal);
        var lines = new List<ThreePhaseLine>();
        var transformers = new List<ThreePhaseTransformer>();
        for (var k = 0; k < index.BranchCount; k++)
        {
            int f = index.FromIndex[k], t = index.ToIndex[k];
            if (index.BranchKinds[k] == BranchKind.Transformer)
            {
                transformers.Add(Transformer(index, k, nameplates.GetValueOrDefault(index.BranchIds[k])));
                continue;
            }

            var zBase = index.BaseKv[f] * index.BaseKv[f] / index.BaseMva;
            var z1 = new Complex(index.RPu[k], index.XPu[k]) * zBase;
            var y = new Complex(index.GPu[k], index.BPu[k]) / zBase;
            var rating = index.RatingPu[k];
            lines.Add(new ThreePhaseLine
            {
                Id = index.BranchIds[k],
                FromBus = index.BusIds[f],
                ToBus = index.BusIds[t],
                SeriesImpedanceOhm = PhaseMatrix.FromSequence(zeroToPositiveRatio * z1, z1),
                ShuntAdmittanceSiemens = PhaseMatrix.Diagonal(y),
                MaxCurrentA = double.IsFinite(rating) ? rating * index.BaseMva * 1000 / (Math.Sqrt(3) * index.BaseKv[f]) : null,
            });
        }

        var sources = index.SlackIndices.Select(s => new ThreePhaseSource
        {
            Id = $"source-{index.BusIds[s]}",
            Bus = index.BusIds[s],
            VoltagePu = index.VmSetpointPu[s],
            AngleDegree = index.VaSetpointRad[s] * 180 / Math.PI,
        }).ToList();

        return new ThreePhaseNetwork
        {
            Name = $"{index.Network.Name} (three-phase)",
            Buses = buses,
            Lines = lines,
            Transformers = transformers,
            Sources = sources,
        };
    }

    /// <summary>
    /// A net injection (kW, kvar; injection positive) connected to <paramref name="connection"/> as a constant-power
    /// three-phase load (consumption positive, so the powers are negated): abc as a third per phase, one phase whole,
    /// a phase pair as a delta element.
    /// </summary>
    public static ThreePhaseLoad Injection(string id, BusId bus, PhaseConnection connection, double injectionKw, double injectionKvar)
    {
        var p = new double[3];
        var q = new double[3];
        switch (connection)
        {
            case PhaseConnection.Abc:
                p[0] = p[1] = p[2] = -injectionKw / 3;
                q[0] = q[1] = q[2] = -injectionKvar / 3;
                break;
            case PhaseConnection.A or PhaseConnection.B or PhaseConnection.C:
                p[(int)connection.Phases()[0]] = -injectionKw;
                q[(int)connection.Phases()[0]] = -injectionKvar;
                break;
            default:
                // Delta entries are ab, bc, ca.
                var pair = connection == PhaseConnection.AB ? 0 : connection == PhaseConnection.BC ? 1 : 2;
                p[pair] = -injectionKw;
                q[pair] = -injectionKvar;
                break;
        }

        return new ThreePhaseLoad
        {
            Id = id,
            Bus = bus,
            Connection = connection,
            Configuration = connection.IsPhaseToPhase() ? LoadConfiguration.Delta : LoadConfiguration.Wye,
            PowerKw = p,
            ReactivePowerKvar = q,
        };
    }

    private static ThreePhaseTransformer Transformer(NetworkIndex index, int k, TransformerNameplate? nameplate)
    {
        int f = index.FromIndex[k], t = index.ToIndex[k];
        var clock = Formulations.LinDist3FlowBranch.Clock(index.ShiftRad[k]);
        var delta = clock % 2 == 1;
        double ratedMva, hvKv, lvKv, ukPercent, ukrPercent, noLoadKw, i0Percent;
        if (nameplate is not null)
        {
            (ratedMva, hvKv, lvKv, ukPercent, ukrPercent, noLoadKw, i0Percent) =
                (nameplate.SnMva * nameplate.Parallel, nameplate.VnHvKv, nameplate.VnLvKv, nameplate.VkPercent, nameplate.VkrPercent, nameplate.PfeKw * nameplate.Parallel, nameplate.I0Percent);
        }
        else
        {
            // Per unit on the network base at the buses' nominal voltages → percent on the rating (the base when unrated).
            ratedMva = double.IsFinite(index.RatingPu[k]) ? index.RatingPu[k] * index.BaseMva : index.BaseMva;
            var onRating = ratedMva / index.BaseMva;
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            hvKv = index.BaseKv[f] * tap;
            lvKv = index.BaseKv[t];
            ukPercent = Math.Sqrt((index.RPu[k] * index.RPu[k]) + (index.XPu[k] * index.XPu[k])) * onRating * 100;
            ukrPercent = index.RPu[k] * onRating * 100;
            noLoadKw = index.GPu[k] * index.BaseMva * 1000;
            i0Percent = Math.Sqrt((index.GPu[k] * index.GPu[k]) + (index.BPu[k] * index.BPu[k])) / onRating * 100;
        }

        return new ThreePhaseTransformer
        {
            Id = index.BranchIds[k],
            HvBus = index.BusIds[f],
            LvBus = index.BusIds[t],
            RatedPowerKva = ratedMva * 1000,
            HvVoltageKv = hvKv,
            LvVoltageKv = lvKv,
            ShortCircuitVoltagePercent = ukPercent,
            ShortCircuitResistancePercent = ukrPercent,
            NoLoadLossKw = noLoadKw,
            NoLoadCurrentPercent = i0Percent,
            HvWinding = delta ? WindingConnection.Delta : WindingConnection.WyeGrounded,
            LvWinding = WindingConnection.WyeGrounded,
            ClockNumber = clock,
            TapOnHvSide = nameplate?.TapSide != TapSide.Lv,
            TapPosition = (int)Math.Round(nameplate?.TapPos ?? 0),
            TapNeutral = (int)Math.Round(nameplate?.TapNeutral ?? 0),
            TapStepPercent = nameplate?.TapStepPercent ?? 0,
        };
    }
}
