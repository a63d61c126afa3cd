namespace Lem.Grid.PowerFlow;

/// <summary>A voltage or thermal limit that a power-flow solution breaks.</summary>
/// <param name="Kind">Which limit.</param>
/// <param name="ElementId">The bus or branch id.</param>
/// <param name="Value">The value found (p.u. for voltages, percent for loading).</param>
/// <param name="Limit">The limit broken (p.u. or 100 %).</param>
public sealed record Violation(ViolationKind Kind, string ElementId, double Value, double Limit);
