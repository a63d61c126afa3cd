using Lem.Markets.Redispatch;

namespace Lem.Simulation.Days;

/// <summary>
/// One simulated day: the day-ahead market as the agents submitted it, its clearing and redispatch, each
/// participant's costs and delivery, the computation time, the messages and bytes the mechanism exchanged, and the
/// day's welfare evaluated ex post on the delivered schedules at the participants' true values (the same evaluation
/// for every mechanism, so designs compare; docs/simulation.md#welfare).
/// </summary>
public sealed record SimulatedDay
{
    /// <summary>The 0-based day.</summary>
    public required int Day { get; init; }

    /// <summary>The day-ahead market as submitted (agents' assets and orders, forecast series).</summary>
    public required MarketInput DayAheadMarket { get; init; }

    /// <summary>The day-ahead clearing with its redispatch.</summary>
    public required RedispatchOutcome DayAhead { get; init; }

    /// <summary>Each participant's day.</summary>
    public required IReadOnlyList<ParticipantDay> Participants { get; init; }

    /// <summary>The day's welfare evaluated ex post (EUR).</summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>Wall time of the day's clearings (day-ahead, redispatch rounds and intraday), seconds.</summary>
    public double ClearingSeconds { get; init; }

    /// <summary>Messages the mechanism exchanged (0 for a central clearing that only collects bids: one per participant).</summary>
    public long Messages { get; init; }

    /// <summary>Bytes of those messages.</summary>
    public long Bytes { get; init; }

    /// <summary>Energy each asset with state holds at the end of the day (kWh; batteries, EVs, heat pumps' thermal store), by asset id.</summary>
    public IReadOnlyDictionary<AssetId, double> EndStateKwh { get; init; } = new Dictionary<AssetId, double>();

    /// <summary>Energy each asset with state holds at the start of the day (kWh), by asset id: the end state of the day before, or the source's on the first day.</summary>
    public IReadOnlyDictionary<AssetId, double> StartStateKwh { get; init; } = new Dictionary<AssetId, double>();

    /// <summary>The day-ahead price per slot (EUR/MWh; the first price location's), NaN where the clearing gave none.</summary>
    public IReadOnlyList<double> PriceEurPerMwh { get; init; } = [];

    /// <summary>The community's metered import from the outside market per slot (kW, ≥ 0): the delivered net withdrawal of all participants.</summary>
    public IReadOnlyList<double> ImportKw { get; init; } = [];

    /// <summary>The community's metered export per slot (kW, ≥ 0).</summary>
    public IReadOnlyList<double> ExportKw { get; init; } = [];

    /// <summary>The community's net imbalance per slot (kW): Σ over participants of delivered minus scheduled net injection.</summary>
    public IReadOnlyList<double> ImbalanceKw { get; init; } = [];

    /// <summary>The energy of all participants' imbalances, Σ |delivered − scheduled| over participants and slots, kWh.</summary>
    public double ImbalanceKwh { get; init; }

    /// <summary>Trades of the intraday stage.</summary>
    public int IntradayTrades { get; init; }

    /// <summary>Wall time of the day's phases, seconds.</summary>
    public DayTimings Timings { get; init; } = new();

    /// <summary>Remarks on the day (a clearing that failed, an agent whose plan had no solution).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
