namespace Lem.Cli.Output.Records;

/// <summary>One limit violation of <c>lem pf</c>'s JSON.</summary>
/// <param name="Kind">under_voltage, over_voltage or thermal_overload.</param>
/// <param name="Element">The bus or branch id.</param>
/// <param name="Value">The value found.</param>
/// <param name="Limit">The limit.</param>
public sealed record PowerFlowViolationJson(string Kind, string Element, double Value, double Limit);
