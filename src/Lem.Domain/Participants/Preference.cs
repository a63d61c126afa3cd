using Lem.Domain.Ids;

namespace Lem.Domain.Participants;

/// <summary>
/// A premium a participant pays for energy bought from a class of partners (docs/scenario-format.md#preferences): P2P
/// turns it into per-pair preferences, the pool into multi-class energy (docs/mechanisms/admm.md, docs/mechanisms/pool.md).
/// </summary>
/// <param name="Class">Which partners the premium is for.</param>
/// <param name="PremiumEurPerMwh">What the participant pays in addition per MWh bought from such a partner, ≥ 0.</param>
/// <param name="MaxDistancePu">
/// For <see cref="PreferenceClass.Local"/>: the largest electrical distance (resistance distance, per unit of the
/// network's base impedance) at which a partner counts as local; null for "on the same feeder". Null for other classes.
/// </param>
/// <param name="Partners">For <see cref="PreferenceClass.Partners"/>: the partners; empty for other classes.</param>
public sealed record Preference(PreferenceClass Class, decimal PremiumEurPerMwh, double? MaxDistancePu, IReadOnlyList<ParticipantId> Partners);
