namespace Lem.Simulation.Agents;

/// <summary>
/// What an agent sees when it bids: the day, its own participant with the <em>forecast</em> series and its current
/// storage states, the market's horizon and outside market, a price forecast per slot (EUR/MWh), whether the mechanism
/// schedules assets itself (<see cref="ClearingCapabilities.MultiPeriodAssets"/>: then an agent may submit its assets;
/// otherwise only explicit orders per slot), and its own seeded random source.
/// </summary>
/// <param name="Day">The 0-based day.</param>
/// <param name="Forecast">The agent's participant with forecast series and the carried-over storage states.</param>
/// <param name="Horizon">The day's slots.</param>
/// <param name="Outside">The outside market of the day.</param>
/// <param name="PriceForecastEurPerMwh">The price forecast per slot.</param>
/// <param name="MechanismSchedulesAssets">True when the mechanism takes assets; false when it clears explicit orders only.</param>
/// <param name="Random">The agent's random source, seeded from the run's seed, the agent and the day.</param>
/// <param name="ExpectedBids">
/// For an <see cref="IAnticipatingAgent"/>: every participant's day-ahead bid as the agent expects it (its truthful
/// orders from its day-ahead forecast, the agent's own included); null for the other agents.
/// </param>
public sealed record AgentView(
    int Day,
    Participant Forecast,
    Horizon Horizon,
    OutsideMarket Outside,
    IReadOnlyList<double> PriceForecastEurPerMwh,
    bool MechanismSchedulesAssets,
    Random Random,
    IReadOnlyList<Participant>? ExpectedBids = null);
