using Lem.Domain.Assets;
using Lem.Domain.Orders;

namespace Lem.Scenarios.Reading;

/// <summary>Reads one entry of <c>participants</c>: id, name, role, bus, assets and orders.</summary>
internal static class ParticipantReader
{
    /// <summary>Reads a participant; the bus path is returned so that the grid check can point at it.</summary>
    public static Participant? Read(ObjectReader r, ReadContext c, IdRegistry ids, out string? busPath)
    {
        var represents = ReadRepresents(r, ids);
        var idText = r.String("id", required: true);
        var name = r.String("name", required: false);
        var role = r.Choice("role", required: true, [.. RoleNames.All]);
        var bus = r.String("bus", required: false);
        busPath = bus is null ? null : r.PathOf("bus");
        var phase = r.Choice("phase", required: false, [.. Lem.Grid.ThreePhase.PhaseConnections.Names]);
        if (phase is not null && bus is null)
        {
            r.Diagnostics.Error(r.PathOf("phase"), ValidationCodes.ValueInvalid, "A phase connection needs a bus: set the participant's bus too.");
        }

        ParticipantId? id = null;
        if (idText is not null)
        {
            var problem = IdRules.Problem(idText);
            if (problem is not null)
            {
                r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdInvalid, problem);
            }
            else if (!ids.Participants.TryAdd(idText, r.PathOf("id")))
            {
                r.Diagnostics.Error(r.PathOf("id"), ValidationCodes.IdDuplicate, $"The participant id '{idText}' is already used at {ids.Participants[idText]}.");
            }
            else
            {
                id = new ParticipantId(idText);
            }
        }

        BusId? busId = null;
        if (bus is not null)
        {
            if (BusId.TryCreate(bus, out var b))
            {
                busId = b;
            }
            else
            {
                r.Diagnostics.Error(r.PathOf("bus"), ValidationCodes.IdInvalid, IdRules.Problem(bus)!);
            }
        }

        var assets = ReadList(r, "assets", ScenarioLimits.MaxAssetsPerParticipant, (ar) => AssetReader.Read(ar, c, ids.Assets));
        var orders = ReadList(r, "orders", ScenarioLimits.MaxOrdersPerParticipant, (or) => OrderReader.Read(or, c, id, ids.Orders));
        var preferences = ReadList(r, "preferences", ScenarioLimits.MaxPreferencesPerParticipant, (pr) => PreferenceReader.Read(pr, idText, ids));
        r.ReportUnknown();

        // A participant with a bad asset or order is still returned (the scenario is invalid anyway), so that its
        // bus and the references to it are checked too.
        if (id is null || role is null)
        {
            return null;
        }

        RoleNames.TryParse(role, out var parsedRole);
        if (represents.Count > 0 && parsedRole != ParticipantRole.Aggregator)
        {
            r.Diagnostics.Error(r.PathOf("represents"), ValidationCodes.ValueInvalid, $"Only an aggregator represents other participants; '{id}' is a {role}.");
            return null;
        }

        return new Participant(id.Value, name, parsedRole, busId, assets, orders, represents) { Preferences = preferences, Phase = phase };
    }

    private static List<ParticipantId> ReadRepresents(ObjectReader r, IdRegistry ids)
    {
        var list = new List<ParticipantId>();
        var array = r.Array("represents", required: false, ScenarioLimits.MaxParticipants);
        if (array is null)
        {
            return list;
        }

        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var path = JsonPaths.Index(r.PathOf("represents"), i++);
            if (item.ValueKind != JsonValueKind.String || !ParticipantId.TryCreate(item.GetString(), out var pid))
            {
                r.Diagnostics.Error(path, ValidationCodes.FieldType, "Each entry of 'represents' must be a participant id.");
                continue;
            }

            list.Add(pid);
            ids.ParticipantReferences.Add((pid.Value, path));
        }

        return list;
    }

    private static List<T> ReadList<T>(ObjectReader r, string name, int max, Func<ObjectReader, T?> read)
        where T : class
    {
        var list = new List<T>();
        var element = r.Array(name, required: false, max);
        if (element is null)
        {
            return list;
        }

        var i = 0;
        foreach (var item in element.Value.EnumerateArray())
        {
            var path = JsonPaths.Index(r.PathOf(name), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                r.Diagnostics.Error(path, ValidationCodes.FieldType, $"Each entry of '{name}' must be an object, not {ObjectReader.KindName(item)}.");
                continue;
            }

            var value = read(new ObjectReader(item, path, r.Diagnostics));
            if (value is not null)
            {
                list.Add(value);
            }
        }

        return list;
    }
}
