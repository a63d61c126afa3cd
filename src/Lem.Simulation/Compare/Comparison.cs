using Lem.Domain.Progress;
using Lem.Domain.Validation;
using Lem.Simulation.Days;
using Lem.Simulation.Synthetic;

namespace Lem.Simulation.Compare;

/// <summary>
/// Runs the same days, agents and grid through several market designs and measures them side by side
/// (docs/comparison.md). The simulation is passed in as a runner (<c>Simulator.Run</c> in <c>lem compare</c>, a fake in
/// tests), so the comparison does not depend on how days are simulated.
/// </summary>
public static class Comparison
{
    /// <summary>The exponent used to extrapolate a design's time to the next community size of the scaling run (t ∝ n^1.5).</summary>
    public const double ScalingExponent = 1.5;

    /// <summary>Problems with the designs asked for: unknown names (listing the known ones) and repetitions.</summary>
    public static IReadOnlyList<ValidationError> Check(IReadOnlyList<string> designs, string path = "--mechanisms")
    {
        ArgumentNullException.ThrowIfNull(designs);
        var errors = new List<ValidationError>();
        if (designs.Count == 0)
        {
            errors.Add(new ValidationError(path, ValidationCodes.ValueInvalid, $"Name at least one design; known: {string.Join(", ", CompareDesigns.Known)}."));
        }

        foreach (var d in designs.Where(d => CompareDesigns.MechanismOf(d) is null))
        {
            errors.Add(new ValidationError(path, ValidationCodes.ValueInvalid, $"Unknown mechanism '{d}'; known: {string.Join(", ", CompareDesigns.Known)}."));
        }

        foreach (var d in designs.GroupBy(d => d, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(new ValidationError(path, ValidationCodes.IdDuplicate, $"The design '{d}' is named twice."));
        }

        return errors;
    }

    /// <summary>Runs the comparison and the scaling run. Throws <see cref="ArgumentException"/> when a design is unknown (check with <see cref="Check"/> first).</summary>
    public static ComparisonReport Run(CompareRequest request, Func<SimulationSettings, SimulationResult> runner, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runner);
        if (Check(request.Designs) is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(request));
        }

        var results = new List<(string Design, IClearingMechanism Mechanism, SimulationResult Result)>();
        var failures = new List<DesignFailure>();
        var steps = request.Designs.Count + (request.ScalingSizes.Count * request.Designs.Count);
        var step = 0;
        foreach (var design in request.Designs)
        {
            var mechanism = ClearingMechanisms.Get(CompareDesigns.MechanismOf(design)!);
            progress?.Report(new ProgressUpdate($"compare {design}", step++, steps));
            try
            {
                results.Add((design, mechanism, runner(request.Base with { Mechanism = mechanism.Name, Formulation = FormulationFor(mechanism, request.Base.Formulation) })));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException)
            {
                failures.Add(new DesignFailure(design, ex.Message));
            }
        }

        decimal? poolWelfare = results.FirstOrDefault(r => r.Mechanism.Name == "pool").Result?.Days.Sum(d => d.WelfareEur);
        var metrics = results.Select(r => DesignEvaluation.Evaluate(r.Design, r.Mechanism, r.Result, poolWelfare))
            .Select((m, i) => results[i].Result.Days.Count == 0 ? m : m with { Notes = [$"cleared on {results[i].Result.Days[0].DayAhead.Final.Formulation}", .. m.Notes] })
            .ToList();
        var scaling = Scale(request, runner, progress, step, steps);
        var b = request.Base;
        return new ComparisonReport(b.Source.Name, b.Days, b.Agents, b.Forecast, b.Redispatch, b.Seed, metrics, failures, scaling, request.ScalingLimitSeconds);
    }

    /// <summary>
    /// The grid formulation a design clears on: the requested one where the mechanism supports it, else the mechanism's
    /// own default ("auto"; the order-based designs clear on copper plate and leave the grid to the redispatch).
    /// </summary>
    private static string FormulationFor(IClearingMechanism mechanism, string requested) =>
        requested == "auto" || mechanism.Capabilities.GridFormulations.Contains(requested) ? requested : "auto";

    private static List<ScalingRow> Scale(CompareRequest request, Func<SimulationSettings, SimulationResult> runner, IProgress<ProgressUpdate>? progress, int step, int steps)
    {
        var rows = new List<ScalingRow>();
        var sizes = request.ScalingSizes.Distinct().Order().ToList();
        var source = request.ScalingSource ?? (n => new SyntheticDaySource(new SyntheticSpec { Name = $"synthetic-{n}", Households = n, Seed = request.Base.Seed }));
        var last = new Dictionary<string, (int Agents, double Seconds)>(StringComparer.Ordinal);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in sizes)
        {
            var days = source(n);
            foreach (var design in request.Designs)
            {
                progress?.Report(new ProgressUpdate($"scaling {design} {n}", step++, steps));
                if (skipped.Contains(design))
                {
                    rows.Add(new ScalingRow(design, n, null, null, null, null, "skipped: over the limit at a smaller size"));
                    continue;
                }

                if (last.TryGetValue(design, out var prev))
                {
                    var predicted = prev.Seconds * Math.Pow((double)n / prev.Agents, ScalingExponent);
                    if (predicted > request.ScalingLimitSeconds)
                    {
                        skipped.Add(design);
                        rows.Add(new ScalingRow(design, n, null, null, null, null, FormattableString.Invariant($"skipped: predicted {predicted:0} s > limit {request.ScalingLimitSeconds:0} s")));
                        continue;
                    }
                }

                try
                {
                    var mechanism = CompareDesigns.MechanismOf(design)!;
                    var result = runner(request.Base with { Source = days, Days = 1, Mechanism = mechanism, Formulation = FormulationFor(ClearingMechanisms.Get(mechanism), request.Base.Formulation) });
                    var day = result.Days[0];
                    var (messages, bytes) = CommunicationCost.Of(day);
                    rows.Add(new ScalingRow(design, n, day.ClearingSeconds, result.WallSeconds, messages, bytes, null));
                    last[design] = (n, Math.Max(result.WallSeconds, day.ClearingSeconds));
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException)
                {
                    skipped.Add(design);
                    rows.Add(new ScalingRow(design, n, null, null, null, null, $"failed: {ex.Message}"));
                }
            }
        }

        return rows;
    }
}
