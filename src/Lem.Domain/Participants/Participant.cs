using Lem.Domain.Assets;
using Lem.Domain.Ids;
using Lem.Domain.Orders;

namespace Lem.Domain.Participants;

/// <summary>A market participant with its grid connection point, its assets and its orders.</summary>
/// <param name="Id">The participant's unique id.</param>
/// <param name="Name">A display name, or null.</param>
/// <param name="Role">The part the participant plays.</param>
/// <param name="Bus">The grid bus the participant is connected at, or null in a copper-plate scenario.</param>
/// <param name="Assets">The physical assets behind the meter.</param>
/// <param name="Orders">Explicit bids (buy) and offers (sell) per slot, in addition to what assets imply.</param>
/// <param name="Represents">For an aggregator, the participants it trades for; empty otherwise.</param>
public sealed record Participant(
    ParticipantId Id,
    string? Name,
    ParticipantRole Role,
    BusId? Bus,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<ParticipantId> Represents)
{
    /// <summary>The premiums the participant pays for energy from given partners (docs/scenario-format.md#preferences); empty when none.</summary>
    public IReadOnlyList<Preference> Preferences { get; init; } = [];

    /// <summary>
    /// The phases the participant is connected to (docs/scenario-format.md#participants): a, b, c (phase–neutral),
    /// ab, bc, ca (phase–phase) or abc; null means abc, a balanced third on each phase. Only phase-aware grid
    /// formulations (lindist3flow) use it.
    /// </summary>
    public string? Phase { get; init; }

    /// <summary>The assets of one kind.</summary>
    public IEnumerable<T> AssetsOf<T>()
        where T : Asset => Assets.OfType<T>();
}
