using Lem.Grid.PowerFlow;

namespace Lem.Markets.Pool;

/// <summary>A limit the AC power flow of a cleared slot breaks.</summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Kind">Under-voltage, over-voltage or thermal overload.</param>
/// <param name="ElementId">The bus or branch.</param>
/// <param name="Value">The value found (p.u. or percent).</param>
/// <param name="Limit">The limit.</param>
public sealed record AcCheckViolation(int Slot, ViolationKind Kind, string ElementId, double Value, double Limit);
