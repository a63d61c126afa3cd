using Lem.Domain.Progress;
using Lem.Simulation.Agents;
using Lem.Simulation.Forecasts;
using Lem.Simulation.Intraday;

namespace Lem.Simulation.Days;

/// <summary>
/// Runs a market over days (docs/simulation.md#the-day-loop). For each day: the actual day from the source with the
/// storage states carried from the day before → day-ahead forecasts of every forecast series → a price forecast →
/// each agent's day-ahead submission → the clearing with the redispatch → intraday forecasts and the agents' intraday
/// orders traded in the intraday stage → delivery with the actual series → imbalance settlement against the metered
/// values → the day's figures, among them the welfare evaluated ex post the same way for every mechanism.
/// </summary>
public static class Simulator
{
    /// <summary>The phase reported to progress: days done of the days to run.</summary>
    public const string ProgressPhase = "simulation: days";

    /// <summary>
    /// Problems with <paramref name="settings"/>' names and numbers, all at once, each at the option it concerns
    /// (<c>--mechanism</c>, <c>--agents</c>, …); empty when the run can start.
    /// </summary>
    public static IReadOnlyList<ValidationError> Check(SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = CheckOptions(settings.Mechanism, settings.Agents, settings.Forecast, settings.ForecastError, settings.Intraday, settings.Redispatch, settings.Days).ToList();
        if (settings.Strategic is { } strategic)
        {
            var known = settings.Source.DayCount > 0 ? settings.Source.ActualDay(0).Participants.Select(p => p.Id).ToHashSet() : [];
            var unknown = strategic.Where(id => !known.Contains(id)).Select(id => id.Value).Order(StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(new ValidationError("--strategic", "simulate.unknown_participant", $"Unknown participant{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; the participants are: {string.Join(", ", known.Select(k => k.Value).Order(StringComparer.Ordinal))}."));
            }

            if (settings.Agents == "strategic")
            {
                errors.Add(new ValidationError("--strategic", "simulate.strategic_twice", "--agents strategic already makes every participant strategic; give --strategic with another --agents (the strategy of the others)."));
            }

            if (strategic.Count == 0)
            {
                errors.Add(new ValidationError("--strategic", "simulate.no_strategic", "--strategic needs participant ids separated by commas."));
            }
        }

        if (settings.Days > settings.Source.DayCount)
        {
            errors.Add(new ValidationError("--days", "value.out_of_range", $"The source '{settings.Source.Name}' has {settings.Source.DayCount} days; {settings.Days} were asked for."));
        }

        return errors;
    }

    /// <summary>Problems with the option values alone (before a source is open), all at once, each at its option.</summary>
    public static IReadOnlyList<ValidationError> CheckOptions(string mechanism, string agents, string forecast, double forecastError, string intraday, string redispatch, int days)
    {
        var errors = new List<ValidationError>();
        if (!ClearingMechanisms.TryGet(mechanism, out _))
        {
            errors.Add(new ValidationError("--mechanism", "option.unknown", $"Unknown mechanism '{mechanism}'; use one of {string.Join(", ", ClearingMechanisms.Names)}."));
        }

        if (!AgentStrategies.TryGet(agents, out _))
        {
            errors.Add(new ValidationError("--agents", "option.unknown", $"Unknown agents '{agents}'; use one of {string.Join(", ", AgentStrategies.Names)}."));
        }

        if (!Forecasters.Names.Contains(forecast))
        {
            errors.Add(new ValidationError("--forecast", "option.unknown", $"Unknown forecast '{forecast}'; use one of {string.Join(", ", Forecasters.Names)}."));
        }

        if (!(forecastError >= 0 && forecastError <= 1))
        {
            errors.Add(new ValidationError("--forecast-error", "value.out_of_range", $"The forecast error level must be in [0, 1] (0.1 = 10 %); it is {forecastError.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (!IntradayMarkets.TryGet(intraday, out _))
        {
            errors.Add(new ValidationError("--intraday", "option.unknown", $"Unknown intraday stage '{intraday}'; use one of {string.Join(", ", IntradayMarkets.Names)}."));
        }

        if (!DayClearing.IsKnown(redispatch))
        {
            errors.Add(new ValidationError("--redispatch", "option.unknown", $"Unknown redispatch '{redispatch}'; use one of {string.Join(", ", DayClearing.Names)}."));
        }

        if (days < 1)
        {
            errors.Add(new ValidationError("--days", "value.out_of_range", $"The number of days must be at least 1; it is {days}."));
        }

        return errors;
    }

    /// <summary>Runs the simulation.</summary>
    /// <exception cref="ValidationException">When <see cref="Check"/> finds a problem with the settings.</exception>
    public static SimulationResult Run(SimulationSettings settings, IProgress<ProgressUpdate>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = Check(settings);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        var clock = Stopwatch.StartNew();
        var run = new DayLoop(settings);
        var days = new List<SimulatedDay>(settings.Days);
        progress?.Report(new ProgressUpdate(ProgressPhase, 0, settings.Days));
        for (var d = 0; d < settings.Days; d++)
        {
            days.Add(run.Day(d));
            progress?.Report(new ProgressUpdate(ProgressPhase, d + 1, settings.Days));
        }

        return new SimulationResult(settings, days, clock.Elapsed.TotalSeconds);
    }
}
