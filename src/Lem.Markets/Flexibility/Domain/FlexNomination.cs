namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// An FSP's nominated baseline (docs/mechanisms/flexibility.md#baselines): the net injection of its portfolio it
/// declares, before gate closure, it would have had without any order. Injection positive: a load of 30 kW is −30.
/// </summary>
/// <param name="Fsp">The FSP.</param>
/// <param name="PowerKw">The nominated net injection per slot (kW).</param>
public sealed record FlexNomination(ParticipantId Fsp, IReadOnlyList<double> PowerKw);
