using System.Text;
using System.Xml.Linq;
using Lem.Ledger;
using Lem.Testing;
using static Lem.Server.Tests.UftpTestAggregator;

namespace Lem.Server.Tests;

/// <summary>The UFTP endpoint with Lem as the DSO (docs/uftp.md), driven by a test aggregator written from the specification.</summary>
public sealed class UftpTests
{
    private const string Period = "2026-03-02";

    /// <summary>The aggregator's prognosis: 50 kW all day, 120 kW in the evening peak 18:00–20:00 (ISPs 73–80).</summary>
    private static long[] BasePrognosis() => [.. Enumerable.Range(1, 96).Select(i => i is >= 73 and <= 80 ? 120_000L : 50_000L)];

    [Fact]
    public async Task ValidatePhaseExchangeRunsFromPrognosisToUpdatedPrognosis()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        var x = await RunExchange(server, agr);

        // The FlexRequest as the DSO asked for it.
        Assert.Equal("FlexRequest", x.Request.Name.LocalName);
        var requestIsp = Assert.Single(x.Request.Elements("ISP"));
        Assert.Equal(("73", "8", "-40000", "0", "Requested"), (Attr(requestIsp, "Start"), Attr(requestIsp, "Duration"), Attr(requestIsp, "MinPower"), Attr(requestIsp, "MaxPower"), Attr(requestIsp, "Disposition")));
        Assert.Equal("1", Attr(x.Request, "Revision"));

        // The FlexOrder: the chosen option's ISPs copied, the price 12.50 EUR × 0.60 = 7.50 EUR, in the offer's conversation.
        Assert.Equal("FlexOrder", x.Order.Name.LocalName);
        Assert.Equal(7.5m, Dec(x.Order, "Price"));
        Assert.Equal("0.60", Attr(x.Order, "ActivationFactor"));
        Assert.Equal(x.OfferId, Attr(x.Order, "FlexOfferMessageID"));
        Assert.Equal(x.OfferConversation, Attr(x.Order, "ConversationID"));
        Assert.Equal("ORD-1", Attr(x.Order, "OrderReference"));
        var orderIsp = Assert.Single(x.Order.Elements("ISP"));
        Assert.Equal(("73", "8", "-30000"), (Attr(orderIsp, "Start"), Attr(orderIsp, "Duration"), Attr(orderIsp, "Power")));

        // The updated prognosis incorporates 0.6 × −30 kW = −18 kW in ISPs 73–80 (120 → 102 kW): the order is validated.
        var status = Assert.Single(x.UpdatedResponse.Elements("FlexOrderStatus"));
        Assert.Equal(Attr(x.Order, "MessageID"), Attr(status, "FlexOrderMessageID"));
        Assert.Equal("true", Attr(status, "IsValidated"));

        // A later prognosis back at the baseline does not incorporate the order.
        var (_, stale) = await agr.Send(Prognosis(Period, 3, BasePrognosis()));
        Assert.Equal("Accepted", Attr(stale!, "Result"));
        Assert.Equal("false", Attr(Assert.Single(stale!.Elements("FlexOrderStatus")), "IsValidated"));
    }

    [SharedFact]
    public async Task EveryMessageLemEmitsValidatesAgainstTheSpecificationsXsds()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        await RunExchange(server, agr);

        // Rejections too: a duplicate message id and an ISP conflict.
        var prognosis = Prognosis(Period, 7, BasePrognosis());
        await agr.Send(prognosis);
        var (_, duplicate) = await agr.Send(prognosis);
        Assert.Equal("Rejected", Attr(duplicate!, "Result"));
        await agr.Send(Revocation(Guid.NewGuid().ToString()));

        Assert.True(agr.ReceivedEnvelopes.Count >= 10);
        var kinds = UftpXsd.AssertValid(agr.ReceivedEnvelopes);

        Assert.Superset(new HashSet<string> { "D-PrognosisResponse", "FlexRequest", "FlexOfferResponse", "FlexOrder", "TestMessageResponse", "FlexOfferRevocationResponse" }, kinds);
    }

    [SharedFact]
    public async Task StructuralChecksAgreeWithTheXsdsOnValidAndBrokenMessages()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        await agr.Register();
        var cases = new List<(string Name, XElement Message)>
        {
            ("valid prognosis", Prognosis(Period, 1, BasePrognosis())),
            ("valid offer", Offer(null, "1.00", "10.0000", 1)),
            ("activation factor 1.50", Offer(null, "1.50", "10", 1)),
            ("activation factor 0.00", Offer(null, "0.00", "10", 1)),
            ("activation factor with three decimals", Offer(null, "0.555", "10", 1)),
            ("price with five decimals", Offer(null, "1.00", "10.00001", 1)),
            ("offer ISP start 0", Offer(null, "1.00", "10", 0)),
            ("bad message id", With(Prognosis(Period, 1, BasePrognosis()), "MessageID", "not-a-uuid")),
            ("bad period", With(Prognosis(Period, 1, BasePrognosis()), "Period", "2026-3-2")),
            ("bad congestion point", With(Prognosis(Period, 1, BasePrognosis()), "CongestionPoint", "cp-1")),
            ("bad time zone", With(Prognosis(Period, 1, BasePrognosis()), "TimeZone", "Asia/Tokyo")),
            ("bad revision", With(Prognosis(Period, 1, BasePrognosis()), "Revision", "two")),
            ("unknown attribute", With(Prognosis(Period, 1, BasePrognosis()), "Colour", "red")),
            ("missing version", Without(Prognosis(Period, 1, BasePrognosis()), "Version")),
            ("no ISP", Without(Prognosis(Period, 1, [1]), null)),
            ("unexpected child", Extra(Prognosis(Period, 1, BasePrognosis()))),
            ("revocation", Revocation(Guid.NewGuid().ToString())),
            ("revocation without offer id", Without(Revocation(Guid.NewGuid().ToString()), "FlexOfferMessageID")),
        };
        foreach (var (name, message) in cases)
        {
            var xsdValid = UftpXsd.Errors(message.ToString()).Count == 0;
            var (status, _) = await agr.Send(message);
            Assert.True(status is 200 or 400, $"{name}: HTTP {status}");
            Assert.True(xsdValid == (status == 200), $"{name}: the XSD says {(xsdValid ? "valid" : "invalid")}, the server answered {status}.");
        }
    }

    [Fact]
    public async Task TamperedSignaturesUnknownSendersAndBrokenEnvelopesGetTransportErrors()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        await agr.Register();

        var good = agr.Envelope(Prognosis(Period, 1, BasePrognosis()));
        var body = Convert.FromBase64String((string)XElement.Parse(good).Attribute("Body")!);
        body[200] ^= 0x01;
        var tampered = XElement.Parse(good);
        tampered.SetAttributeValue("Body", Convert.ToBase64String(body));
        Assert.Equal(401, (await agr.PostRaw("/uftp", tampered.ToString())).Status);

        var forged = agr.Envelope(Prognosis(Period, 1, BasePrognosis()), signer: Ed25519KeyPair.Generate());
        Assert.Equal(401, (await agr.PostRaw("/uftp", forged)).Status);

        var asCro = agr.Envelope(Prognosis(Period, 1, BasePrognosis()), role: "CRO");
        Assert.Equal(419, (await agr.PostRaw("/uftp", asCro)).Status);

        Assert.Equal(400, (await agr.PostRaw("/uftp", "<SignedMessage")).Status);
        Assert.Equal(400, (await agr.PostRaw("/uftp", "<SignedMessage SenderDomain=\"agr.example.com\" SenderRole=\"AGR\"/>")).Status);
        Assert.Equal(400, (await agr.PostRaw("/uftp", good, "application/json")).Status);
        var signedGarbage = (byte[])[.. agr.Key.Sign(Encoding.UTF8.GetBytes("<D-Prognosis")), .. Encoding.UTF8.GetBytes("<D-Prognosis")];
        var garbage = new XElement("SignedMessage", new XAttribute("SenderDomain", AgrDomain), new XAttribute("SenderRole", "AGR"), new XAttribute("Body", Convert.ToBase64String(signedGarbage)));
        Assert.Equal(400, (await agr.PostRaw("/uftp", garbage.ToString())).Status);

        // The untampered envelope is still accepted: nothing above was stored.
        var (status, _) = await agr.PostRaw("/uftp", good);
        Assert.Equal(200, status);
    }

    [Fact]
    public async Task RuleViolationsGetRejectedResponses()
    {
        await using var server = await TestServer.StartAsync();
        var agr = new UftpTestAggregator(server);
        await agr.Register();

        async Task<string?> Reason(XElement message)
        {
            var (status, response) = await agr.Send(message);
            Assert.Equal(200, status);
            Assert.Equal(message.Name.LocalName + "Response", response!.Name.LocalName);
            Assert.Equal(Attr(message, "MessageID"), Attr(response, "ReferenceMessageID"));
            return Attr(response, "Result") == "Accepted" ? null : Attr(response, "RejectionReason");
        }

        var first = Prognosis(Period, 2, BasePrognosis());
        Assert.Null(await Reason(first));
        Assert.Contains("Duplicate MessageID", await Reason(first), StringComparison.Ordinal);
        Assert.Contains("not higher", await Reason(Prognosis(Period, 2, BasePrognosis())), StringComparison.Ordinal);

        var conflict = Prognosis(Period, 5, BasePrognosis());
        conflict.Add(new XElement("ISP", new XAttribute("Power", 1), new XAttribute("Start", 10)));
        Assert.Contains("ISP conflict", await Reason(conflict), StringComparison.Ordinal);

        // 29 March 2026 is the switch to summer time in Europe/Amsterdam: 23 hours, 92 quarter hours.
        Assert.Contains("1 to 92", await Reason(Prognosis("2026-03-29", 1, [.. Enumerable.Repeat(1L, 96)])), StringComparison.Ordinal);
        Assert.Null(await Reason(Prognosis("2026-03-29", 1, [.. Enumerable.Repeat(1L, 92)])));
        Assert.Contains("ISP 5 has no Power", await Reason(Without(Prognosis("2026-03-30", 1, [.. Enumerable.Repeat(1L, 96)]), "ISP5")), StringComparison.Ordinal);

        Assert.Contains("refers to no FlexRequest", await Reason(Offer(Guid.NewGuid().ToString(), "1.00", "10", 73)), StringComparison.Ordinal);
        Assert.Contains("must be Unsolicited", await Reason(With(Offer(null, "1.00", "10", 73), "Unsolicited", "false")), StringComparison.Ordinal);
        Assert.Contains("ISP-Duration", await Reason(With(Prognosis(Period, 9, BasePrognosis()), "ISP-Duration", "PT5M")), StringComparison.Ordinal);
        Assert.Contains("RecipientDomain", await Reason(With(Prognosis(Period, 9, BasePrognosis()), "RecipientDomain", "other.example.com")), StringComparison.Ordinal);
        Assert.Contains("refers to no accepted FlexOffer", await Reason(Revocation(Guid.NewGuid().ToString())), StringComparison.Ordinal);

        // A revoked offer cannot be ordered; an ordered offer cannot be revoked.
        var dso = await server.Register("dso-1", "dso");
        var revoked = Offer(null, "0.50", "10", 73);
        Assert.Null(await Reason(revoked));
        Assert.Null(await Reason(Revocation(Attr(revoked, "MessageID"))));
        Assert.Contains("revoked already", await Reason(Revocation(Attr(revoked, "MessageID"))), StringComparison.Ordinal);
        Assert.Equal(409, (await Order(agr, dso, Attr(revoked, "MessageID"), 1.00m)).Status);

        var ordered = Offer(null, "0.50", "10", 73);
        Assert.Null(await Reason(ordered));
        Assert.Equal(400, (await Order(agr, dso, Attr(ordered, "MessageID"), 0.49m)).Status);
        Assert.Equal(400, (await Order(agr, dso, Attr(ordered, "MessageID"), 0.555m)).Status);
        Assert.Equal(404, (await Order(agr, dso, Guid.NewGuid().ToString(), 1.00m)).Status);
        Assert.Equal(201, (await Order(agr, dso, Attr(ordered, "MessageID"), 0.50m)).Status);
        Assert.Equal(409, (await Order(agr, dso, Attr(ordered, "MessageID"), 0.50m)).Status);
        Assert.Contains("ordered already", await Reason(Revocation(Attr(ordered, "MessageID"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheOperatorRegistersSendersAndOnlyTheDsoSendsRequests()
    {
        await using var server = await TestServer.StartAsync();
        var participant = await server.Register("p1");
        var agr = new UftpTestAggregator(server);
        var register = new Dictionary<string, object> { ["domain"] = AgrDomain, ["role"] = "AGR", ["public_key"] = agr.Cs1Key };
        Assert.Equal(403, (await server.Post("/v1/uftp/senders", participant, register)).Status);
        Assert.Equal(401, (await server.Post("/v1/uftp/senders", null, register)).Status);
        var bad = await server.Post("/v1/uftp/senders", TestServer.OperatorKey, new Dictionary<string, object> { ["domain"] = "Not A AgrDomain", ["role"] = "DSO", ["public_key"] = "AAAA" });
        Assert.Equal(400, bad.Status);
        Assert.Equal(["domain", "public_key", "role"], bad.Body!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(403, (await server.Post("/v1/uftp/flex-requests", participant, RequestBody())).Status);
    }

    [Fact]
    public async Task SenderKeysSurviveARestartAndBadFlexRequestsNameEveryField()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-server-tests", Guid.NewGuid().ToString("N"));
        var first = await TestServer.StartAsync(dir);
        var agr = new UftpTestAggregator(first);
        await agr.Register();
        await first.StopAsync();

        await using var second = await TestServer.StartAsync(dir);
        second.OwnsFolder = true;
        var again = new UftpTestAggregator(second, agr.Key);
        var (status, _) = await again.PostRaw("/uftp", again.Envelope(Prognosis(Period, 1, BasePrognosis())));
        Assert.Equal(200, status);
        var stranger = new UftpTestAggregator(second);
        Assert.Equal(401, (await stranger.PostRaw("/uftp", stranger.Envelope(Prognosis(Period, 1, BasePrognosis())))).Status);

        var dso = await second.Register("dso-1", "dso");
        var bad = await second.Post("/v1/uftp/flex-requests", dso, new Dictionary<string, object>
        {
            ["recipient_domain"] = AgrDomain, ["congestion_point"] = "cp", ["period"] = Period, ["expiration"] = "tomorrow",
            ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 1.5, ["min_power_w"] = -1, ["max_power_w"] = 0, ["disposition"] = "maybe" } },
        });
        Assert.Equal(400, bad.Status);
        Assert.Equal(["congestion_point", "expiration", "isps[0].disposition", "isps[0].start"], bad.Body!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    private sealed record Exchange(XElement Request, XElement Order, string OfferId, string OfferConversation, XElement UpdatedResponse);

    private static Dictionary<string, object> RequestBody() => new()
    {
        ["recipient_domain"] = AgrDomain, ["congestion_point"] = CongestionPoint, ["period"] = Period, ["expiration"] = "2026-03-01T20:00:00Z",
        ["isps"] = new[] { new Dictionary<string, object> { ["start"] = 73, ["duration"] = 8, ["min_power_w"] = -40_000, ["max_power_w"] = 0, ["disposition"] = "requested" } },
    };

    /// <summary>D-Prognosis → FlexRequest → FlexOffer → FlexOrder → updated D-Prognosis, checking each answer on the way.</summary>
    private static async Task<Exchange> RunExchange(TestServer server, UftpTestAggregator agr)
    {
        await agr.Register();
        var dso = await server.Register("dso-1", "dso");

        var prognosis = Prognosis(Period, 1, BasePrognosis());
        var (status, response) = await agr.Send(prognosis);
        Assert.Equal(200, status);
        Assert.Equal(("D-PrognosisResponse", "Accepted"), (response!.Name.LocalName, Attr(response, "Result")));
        Assert.Equal(Attr(prognosis, "MessageID"), Attr(response, "ReferenceMessageID"));
        Assert.Empty(response.Elements("FlexOrderStatus"));

        var sent = await agr.DsoPost("/v1/uftp/flex-requests", dso, RequestBody());
        Assert.Equal(201, sent.Status);
        var request = Assert.Single(await agr.Poll());
        Assert.Equal(sent.Body!["message_id"]!.GetValue<string>(), Attr(request, "MessageID"));
        Assert.Empty(await agr.Poll());

        var requestResponse = Message("FlexRequestResponse", Attr(request, "ConversationID"));
        requestResponse.Add(new XAttribute("ReferenceMessageID", Attr(request, "MessageID")), new XAttribute("Result", "Accepted"));
        (status, response) = await agr.Send(requestResponse);
        Assert.Equal((200, null), (status, response));

        var offer = FlexMessage("FlexOffer", Period, Attr(request, "ConversationID"));
        offer.Add(
            new XAttribute("ExpirationDateTime", "2026-03-01T18:00:00Z"), new XAttribute("FlexRequestMessageID", Attr(request, "MessageID")),
            new XAttribute("D-PrognosisMessageID", Attr(prognosis, "MessageID")), new XAttribute("Currency", "EUR"),
            new XElement("OfferOption", new XAttribute("OptionReference", "A"), new XAttribute("Price", "12.5000"), new XAttribute("MinActivationFactor", "0.50"),
                new XElement("ISP", new XAttribute("Power", -30_000), new XAttribute("Start", 73), new XAttribute("Duration", 8))));
        (status, response) = await agr.Send(offer);
        Assert.Equal(("FlexOfferResponse", "Accepted"), (response!.Name.LocalName, Attr(response, "Result")));

        var offers = await server.Get("/v1/uftp/offers", dso);
        Assert.Equal(Attr(offer, "MessageID"), offers.Body!["offers"]![0]!["message_id"]!.GetValue<string>());

        var ordered = await agr.DsoPost("/v1/uftp/flex-orders", dso, new Dictionary<string, object>
        {
            ["flex_offer_message_id"] = Attr(offer, "MessageID"), ["option_reference"] = "A", ["activation_factor"] = 0.6m, ["order_reference"] = "ORD-1",
        });
        Assert.Equal(201, ordered.Status);
        var order = Assert.Single(await agr.Poll());
        var orderResponse = Message("FlexOrderResponse", Attr(order, "ConversationID"));
        orderResponse.Add(new XAttribute("ReferenceMessageID", Attr(order, "MessageID")), new XAttribute("Result", "Accepted"));
        Assert.Equal(200, (await agr.Send(orderResponse)).Status);

        var updated = BasePrognosis();
        for (var i = 72; i < 80; i++)
        {
            updated[i] = 102_000;
        }

        (status, response) = await agr.Send(Prognosis(Period, 2, updated));
        Assert.Equal(("D-PrognosisResponse", "Accepted"), (response!.Name.LocalName, Attr(response, "Result")));
        return new Exchange(request, order, Attr(offer, "MessageID"), Attr(offer, "ConversationID"), response);
    }

    private static Task<(int Status, System.Text.Json.Nodes.JsonNode? Body, string ContentType)> Order(UftpTestAggregator agr, string dso, string offerId, decimal factor) =>
        agr.DsoPost("/v1/uftp/flex-orders", dso, new Dictionary<string, object>
        {
            ["flex_offer_message_id"] = offerId, ["activation_factor"] = factor, ["order_reference"] = "ORD-" + Guid.NewGuid().ToString("N")[..8],
        });

    private static XElement Offer(string? requestId, string minActivationFactor, string price, int start)
    {
        var offer = FlexMessage("FlexOffer", Period);
        offer.Add(new XAttribute("ExpirationDateTime", "2026-03-01T18:00:00Z"));
        if (requestId is null)
        {
            offer.Add(new XAttribute("Unsolicited", "true"));
        }
        else
        {
            offer.Add(new XAttribute("FlexRequestMessageID", requestId));
        }

        offer.Add(new XAttribute("Currency", "EUR"), new XElement("OfferOption", new XAttribute("OptionReference", "A"), new XAttribute("Price", price),
            new XAttribute("MinActivationFactor", minActivationFactor), new XElement("ISP", new XAttribute("Power", -10_000), new XAttribute("Start", start), new XAttribute("Duration", 4))));
        return offer;
    }

    private static XElement Revocation(string offerId)
    {
        var m = Message("FlexOfferRevocation");
        m.Add(new XAttribute("FlexOfferMessageID", offerId));
        return m;
    }

    private static XElement With(XElement e, string name, string value)
    {
        e.SetAttributeValue(name, value);
        return e;
    }

    /// <summary>Removes an attribute, "ISPn" (the n-th ISP), or with null every child element.</summary>
    private static XElement Without(XElement e, string? name)
    {
        if (name is null)
        {
            e.Elements().Remove();
        }
        else if (name.StartsWith("ISP", StringComparison.Ordinal))
        {
            e.Elements("ISP").ElementAt(int.Parse(name[3..], System.Globalization.CultureInfo.InvariantCulture) - 1).Remove();
        }
        else
        {
            e.Attribute(name)!.Remove();
        }

        return e;
    }

    private static XElement Extra(XElement e)
    {
        e.Add(new XElement("Note", "hello"));
        return e;
    }
}
