namespace Lem.Simulation.Days;

/// <summary>
/// One time series of an asset kind as the day loop handles it: its quantity name (part of forecast keys), whether it is
/// forecast (load, PV and wind availability, thermal demand) or known (a heat pump's COP), and how to read and replace it.
/// </summary>
/// <param name="AssetType">The asset's type.</param>
/// <param name="Quantity">The quantity's name, e.g. <c>demand_kw</c>.</param>
/// <param name="Forecast">Whether the agents forecast it (otherwise they know it).</param>
/// <param name="Get">Reads the series.</param>
/// <param name="With">The asset with the series replaced.</param>
public sealed record AssetSeriesRule(Type AssetType, string Quantity, bool Forecast, Func<Asset, SlotSeries> Get, Func<Asset, SlotSeries, Asset> With);
