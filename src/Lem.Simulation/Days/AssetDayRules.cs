using System.Collections.Concurrent;
using Lem.Domain.Units;
using Lem.Markets.Assets;

namespace Lem.Simulation.Days;

/// <summary>
/// What the day loop needs to know of each asset kind (docs/simulation.md#state): its time series (to slice a long
/// scenario into days and to forecast), the stored energy it starts a day with (carried from the day before), and how
/// an asset with instants (an EV's plug-in window, a flexible load's window) is cut to one day. Built-in kinds register
/// in the static constructor, one line each; a new kind registers its own lines.
/// </summary>
public static class AssetDayRules
{
    private static readonly ConcurrentDictionary<Type, List<AssetSeriesRule>> SeriesByType = new();
    private static readonly ConcurrentDictionary<Type, AssetStateRule> StateByType = new();
    private static readonly ConcurrentDictionary<Type, Func<Asset, DayWindow, Asset?>> WindowByType = new();

    static AssetDayRules()
    {
        Series<InflexibleLoad>("demand_kw", true, a => a.DemandKw, (a, s) => a with { DemandKw = s });
        Series<CurtailableLoad>("demand_kw", true, a => a.DemandKw, (a, s) => a with { DemandKw = s });
        Series<RenewableGenerator>("available_kw", true, a => a.AvailableKw, (a, s) => a with { AvailableKw = s });
        Series<HeatPump>("thermal_demand_kw", true, a => a.ThermalDemandKw, (a, s) => a with { ThermalDemandKw = s });
        Series<HeatPump>("cop", false, a => a.Cop, (a, s) => a with { Cop = s });
        State<Battery>(a => a.InitialSoc.Kwh, (a, e) => a with { InitialSoc = Energy.FromKwh(e) });
        State<HeatPump>(a => a.InitialEnergy.Kwh, (a, e) => a with { InitialEnergy = Energy.FromKwh(e) });
        State<ElectricVehicle>(a => a.ArrivalEnergy.Kwh, (a, e) => a with { ArrivalEnergy = Energy.FromKwh(e) });
        Window<ElectricVehicle>(CutVehicle);
        Window<FlexibleLoad>(CutFlexibleLoad);
    }

    /// <summary>Registers a series of asset kind <typeparamref name="T"/>.</summary>
    public static void Series<T>(string quantity, bool forecast, Func<T, SlotSeries> get, Func<T, SlotSeries, T> with)
        where T : Asset
    {
        var rules = SeriesByType.GetOrAdd(typeof(T), _ => []);
        lock (rules)
        {
            if (!rules.Any(r => r.Quantity == quantity))
            {
                rules.Add(new AssetSeriesRule(typeof(T), quantity, forecast, a => get((T)a), (a, s) => with((T)a, s)));
            }
        }
    }

    /// <summary>Registers the stored energy of asset kind <typeparamref name="T"/>.</summary>
    public static void State<T>(Func<T, double> get, Func<T, double, T> with)
        where T : Asset => StateByType.TryAdd(typeof(T), new AssetStateRule(typeof(T), a => get((T)a), (a, e) => with((T)a, e)));

    /// <summary>Registers how an asset kind with instants is cut to one day (null: it has no part in the day).</summary>
    public static void Window<T>(Func<T, DayWindow, T?> cut)
        where T : Asset => WindowByType.TryAdd(typeof(T), (a, w) => cut((T)a, w));

    /// <summary>The series of an asset (empty for a kind without series).</summary>
    public static IReadOnlyList<AssetSeriesRule> SeriesOf(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return SeriesByType.TryGetValue(asset.GetType(), out var rules) ? rules : [];
    }

    /// <summary>The state rule of an asset, or null when it stores nothing.</summary>
    public static AssetStateRule? StateOf(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return StateByType.TryGetValue(asset.GetType(), out var rule) ? rule : null;
    }

    /// <summary>The asset's part of one day of a longer horizon: its series sliced and its instants cut (null: not in the day).</summary>
    public static Asset? Cut(Asset asset, DayWindow window)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(window);
        var cut = WindowByType.TryGetValue(asset.GetType(), out var f) ? f(asset, window) : asset;
        if (cut is null)
        {
            return null;
        }

        foreach (var rule in SeriesOf(cut))
        {
            cut = rule.With(cut, window.Slice(rule.Get(cut)));
        }

        return cut;
    }

    /// <summary>The asset with every series replaced by <paramref name="map"/>'s result.</summary>
    public static Asset MapSeries(Asset asset, Func<AssetSeriesRule, SlotSeries, SlotSeries> map)
    {
        ArgumentNullException.ThrowIfNull(asset);
        ArgumentNullException.ThrowIfNull(map);
        var result = asset;
        foreach (var rule in SeriesOf(asset))
        {
            var s = rule.Get(result);
            var mapped = map(rule, s);
            if (!ReferenceEquals(mapped, s))
            {
                result = rule.With(result, mapped);
            }
        }

        return result;
    }

    /// <summary>
    /// A vehicle's part of a day: none when it leaves before the day starts or arrives after it ends; otherwise plugged
    /// in from max(arrival, day start). A vehicle that arrived before the day starts with the energy carried over
    /// (the day loop applies it; docs/simulation.md#state).
    /// </summary>
    private static ElectricVehicle? CutVehicle(ElectricVehicle ev, DayWindow w) =>
        ev.Departure <= w.Start || ev.Arrival >= w.End ? null : ev.Arrival < w.Start ? ev with { Arrival = w.Start } : ev;

    /// <summary>A flexible load's part of a day: its window cut to the day and its energy in proportion to the part of the window kept.</summary>
    private static FlexibleLoad? CutFlexibleLoad(FlexibleLoad load, DayWindow w)
    {
        var start = load.WindowStart < w.Start ? w.Start : load.WindowStart;
        var end = load.WindowEnd > w.End ? w.End : load.WindowEnd;
        if (end <= start)
        {
            return null;
        }

        if (start == load.WindowStart && end == load.WindowEnd)
        {
            return load;
        }

        var share = (end - start).TotalMinutes / (load.WindowEnd - load.WindowStart).TotalMinutes;
        return load with { WindowStart = start, WindowEnd = end, Energy = Energy.FromKwh(load.Energy.Kwh * share) };
    }
}
