namespace Lem.Simulation.Days;

/// <summary>How the day loop reads and sets the stored energy an asset starts a day with (kWh; docs/simulation.md#state).</summary>
/// <param name="AssetType">The asset's type.</param>
/// <param name="Get">The start state, kWh.</param>
/// <param name="With">The asset starting with the given state, kWh.</param>
public sealed record AssetStateRule(Type AssetType, Func<Asset, double> Get, Func<Asset, double, Asset> With);
