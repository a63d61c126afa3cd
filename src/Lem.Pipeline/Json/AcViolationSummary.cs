namespace Lem.Pipeline.Json;

/// <summary>One limit violation of the AC check.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Kind">under_voltage, over_voltage or thermal_overload.</param>
/// <param name="Element">The bus or branch id.</param>
/// <param name="Value">The value found.</param>
/// <param name="Limit">The limit.</param>
public sealed record AcViolationSummary(int Slot, string Kind, string Element, double Value, double Limit);
