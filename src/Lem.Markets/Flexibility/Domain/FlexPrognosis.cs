namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// A forecast net injection at a bus per slot (UFTP D-Prognosis, aggregated to the bus), the baseline around which the
/// DSO's grid analysis and the clearing linearise. Injection positive: a load of 60 kW is −60.
/// </summary>
/// <param name="Bus">The bus.</param>
/// <param name="PowerKw">The net active injection per slot (kW).</param>
/// <param name="ReactiveKvar">The net reactive injection per slot (kvar), or null for none.</param>
public sealed record FlexPrognosis(BusId Bus, IReadOnlyList<double> PowerKw, IReadOnlyList<double>? ReactiveKvar = null)
{
    /// <summary>The FSP whose portfolio this prognosis describes (its settlement baseline under the <c>prognosis</c> method), or null for the DSO's own forecast.</summary>
    public ParticipantId? Fsp { get; init; }

    /// <summary>The phases the forecast injection is connected to (abc by default; docs/three-phase.md#flexibility-on-three-phases).</summary>
    public Lem.Grid.ThreePhase.PhaseConnection Phase { get; init; } = Lem.Grid.ThreePhase.PhaseConnection.Abc;
}
