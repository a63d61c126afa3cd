using Lem.Domain.Progress;

namespace Lem.Markets.Pool;

/// <summary>
/// The AC check of any mechanism's clearing (docs/mechanisms/redispatch.md): each participant's net injection, the
/// reactive draw of the consumption the mechanism reports, and the outside market's net import at the connection bus,
/// solved slot by slot by <see cref="AcCheck"/>.
/// </summary>
public static class GridCheck
{
    /// <summary>The AC check of <paramref name="clearing"/>'s schedule on <paramref name="market"/>'s grid, or null without a grid; every slot is reported to <paramref name="progress"/>.</summary>
    public static AcCheckResult? Run(MarketInput market, ClearingResult clearing, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clearing);
        if (market.Grid is null)
        {
            return null;
        }

        var (injections, consumption, netImportMw) = Inputs(market, clearing);
        var check = clearing.GridCheck;
        if (check?.PredictedPhaseVoltagesPu is { } phaseVoltages)
        {
            return ThreePhaseAcCheck.Run(market, injections, consumption, netImportMw, phaseVoltages, LoadPowerFactor(clearing), progress);
        }

        return AcCheck.Run(market, injections, consumption, netImportMw, check?.PredictedVoltagesPu, LoadPowerFactor(clearing), progress);
    }

    /// <summary>The number of (slot, element) AC limit violations of a check (0 for none or no check).</summary>
    public static int ViolationCount(AcCheckResult? check) =>
        check is null ? 0 : check.Violations.Select(v => (v.Slot, v.Kind, v.ElementId)).Distinct().Count();

    /// <summary>The power factor of the clearing's consumption (the pool's default when the mechanism reports none).</summary>
    internal static double LoadPowerFactor(ClearingResult clearing) => clearing.GridCheck?.LoadPowerFactor ?? PoolOptions.Default.LoadPowerFactor;

    /// <summary>What the AC check solves of a clearing: net injections of the market's participants (kW), their consumption that draws reactive power (kW), the net import per slot (MW).</summary>
    internal static (IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> Injections, IReadOnlyDictionary<ParticipantId, IReadOnlyList<double>> Consumption, IReadOnlyList<double> NetImportMw) Inputs(MarketInput market, ClearingResult clearing)
    {
        var known = market.Participants.Select(p => p.Id).ToHashSet();
        var injections = clearing.Positions.Where(p => known.Contains(p.Participant)).ToDictionary(p => p.Participant, p => p.NetInjectionKw);
        var netImportMw = clearing.ImportKw.Zip(clearing.ExportKw, (i, e) => (i - e) / 1000).ToList();
        return (injections, clearing.GridCheck?.ConsumptionKw ?? new Dictionary<ParticipantId, IReadOnlyList<double>>(), netImportMw);
    }
}
