namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// One metered past day of an FSP's portfolio, comparable to the horizon's day (same day type), for the "X of Y days"
/// baseline (docs/mechanisms/flexibility.md#baselines). Injection positive.
/// </summary>
/// <param name="Fsp">The FSP.</param>
/// <param name="DaysBefore">How many days before the horizon the day lies (1 = the day before); smaller is more recent.</param>
/// <param name="PowerKw">The metered mean net injection per slot of the horizon's time of day (kW).</param>
public sealed record FlexMeterDay(ParticipantId Fsp, int DaysBefore, IReadOnlyList<double> PowerKw);
