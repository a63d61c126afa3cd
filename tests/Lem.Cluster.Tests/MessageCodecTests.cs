using System.Text.Json;
using Lem.Cluster;
using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;

namespace Lem.Cluster.Tests;

/// <summary>
/// The binary wire format of batched rounds (docs/cluster.md#batched-rounds) against System.Text.Json, the single-call
/// wire format: every message decodes to the same fields, every double bit for bit (infinities, NaN, −0 included), and
/// a message sent to several agents of a batch decodes to one shared object.
/// </summary>
public sealed class MessageCodecTests
{
    private static readonly double[] Awkward = [0.1, -0.0, double.Epsilon, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN, 1.0 / 3.0];

    public static TheoryData<CoordinatorMessage> Requests() => new()
    {
        new ExchangeSignal(3, 0.25, Awkward, [1, 2]) { Relaxation = 1.6 },
        new CommunitySignal(7, 2.5, [4, 5, 6], Awkward) { Relaxation = 1.2 },
        new P2pSignal(11, 0.5, ["a", "bé", "c"], Awkward[..6], [9, 8, 7, 6, 5, 4]) { Relaxation = 1.4 },
        new P2pSignal(12, 0.5, ["a"], [1, 2], [3, 4]) { Bus = new BusSignal([1, 2], [3, 4], [5, 6]) },
        new P2pSignal(13, 0.5, ["a"], [1, 2], [3, 4]) { Bus = new BusSignal([1, 2], [3, 4], null) },
        new CostRequest(),
        new GridSignal(5, 2, Awkward[..4]),
    };

    public static TheoryData<AgentMessage> Answers() => new()
    {
        new ExchangeProposal("h1", Awkward),
        new CommunityProposal("h2", [1, 2, 3]),
        new P2pProposal("h3", Awkward),
        new CostReport("h4", -12.345678901234567),
        new GridProposal("grid", [0.5, -0.25]),
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_round_trips_as_json_does(CoordinatorMessage message)
    {
        var (agents, messages) = MessageCodec.DecodeRequests(MessageCodec.EncodeRequests([4], [message]));
        Assert.Equal([4], agents);
        Assert.Equal(message.GetType(), messages[0].GetType());
        Assert.Equal(Json(message), Json(messages[0]));
        Assert.Equal(Bits(message), Bits(messages[0]));
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void Answer_round_trips_as_json_does(AgentMessage answer)
    {
        var decoded = MessageCodec.DecodeAnswers(MessageCodec.EncodeAnswers([answer]))[0];
        Assert.Equal(answer.GetType(), decoded.GetType());
        Assert.Equal(Json(answer), Json(decoded));
        Assert.Equal(Bits(answer), Bits(decoded));
    }

    [Fact]
    public void A_broadcast_is_written_once_and_decodes_to_one_object()
    {
        var broadcast = new ExchangeSignal(1, 1.0, new double[96], new double[96]);
        var other = new ExchangeSignal(1, 1.0, new double[96], new double[96]);
        var once = MessageCodec.EncodeRequests([0, 1, 2], [broadcast, broadcast, broadcast]);
        var twice = MessageCodec.EncodeRequests([0, 1, 2], [broadcast, other, broadcast]);
        Assert.True(twice.Length > once.Length + (96 * 2 * 8), $"{twice.Length} bytes with a second object vs {once.Length} with one");
        var (_, messages) = MessageCodec.DecodeRequests(once);
        Assert.Same(messages[0], messages[1]);
        Assert.Same(messages[0], messages[2]);
    }

    private static string Json(object message) => JsonSerializer.Serialize(message, message.GetType(), ClusterSetup.MessageJson);

    /// <summary>Every double the message's JSON holds, as raw bits in document order (JSON alone prints −0 and 0 differently but NaN payloads alike).</summary>
    private static long[] Bits(object message)
    {
        var bits = new List<long>();
        foreach (var p in message.GetType().GetProperties())
        {
            switch (p.GetValue(message))
            {
                case double d:
                    bits.Add(BitConverter.DoubleToInt64Bits(d));
                    break;
                case IEnumerable<double> list:
                    bits.AddRange(list.Select(BitConverter.DoubleToInt64Bits));
                    break;
                case BusSignal bus:
                    bits.AddRange(bus.MeanKw.Concat(bus.PriceEurPerMwh).Concat(bus.SupplyKw ?? []).Select(BitConverter.DoubleToInt64Bits));
                    break;
            }
        }

        return [.. bits];
    }
}
