namespace Lem.Server.Engine.Markets;

/// <summary>A participant's position in one slot of a market that clears positions rather than trades (a pool).</summary>
/// <param name="NetInjectionKwh">The net energy injected (negative: withdrawn) in kWh, rounded to the Wh.</param>
/// <param name="PriceEurPerMwh">The price at the participant's bus in EUR/MWh, rounded to 6 decimals.</param>
internal readonly record struct ClearedPosition(decimal NetInjectionKwh, decimal PriceEurPerMwh);
