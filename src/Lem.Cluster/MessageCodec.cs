using System.Text;
using System.Text.Json;
using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;

namespace Lem.Cluster;

/// <summary>
/// The binary wire format of batched rounds (docs/cluster.md#batched-rounds): each coordination message and answer as a
/// type tag and its fields, numbers as their 8 IEEE-754 bytes (so every double arrives bit for bit), strings as UTF-8.
/// A message object sent to several agents of one batch (the exchange's broadcast signal) is written once and referred
/// to afterwards. Message types without a tag travel as System.Text.Json, as single grain calls do.
/// </summary>
public static class MessageCodec
{
    private const byte Json = 0;
    private const byte Reference = 1;
    private const byte Exchange = 2;
    private const byte Community = 3;
    private const byte PeerToPeer = 4;
    private const byte Cost = 5;
    private const byte Grid = 6;

    /// <summary>Encodes a batch: agent slots and their messages.</summary>
    public static byte[] EncodeRequests(IReadOnlyList<int> agents, IReadOnlyList<CoordinatorMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(messages);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(agents.Count);
        var seen = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < agents.Count; i++)
        {
            w.Write(agents[i]);
            var m = messages[i];
            if (seen.TryGetValue(m, out var first))
            {
                w.Write(Reference);
                w.Write(first);
                continue;
            }

            seen[m] = i;
            WriteRequest(w, m);
        }

        w.Flush();
        return stream.ToArray();
    }

    /// <summary>Decodes a batch written by <see cref="EncodeRequests"/>.</summary>
    public static (int[] Agents, CoordinatorMessage[] Messages) DecodeRequests(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var n = r.ReadInt32();
        var agents = new int[n];
        var messages = new CoordinatorMessage[n];
        for (var i = 0; i < n; i++)
        {
            agents[i] = r.ReadInt32();
            var tag = r.ReadByte();
            messages[i] = tag == Reference ? messages[r.ReadInt32()] : ReadRequest(r, tag);
        }

        return (agents, messages);
    }

    /// <summary>Encodes a batch's answers.</summary>
    public static byte[] EncodeAnswers(IReadOnlyList<AgentMessage> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var stream = new MemoryStream();
        using var w = new BinaryWriter(stream, Encoding.UTF8);
        w.Write(answers.Count);
        foreach (var a in answers)
        {
            WriteAnswer(w, a);
        }

        w.Flush();
        return stream.ToArray();
    }

    /// <summary>Decodes answers written by <see cref="EncodeAnswers"/>.</summary>
    public static AgentMessage[] DecodeAnswers(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var r = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var answers = new AgentMessage[r.ReadInt32()];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = ReadAnswer(r);
        }

        return answers;
    }

    private static void WriteRequest(BinaryWriter w, CoordinatorMessage m)
    {
        switch (m)
        {
            case ExchangeSignal s:
                w.Write(Exchange);
                w.Write(s.Iteration);
                w.Write(s.Rho);
                w.Write(s.Relaxation);
                Write(w, s.MeanInjection);
                Write(w, s.ScaledDual);
                break;
            case CommunitySignal s:
                w.Write(Community);
                w.Write(s.Iteration);
                w.Write(s.Rho);
                w.Write(s.Relaxation);
                Write(w, s.PriceEurPerMwh);
                Write(w, s.MeanPosition);
                break;
            case P2pSignal s:
                w.Write(PeerToPeer);
                w.Write(s.Iteration);
                w.Write(s.Rho);
                w.Write(s.Relaxation);
                w.Write(s.PartnerIds.Count);
                foreach (var id in s.PartnerIds)
                {
                    w.Write(id);
                }

                Write(w, s.PartnerTrades);
                Write(w, s.PairPricesEurPerMwh);
                w.Write(s.Bus is not null);
                if (s.Bus is { } bus)
                {
                    Write(w, bus.MeanKw);
                    Write(w, bus.PriceEurPerMwh);
                    w.Write(bus.SupplyKw is not null);
                    if (bus.SupplyKw is { } supply)
                    {
                        Write(w, supply);
                    }
                }

                break;
            case CostRequest:
                w.Write(Cost);
                break;
            case GridSignal s:
                w.Write(Grid);
                w.Write(s.Iteration);
                w.Write(s.SlotCount);
                Write(w, s.RequestedInjectionKw);
                break;
            default:
                WriteJson(w, m);
                break;
        }
    }

    private static CoordinatorMessage ReadRequest(BinaryReader r, byte tag)
    {
        switch (tag)
        {
            case Exchange:
            {
                var (k, rho, alpha) = (r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
                return new ExchangeSignal(k, rho, ReadDoubles(r), ReadDoubles(r)) { Relaxation = alpha };
            }

            case Community:
            {
                var (k, rho, alpha) = (r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
                return new CommunitySignal(k, rho, ReadDoubles(r), ReadDoubles(r)) { Relaxation = alpha };
            }

            case PeerToPeer:
            {
                var (k, rho, alpha) = (r.ReadInt32(), r.ReadDouble(), r.ReadDouble());
                var ids = new string[r.ReadInt32()];
                for (var i = 0; i < ids.Length; i++)
                {
                    ids[i] = r.ReadString();
                }

                var trades = ReadDoubles(r);
                var prices = ReadDoubles(r);
                BusSignal? bus = null;
                if (r.ReadBoolean())
                {
                    var mean = ReadDoubles(r);
                    var price = ReadDoubles(r);
                    bus = new BusSignal(mean, price, r.ReadBoolean() ? ReadDoubles(r) : null);
                }

                return new P2pSignal(k, rho, ids, trades, prices) { Relaxation = alpha, Bus = bus };
            }

            case Cost:
                return new CostRequest();
            case Grid:
            {
                var (k, slots) = (r.ReadInt32(), r.ReadInt32());
                return new GridSignal(k, slots, ReadDoubles(r));
            }

            case Json:
                return (CoordinatorMessage)ReadJson(r);
            default:
                throw new InvalidDataException($"Unknown coordination message tag {tag}.");
        }
    }

    private static void WriteAnswer(BinaryWriter w, AgentMessage a)
    {
        switch (a)
        {
            case ExchangeProposal p:
                w.Write(Exchange);
                w.Write(p.SenderId);
                Write(w, p.Injection);
                break;
            case CommunityProposal p:
                w.Write(Community);
                w.Write(p.SenderId);
                Write(w, p.Position);
                break;
            case P2pProposal p:
                w.Write(PeerToPeer);
                w.Write(p.SenderId);
                Write(w, p.Trades);
                break;
            case CostReport c:
                w.Write(Cost);
                w.Write(c.SenderId);
                w.Write(c.CostEur);
                break;
            case GridProposal p:
                w.Write(Grid);
                w.Write(p.SenderId);
                Write(w, p.InjectionKw);
                break;
            default:
                WriteJson(w, a);
                break;
        }
    }

    private static AgentMessage ReadAnswer(BinaryReader r)
    {
        var tag = r.ReadByte();
        return tag switch
        {
            Exchange => new ExchangeProposal(r.ReadString(), ReadDoubles(r)),
            Community => new CommunityProposal(r.ReadString(), ReadDoubles(r)),
            PeerToPeer => new P2pProposal(r.ReadString(), ReadDoubles(r)),
            Cost => new CostReport(r.ReadString(), r.ReadDouble()),
            Grid => new GridProposal(r.ReadString(), ReadDoubles(r)),
            Json => (AgentMessage)ReadJson(r),
            _ => throw new InvalidDataException($"Unknown agent message tag {tag}."),
        };
    }

    private static void Write(BinaryWriter w, IReadOnlyList<double> values)
    {
        w.Write(values.Count);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        var values = new double[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadDouble();
        }

        return values;
    }

    private static void WriteJson(BinaryWriter w, object message)
    {
        var type = message.GetType();
        if (type.Assembly != typeof(CoordinatorMessage).Assembly || type.FullName is null)
        {
            throw new NotSupportedException($"Message type '{type}' is not one of Lem.Markets' messages.");
        }

        w.Write(Json);
        w.Write(type.FullName);
        w.Write(JsonSerializer.Serialize(message, type, ClusterSetup.MessageJson));
    }

    private static object ReadJson(BinaryReader r)
    {
        var name = r.ReadString();
        var type = typeof(CoordinatorMessage).Assembly.GetType(name, throwOnError: false) ?? throw new InvalidDataException($"Unknown message type '{name}'.");
        return JsonSerializer.Deserialize(r.ReadString(), type, ClusterSetup.MessageJson) ?? throw new InvalidDataException($"Empty message of type '{name}'.");
    }
}
