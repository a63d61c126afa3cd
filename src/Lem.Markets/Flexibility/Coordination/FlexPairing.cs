namespace Lem.Markets.Flexibility.Coordination;

/// <summary>
/// A GOPACS-style balance-neutral pair (docs/mechanisms/flexibility.md#balance-neutral-pairing): an activation inside a
/// congested area and opposite orders outside it of the same total volume, the grid operator paying the spread.
/// </summary>
/// <param name="OfferId">The activated offer inside the area.</param>
/// <param name="Slot">The slot.</param>
/// <param name="InsideKw">The activated volume inside the area (kW).</param>
/// <param name="Legs">The opposite orders outside the area, best price first.</param>
public sealed record FlexPairing(string OfferId, int Slot, double InsideKw, IReadOnlyList<FlexPairLeg> Legs)
{
    /// <summary>The volume paired (kW); less than <see cref="InsideKw"/> when the outside offers ran out.</summary>
    public double PairedKw => Legs.Sum(l => l.Kw);

    /// <summary>The spread the grid operator pays over all legs (EUR).</summary>
    public decimal SpreadEur => Legs.Sum(l => l.SpreadEur);
}
