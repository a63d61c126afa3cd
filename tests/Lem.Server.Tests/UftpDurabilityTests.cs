using System.Text.Json.Nodes;
using System.Xml.Linq;
using Lem.Server.Store;
using Lem.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static Lem.Server.Tests.UftpTestAggregator;

namespace Lem.Server.Tests;

/// <summary>
/// UFTP conversations survive a restart (docs/uftp.md, "Durability"): every message Lem answered and every message it
/// sent is a command in the store and the ledger, replayed on start. The server is stopped mid-conversation and
/// started again on the same store (SQLite, and PostgreSQL when configured).
/// </summary>
public sealed class UftpDurabilityTests
{
    private const string Period = "2026-03-02";

    [Fact]
    public Task ConversationsSurviveRestartsOnSqlite() => RestartMidConversation(null);

    [PostgresFact]
    public async Task ConversationsSurviveRestartsOnPostgres()
    {
        using var pg = TestPostgres.CreateSchema();
        await RestartMidConversation(pg.ConnectionString);
    }

    private static async Task RestartMidConversation(string? postgres)
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var clock = new FakeTimeProvider(TestServer.Start);
        var key = Lem.Ledger.Ed25519KeyPair.Generate();
        var prognosis = Prognosis(Period, 1, [.. Enumerable.Repeat(30_000L, 96)]);
        var offer = UnsolicitedOffer(Period, Attr(prognosis, "MessageID"), "0.4000", "0.50", 73, 4, -10_000);
        string dso, pendingRequestId, settlementId;

        // Before the first restart: a prognosis and an offer accepted, one FlexRequest collected, a second one waiting.
        await using (var first = await TestServer.StartAsync(dir, clock, postgres: postgres))
        {
            var agr = new UftpTestAggregator(first, key);
            await agr.Register();
            dso = await first.Register("dso-1", "dso");
            Assert.Equal("Accepted", Attr((await agr.Send(prognosis)).Response!, "Result"));
            Assert.Equal(201, (await agr.DsoPost("/v1/uftp/flex-requests", dso, Request())).Status);
            Assert.Single(await agr.Poll());
            var pending = await agr.DsoPost("/v1/uftp/flex-requests", dso, Request());
            pendingRequestId = pending.Body!["message_id"]!.GetValue<string>();
            Assert.Equal("Accepted", Attr((await agr.Send(offer)).Response!, "Result"));
        }

        // The store holds the exchanges as uftp commands; a received message is kept as the aggregator signed it.
        if (postgres is null)
        {
            using var db = new SqliteConnection($"Data Source={DataFolder.DatabasePath(dir)};Pooling=False");
            db.Open();
            using var query = db.CreateCommand();
            query.CommandText = "SELECT payload FROM commands WHERE kind = 'uftp' ORDER BY seq";
            var ops = new List<string>();
            var bodies = new List<string>();
            using (var reader = query.ExecuteReader())
            {
                while (reader.Read())
                {
                    var payload = JsonNode.Parse(reader.GetString(0))!;
                    ops.Add(payload["op"]!.GetValue<string>());
                    bodies.Add((string?)payload["body"] ?? string.Empty);
                }
            }

            Assert.Equal(["receive", "flex_request", "poll", "flex_request", "receive"], ops);
            Assert.Equal((string)XElement.Parse(new UftpTestAggregator(null!, key).Envelope(prognosis)).Attribute("Body")!, bodies[0]);
        }

        // After it: the duplicate is still a duplicate, the outbox still holds exactly the waiting FlexRequest, and the
        // offer accepted before the restart can be ordered.
        await using (var second = await TestServer.StartAsync(dir, clock, postgres: postgres))
        {
            Assert.True(second.Server.ReplayedCommands >= 6, $"{second.Server.ReplayedCommands} commands replayed.");
            var agr = new UftpTestAggregator(second, key);
            await agr.Register();
            var (_, duplicate) = await agr.Send(prognosis);
            Assert.Equal("Rejected", Attr(duplicate!, "Result"));
            Assert.Contains("Duplicate MessageID", Attr(duplicate!, "RejectionReason"), StringComparison.Ordinal);

            var waiting = Assert.Single(await agr.Poll());
            Assert.Equal(("FlexRequest", pendingRequestId, "2"), (waiting.Name.LocalName, Attr(waiting, "MessageID"), Attr(waiting, "Revision")));

            var offers = await second.Get("/v1/uftp/offers", dso);
            Assert.Equal(Attr(offer, "MessageID"), offers.Body!["offers"]![0]!["message_id"]!.GetValue<string>());
            var ordered = await agr.DsoPost("/v1/uftp/flex-orders", dso, new Dictionary<string, object>
            {
                ["flex_offer_message_id"] = Attr(offer, "MessageID"), ["activation_factor"] = 1.00m, ["order_reference"] = "ORD-R",
            });
            Assert.Equal(201, ordered.Status);
            var order = Assert.Single(await agr.Poll());
            Assert.Equal((Attr(offer, "MessageID"), Attr(prognosis, "MessageID")), (Attr(order, "FlexOfferMessageID"), Attr(order, "D-PrognosisMessageID")));
            Assert.Equal(200, (await agr.Send(ResponseTo(order))).Status);

            var settled = await agr.DsoPost("/v1/uftp/settlements", dso, new Dictionary<string, object>
            {
                ["recipient_domain"] = AgrDomain, ["period_start"] = Period,
                ["meters"] = new[] { new Dictionary<string, object> { ["congestion_point"] = CongestionPoint, ["period"] = Period, ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 73, ["duration"] = 4, ["power_w"] = 24_000 } } } },
            });
            Assert.Equal(201, settled.Status);
            settlementId = settled.Body!["message_id"]!.GetValue<string>();
        }

        // After the second restart: the FlexSettlement is still delivered, its response recorded, the ordered offer stays ordered.
        await using (var third = await TestServer.StartAsync(dir, clock, postgres: postgres))
        {
            third.OwnsFolder = true;
            var agr = new UftpTestAggregator(third, key);
            await agr.Register();
            var settlement = Assert.Single(await agr.Poll());
            Assert.Equal(("FlexSettlement", settlementId), (settlement.Name.LocalName, Attr(settlement, "MessageID")));
            Assert.Equal(0.24m, Dec(settlement.Element("FlexOrderSettlement")!, "NetSettlement"));
            var accept = ResponseTo(settlement);
            accept.Add(new XElement("FlexOrderSettlementStatus", new XAttribute("OrderReference", "ORD-R"), new XAttribute("Disposition", "Accepted")));
            Assert.Equal(200, (await agr.Send(accept)).Status);
            Assert.Equal("Accepted", (await third.Get("/v1/uftp/settlements", dso)).Body!["settlements"]![0]!["result"]!.GetValue<string>());
            var again = await agr.DsoPost("/v1/uftp/flex-orders", dso, new Dictionary<string, object>
            {
                ["flex_offer_message_id"] = Attr(offer, "MessageID"), ["activation_factor"] = 1.00m, ["order_reference"] = "ORD-R2",
            });
            Assert.Equal(409, again.Status);
            Assert.Empty(await agr.Poll());
        }
    }

    private static Dictionary<string, object> Request() => new()
    {
        ["recipient_domain"] = AgrDomain, ["congestion_point"] = CongestionPoint, ["period"] = Period, ["expiration"] = "2026-03-01T20:00:00Z",
        ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 73, ["duration"] = 4, ["min_power_w"] = -10_000, ["max_power_w"] = 0, ["disposition"] = "requested" } },
    };
}
