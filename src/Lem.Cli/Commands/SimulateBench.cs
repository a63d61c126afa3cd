using Lem.Simulation.Days;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem bench simulate</c> (docs/simulation.md#performance): runs the day loop over a day source (repeated to the
/// asked number of days) with the given agents and mechanism and reports the time per day split into its phases, the
/// time of a year (365 days: measured by default, projected for another number of days), and as a baseline measured
/// in the same run the clearing of the first day alone (the mechanism without the loop around it). The defaults are
/// the goal's configuration: a year of the synthetic 100-household community with MPC agents and the pool on its
/// LinDistFlow feeder.
/// </summary>
public static class SimulateBench
{
    /// <summary>The bench's goal: a simulated year within this many seconds.</summary>
    public const double YearGoalSeconds = 60;

    /// <summary>Creates the subcommand.</summary>
    public static Command Create(CliContext context, Func<CliContext, string, int, List<(string Key, double Value, string Unit, string What)>, IReadOnlyList<(string Figure, string Comparison, double Target)>, int> print)
    {
        var format = CommonOptions.Format();
        var source = new Option<string>("--source") { Description = "The day source: a multi-day scenario (a path from the current folder or the repository root) or another registered source.", DefaultValueFactory = _ => Path.Combine("examples", "synthetic", "community.json") };
        var days = new Option<int>("--days") { Description = "Days to simulate (the source's days repeat); the default is the goal's year.", DefaultValueFactory = _ => 365 };
        var agents = new Option<string>("--agents") { Description = "The agents' strategy.", DefaultValueFactory = _ => "mpc" };
        var mechanism = new Option<string>("--mechanism") { Description = "The day-ahead mechanism.", DefaultValueFactory = _ => "pool" };
        var command = new Command("simulate", "The day loop over a multi-day source: time per day by phase (forecast, bids, clearing, AC check, settlement) and the projected year (goal for 365 days of 100 households with MPC agents on a LinDistFlow feeder: ≤ 60 s).")
        {
            format, source, days, agents, mechanism,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(days);
            var optionErrors = Simulator.CheckOptions(parse.GetValue(mechanism)!, parse.GetValue(agents)!, "perfect", 0, "none", "none", n);
            var given = parse.GetValue(source)!;
            var load = DaySources.Open(RepositoryFiles.Find(given) ?? given);
            if (optionErrors.Count > 0 || !load.IsValid)
            {
                ErrorPrinter.Print(context, parse.GetValue(format)!, "lem bench simulate", [.. optionErrors, .. load.Errors]);
                return optionErrors.Count > 0 ? ExitCodes.Usage : ExitCodes.InvalidInput;
            }

            return print(context, parse.GetValue(format)!, 1, Measure(load.Source!, n, parse.GetValue(agents)!, parse.GetValue(mechanism)!), [("simulate_year_seconds", "<=", YearGoalSeconds)]);
        });
        return command;
    }

    /// <summary>Runs the bench and returns its figures.</summary>
    public static List<(string Key, double Value, string Unit, string What)> Measure(IDaySource source, int days, string agents, string mechanism)
    {
        // Baseline: the first day cleared alone by the mechanism, after a warm-up clearing.
        var first = source.ActualDay(0);
        var clearing = ClearingMechanisms.Get(mechanism);
        clearing.Clear(new ClearingRequest(first));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        clearing.Clear(new ClearingRequest(first));
        var baseline = clock.Elapsed.TotalSeconds;

        var repeated = days > source.DayCount ? new RepeatingDaySource(source) : source;
        var result = Simulator.Run(new SimulationSettings(repeated, days) { Agents = agents, Mechanism = mechanism });
        var perDay = result.WallSeconds / days;
        double Mean(Func<DayTimings, double> f) => result.Days.Average(d => f(d.Timings)) * 1000;
        var participants = first.Participants.Count;
        return
        [
            ("simulate_days", days, string.Empty, $"days simulated ({source.Name}, {participants} participants × {first.Horizon.Count} slots, {agents} agents, {mechanism})"),
            ("simulate_seconds", result.WallSeconds, "s", "wall time of the run"),
            ("simulate_day_ms", perDay * 1000, "ms", "wall time per day"),
            ("forecast_ms", Mean(t => t.ForecastSeconds), "ms", "per day: forecasts (day-ahead and intraday)"),
            ("bids_ms", Mean(t => t.BidSeconds), "ms", "per day: agents' bids (in parallel over the cores)"),
            ("clearing_ms", Mean(t => t.ClearingSeconds), "ms", "per day: day-ahead clearing with redispatch"),
            ("ac_check_ms", Mean(t => t.AcCheckSeconds), "ms", "per day: AC check"),
            ("intraday_ms", Mean(t => t.IntradaySeconds), "ms", "per day: intraday stage"),
            ("settlement_ms", Mean(t => t.SettlementSeconds), "ms", "per day: delivery, imbalance settlement, figures"),
            ("baseline_clearing_ms", baseline * 1000, "ms", "baseline, same run: the first day cleared alone by the mechanism"),
            ("simulate_year_seconds", perDay * 365, "s", days == 365 ? "the year: the wall time of the 365 days simulated" : "projected: 365 × the wall time per day"),
        ];
    }
}
