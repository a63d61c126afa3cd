namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem flex --schedule MECHANISM</c> (docs/mechanisms/flexibility.md#the-dsos-needs): clears the scenario's market
/// with a registered mechanism through the clearing pipeline, as <c>lem run</c> does (on copper plate where the
/// mechanism can), and makes its day-ahead schedule
/// the flexibility market's baseline: each participant's net injection at its bus, the reactive power of its
/// consumption at the mechanism's load power factor, and the outside market's net import at the connection bus,
/// replacing the grid file's loads and generators and the section's prognoses (as the AC check of <c>lem run</c> does).
/// </summary>
internal static class FlexSchedule
{
    public static (FlexMarket? Market, IReadOnlyList<ValidationError> Errors) Baseline(Scenario scenario, FlexMarket market, string mechanism)
    {
        // The energy market's own schedule, blind to the grid where the mechanism can clear on copper plate: the DSO's
        // flexibility market is what removes the congestions it causes.
        var copperPlate = ClearingMechanisms.Get(mechanism).Capabilities.GridFormulations.Contains("copperplate");
        var run = ClearingPipeline.Run(scenario, new PipelineRequest(mechanism) { AcCheck = false, Formulation = copperPlate ? "copperplate" : "auto" });
        if (run.Clearing is not { } clearing || run.Errors.Count > 0)
        {
            return (null, run.Errors);
        }

        if (!clearing.HasSchedule)
        {
            return (null, [new ValidationError("--schedule", ValidationCodes.ValueInvalid, $"The {mechanism} clearing has no schedule (status {clearing.StatusName}); it cannot serve as the baseline.")]);
        }

        var slots = market.SlotCount;
        var p = new Dictionary<BusId, double[]>();
        var q = new Dictionary<BusId, double[]>();
        double[] At(Dictionary<BusId, double[]> d, BusId bus) => d.TryGetValue(bus, out var a) ? a : d[bus] = new double[slots];
        var busOf = scenario.Participants.Where(x => x.Bus is not null).ToDictionary(x => x.Id, x => x.Bus!.Value);
        foreach (var position in clearing.Positions.Where(x => busOf.ContainsKey(x.Participant)))
        {
            var a = At(p, busOf[position.Participant]);
            for (var t = 0; t < slots; t++)
            {
                a[t] += position.NetInjectionKw[t];
            }
        }

        if (clearing.GridCheck is { } check)
        {
            var tanPhi = Math.Tan(Math.Acos(check.LoadPowerFactor));
            foreach (var (participant, consumption) in check.ConsumptionKw.Where(kv => busOf.ContainsKey(kv.Key)))
            {
                var a = At(q, busOf[participant]);
                for (var t = 0; t < slots; t++)
                {
                    a[t] -= consumption[t] * tanPhi;
                }
            }
        }

        if (scenario.OutsideMarket.ConnectionBus is { } connection)
        {
            var a = At(p, connection);
            for (var t = 0; t < slots; t++)
            {
                a[t] += clearing.ImportKw[t] - clearing.ExportKw[t];
            }
        }

        var prognoses = p.Keys.Union(q.Keys).OrderBy(b => b.Value, StringComparer.Ordinal)
            .Select(b => new FlexPrognosis(b, p.TryGetValue(b, out var kw) ? kw : new double[slots], q.TryGetValue(b, out var kvar) ? kvar : null))
            .ToList();
        return (market with { Prognoses = prognoses, PrognosesReplaceGridInjections = true }, []);
    }
}
