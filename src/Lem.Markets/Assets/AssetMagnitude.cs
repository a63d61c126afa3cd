namespace Lem.Markets.Assets;

/// <summary>
/// One headline size of an asset as the user entered it, with the size that is usual at most on a low-voltage bus
/// (≤ 1 kV), for the plausibility warnings of docs/scenario-format.md#plausibility-warnings: a value far above it
/// usually means a unit mistake (W entered as kW, Wh as kWh).
/// </summary>
/// <param name="Field">The scenario field the value comes from, for example <c>demand_kw</c>.</param>
/// <param name="Value">The value in the field's unit (for a series, its largest value).</param>
/// <param name="Unit">The field's unit, for example <c>kW</c> or <c>kWh</c>.</param>
/// <param name="LowVoltageMax">The largest usual value on a low-voltage bus, in <paramref name="Unit"/>.</param>
/// <param name="Typical">What the asset usually is on a low-voltage bus, for messages: "a household load".</param>
public sealed record AssetMagnitude(string Field, double Value, string Unit, double LowVoltageMax, string Typical);
