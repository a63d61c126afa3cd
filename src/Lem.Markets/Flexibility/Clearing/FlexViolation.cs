namespace Lem.Markets.Flexibility.Clearing;

/// <summary>A limit violated in the AC power flow of a slot.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Kind">"overload", "overvoltage" or "undervoltage".</param>
/// <param name="Element">The branch or bus.</param>
/// <param name="Value">The loading (%) or voltage (p.u.).</param>
/// <param name="Limit">The limit in the same unit.</param>
public sealed record FlexViolation(int Slot, string Kind, string Element, double Value, double Limit)
{
    /// <summary>
    /// The element's place in the network index: the bus index for a voltage violation, the branch index for an overload
    /// (−1 when not known); after a three-phase power flow the element per phase, i·3 + φ or k·3 + φ. Lines and transformers may share an id (a pandapower network numbers each table from 0), so
    /// the analysis finds the element by this, not by <see cref="Element"/>.
    /// </summary>
    public int ElementIndex { get; init; } = -1;
}
