using Lem.Pipeline;

namespace Lem.Simulation.Days;

/// <summary>
/// The days of a multi-day scenario (docs/simulation.md#day-sources): its horizon must be whole market days (local
/// midnight to local midnight; <c>"days": 7</c> in the scenario's horizon). Day d is the scenario's d-th market day: its
/// series sliced, its explicit orders moved to the day's slots, EVs and flexible loads cut to the day
/// (<see cref="AssetDayRules"/>), the outside market's series sliced, the grid as is.
/// </summary>
public sealed class ScenarioDaySource : IDaySource
{
    private readonly DayWindow[] _days;

    private ScenarioDaySource(Scenario scenario, DayWindow[] days)
    {
        Scenario = scenario;
        _days = days;
    }

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; }

    /// <inheritdoc />
    public string Name => Scenario.Name;

    /// <inheritdoc />
    public int DayCount => _days.Length;

    /// <summary>The day windows in order.</summary>
    public IReadOnlyList<DayWindow> Days => _days;

    /// <summary>
    /// Splits <paramref name="scenario"/> into market days, or returns the problem (at <c>horizon</c>) when its horizon
    /// does not start and end at local midnight.
    /// </summary>
    public static ScenarioDaySource Create(Scenario scenario, out IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var horizon = scenario.Horizon;
        var zone = horizon.Zone;
        var first = horizon.Start.InZone(zone).Date;
        var firstDay = new MarketDay(first, zone);
        if (firstDay.Start != horizon.Start)
        {
            errors = [new ValidationError("$.horizon", "horizon.not_whole_days", $"The simulation needs whole market days, but the horizon starts at {horizon.Start.InZone(zone).LocalDateTime:yyyy-MM-dd'T'HH:mm}, not at local midnight; use \"market_day\" and \"days\" in the horizon.")];
            return null!;
        }

        var days = new List<DayWindow>();
        var day = firstDay;
        while (day.End <= horizon.End)
        {
            var first0 = horizon.FirstSlotAtOrAfter(day.Start);
            days.Add(new DayWindow(first0, Horizon.Create(zone, day.Start, day.End, horizon.SlotLength)));
            day = new MarketDay(day.Date.PlusDays(1), zone);
        }

        if (days.Count == 0 || days[^1].End != horizon.End)
        {
            errors = [new ValidationError("$.horizon", "horizon.not_whole_days", $"The simulation needs whole market days, but the horizon ends at {horizon.End.InZone(zone).LocalDateTime:yyyy-MM-dd'T'HH:mm}, not at local midnight; use \"market_day\" and \"days\" in the horizon.")];
            return null!;
        }

        errors = [];
        return new ScenarioDaySource(scenario, [.. days]);
    }

    /// <inheritdoc />
    public MarketInput ActualDay(int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(day, _days.Length);
        var w = _days[day];
        var participants = new List<Participant>(Scenario.Participants.Count);
        foreach (var p in Scenario.Participants)
        {
            var assets = new List<Asset>(p.Assets.Count);
            foreach (var a in p.Assets)
            {
                if (AssetDayRules.Cut(a, w) is { } cut)
                {
                    assets.Add(cut);
                }
            }

            var orders = p.Orders
                .Where(o => o.SlotIndex >= w.FirstSlot && o.SlotIndex < w.FirstSlot + w.SlotCount)
                .Select(o => new Order(o.Id, o.Owner, o.Side, o.SlotIndex - w.FirstSlot, o.Steps))
                .ToList();
            participants.Add(p with { Assets = assets, Orders = orders });
        }

        var m = Scenario.OutsideMarket;
        var outside = m with
        {
            WholesaleImportEurPerMwh = w.Slice(m.WholesaleImportEurPerMwh),
            WholesaleExportEurPerMwh = w.Slice(m.WholesaleExportEurPerMwh),
            RetailEurPerKwh = w.Slice(m.RetailEurPerKwh),
            FeedInEurPerKwh = w.Slice(m.FeedInEurPerKwh),
        };
        return new MarketInput(Scenario.Name, w.Horizon, participants, outside, Scenario.Grid);
    }
}
