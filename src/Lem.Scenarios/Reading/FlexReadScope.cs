using Lem.Grid.Indexing;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Scenarios.Reading;

/// <summary>What the readers of the <c>flexibility</c> section look names up in: the grid's buses, the participants, the congestion points and the ids used so far.</summary>
internal sealed class FlexReadScope(ReadContext context, NetworkIndex? index, Dictionary<string, Participant> participants)
{
    public ReadContext Context => context;

    public Dictionary<string, Participant> Participants => participants;

    public Dictionary<string, CongestionPoint> CongestionPoints { get; } = new(StringComparer.Ordinal);

    public HashSet<string> AssetIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads an id that must be well formed and not among <paramref name="used"/>.</summary>
    public string? UniqueId(ObjectReader r, string name, IEnumerable<string> used, string what)
    {
        var id = r.String(name, required: true);
        if (id is null)
        {
            return null;
        }

        if (IdRules.Problem(id) is { } problem)
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.IdInvalid, problem);
            return null;
        }

        if (used.Contains(id))
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.IdDuplicate, $"The {what} id '{id}' is used twice.");
            return null;
        }

        return id;
    }

    /// <summary>Reads a participant reference.</summary>
    public ParticipantId? Participant(ObjectReader r, string name, bool required)
    {
        var id = r.String(name, required);
        if (id is null)
        {
            return null;
        }

        if (!participants.ContainsKey(id))
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.UnknownParticipant, $"'{id}' is not a participant of the scenario.");
            return null;
        }

        return new ParticipantId(id);
    }

    /// <summary>Reads a bus reference, which must be an in-service bus of the grid.</summary>
    public BusId? Bus(ObjectReader r, string name, bool required)
    {
        var id = r.String(name, required);
        return id is null ? null : CheckBus(id, r.PathOf(name));
    }

    /// <summary>Checks a bus name at a path.</summary>
    public BusId? CheckBus(string id, string path)
    {
        if (index is null)
        {
            return null;
        }

        if (!index.TryIndexOf(new BusId(id), out _))
        {
            context.Diagnostics.Error(path, ValidationCodes.UnknownBus, $"Bus '{id}' is not an in-service bus of the grid.");
            return null;
        }

        return new BusId(id);
    }

    /// <summary>Reads a congestion point reference.</summary>
    public CongestionPoint? CongestionPointRef(ObjectReader r, string name, bool required)
    {
        var id = r.String(name, required);
        if (id is null)
        {
            return null;
        }

        if (!CongestionPoints.TryGetValue(id, out var point))
        {
            r.Diagnostics.Error(r.PathOf(name), ValidationCodes.ValueInvalid, $"'{id}' is not a congestion point of the flexibility section.");
            return null;
        }

        return point;
    }
}
