using Lem.Markets.Redispatch;

namespace Lem.Simulation.Days;

/// <summary>
/// The day-ahead clearing with the DSO's redispatch (docs/simulation.md#the-day-loop): a strategy registered in
/// <see cref="RedispatchStrategies"/>, or, while none is registered as <c>none</c>, the built-in check-only step: one
/// clearing, and when the market has a grid and the clearing a schedule, the AC check of docs/mechanisms/pool.md#ac-check
/// counting the violations (slot × element).
/// </summary>
public static class DayClearing
{
    /// <summary>The name of the check-only step.</summary>
    public const string CheckOnly = "none";

    /// <summary>The redispatch names the simulation accepts: the registered ones, and <c>none</c> always.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            var names = RedispatchStrategies.Names;
            return names.Contains(CheckOnly) ? names : [CheckOnly, .. names];
        }
    }

    /// <summary>Whether <paramref name="name"/> is a redispatch the simulation can run.</summary>
    public static bool IsKnown(string name) => name == CheckOnly || RedispatchStrategies.TryGet(name, out _);

    /// <summary>Clears <paramref name="request"/> with <paramref name="mechanism"/> and the redispatch <paramref name="redispatch"/>; the AC check's own time comes back in <paramref name="acSeconds"/>.</summary>
    public static RedispatchOutcome Clear(string redispatch, IClearingMechanism mechanism, ClearingRequest request, out double acSeconds)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(request);
        acSeconds = 0;
        if (RedispatchStrategies.TryGet(redispatch, out var strategy))
        {
            return strategy.Apply(mechanism, request, RedispatchOptions.Default);
        }

        if (redispatch != CheckOnly)
        {
            throw new ArgumentException($"No redispatch is registered as '{redispatch}'; known: {string.Join(", ", Names)}.", nameof(redispatch));
        }

        var result = mechanism.Clear(request);
        var clock = Stopwatch.StartNew();
        var violations = CountViolations(request.Market, result);
        acSeconds = clock.Elapsed.TotalSeconds;
        return new RedispatchOutcome(CheckOnly, result, result, 0, violations, violations, 0m);
    }

    /// <summary>The AC limit violations (slot × element) of a clearing's schedule; 0 without a grid or a schedule.</summary>
    public static int CountViolations(MarketInput market, ClearingResult result)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(result);
        if (market.Grid is null || !result.HasSchedule || result.Positions.Count == 0)
        {
            return 0;
        }

        var check = result.Report is PoolReport pool
            ? AcCheck.Run(pool.Result, market)
            : AcCheck.Run(
                market,
                result.Positions.ToDictionary(p => p.Participant, p => p.NetInjectionKw),
                result.GridCheck?.ConsumptionKw ?? new Dictionary<ParticipantId, IReadOnlyList<double>>(),
                [.. result.ImportKw.Select((imp, t) => (imp - result.ExportKw[t]) / 1000.0)],
                result.GridCheck?.PredictedVoltagesPu,
                result.GridCheck?.LoadPowerFactor ?? PoolOptions.Default.LoadPowerFactor);
        return check?.Violations.Count ?? 0;
    }
}
