namespace Lem.Cli.Output.Records;

/// <summary>One AC limit violation of <c>lem flex</c>'s JSON.</summary>
/// <param name="Slot">The slot (horizon index).</param>
/// <param name="Kind">overload, overvoltage or undervoltage.</param>
/// <param name="Element">The branch or bus.</param>
/// <param name="Value">The loading (%) or voltage (p.u.).</param>
/// <param name="Limit">The limit in the same unit.</param>
public sealed record FlexViolationJson(int Slot, string Kind, string Element, double Value, double Limit);
