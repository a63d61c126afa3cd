using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Lem.Ledger;

namespace Lem.Server.Tests;

/// <summary>
/// A UFTP aggregator for the tests, written from the specification and not from the server's code: it builds messages,
/// seals them with its own Ed25519 key (CS1: signature then message), posts them to <c>/uftp</c>, polls its outbox, and
/// opens every envelope Lem sends with Lem's published key. It keeps every envelope it received from Lem.
/// </summary>
internal sealed class UftpTestAggregator
{
    public const string AgrDomain = "agr.example.com";

    public const string LemDomain = "dso.lem.local";

    public const string CongestionPoint = "ean.871685900012636543";

    private readonly TestServer _server;
    private byte[]? _lemKey;

    public UftpTestAggregator(TestServer server, Ed25519KeyPair? key = null)
    {
        _server = server;
        Key = key ?? Ed25519KeyPair.Generate();
    }

    public Ed25519KeyPair Key { get; }

    /// <summary>The CS1 key string an operator registers: signing key then a (here zero) encryption key.</summary>
    public string Cs1Key => "cs1." + Convert.ToBase64String([.. Key.PublicKey, .. new byte[32]]);

    /// <summary>Every SignedMessage envelope received from Lem (responses and outbox messages).</summary>
    public List<string> ReceivedEnvelopes { get; } = [];

    public async Task Register()
    {
        var r = await _server.Post("/v1/uftp/senders", TestServer.OperatorKey, new Dictionary<string, object> { ["domain"] = AgrDomain, ["role"] = "AGR", ["public_key"] = Cs1Key });
        Assert.Equal(201, r.Status);
        var key = await _server.Get("/v1/uftp/key");
        var text = key.Body!["public_key"]!.GetValue<string>();
        Assert.StartsWith("cs1.", text, StringComparison.Ordinal);
        _lemKey = Convert.FromBase64String(text[4..])[..32];
    }

    /// <summary>A new message with the common metadata from this aggregator to Lem.</summary>
    public static XElement Message(string name, string? conversationId = null) => new(
        name,
        new XAttribute("Version", "3.0.0"),
        new XAttribute("SenderDomain", AgrDomain),
        new XAttribute("RecipientDomain", LemDomain),
        new XAttribute("TimeStamp", "2026-03-01T09:00:00.000+01:00"),
        new XAttribute("MessageID", Guid.NewGuid().ToString()),
        new XAttribute("ConversationID", conversationId ?? Guid.NewGuid().ToString()));

    /// <summary>A flex message for the test congestion point, 15-minute ISPs in Europe/Amsterdam.</summary>
    public static XElement FlexMessage(string name, string period, string? conversationId = null)
    {
        var m = Message(name, conversationId);
        m.Add(new XAttribute("ISP-Duration", "PT15M"), new XAttribute("TimeZone", "Europe/Amsterdam"), new XAttribute("Period", period), new XAttribute("CongestionPoint", CongestionPoint));
        return m;
    }

    /// <summary>A D-Prognosis with one power per ISP from ISP 1.</summary>
    public static XElement Prognosis(string period, long revision, IReadOnlyList<long> powersW)
    {
        var m = FlexMessage("D-Prognosis", period);
        m.Add(new XAttribute("Revision", revision));
        for (var i = 0; i < powersW.Count; i++)
        {
            m.Add(new XElement("ISP", new XAttribute("Power", powersW[i]), new XAttribute("Start", i + 1), new XAttribute("Duration", 1)));
        }

        return m;
    }

    /// <summary>An unsolicited FlexOffer on a D-Prognosis with one option: a power per ISP range, a total price and a minimum activation factor.</summary>
    public static XElement UnsolicitedOffer(string period, string prognosisId, string price, string minActivationFactor, long start, long duration, long powerW)
    {
        var offer = FlexMessage("FlexOffer", period);
        offer.Add(
            new XAttribute("ExpirationDateTime", "2026-03-01T18:00:00Z"), new XAttribute("Unsolicited", "true"), new XAttribute("D-PrognosisMessageID", prognosisId), new XAttribute("Currency", "EUR"),
            new XElement("OfferOption", new XAttribute("OptionReference", "A"), new XAttribute("Price", price), new XAttribute("MinActivationFactor", minActivationFactor),
                new XElement("ISP", new XAttribute("Power", powerW), new XAttribute("Start", start), new XAttribute("Duration", duration))));
        return offer;
    }

    /// <summary>The response to a message from Lem (Accepted, or Rejected with a reason), in its conversation.</summary>
    public static XElement ResponseTo(XElement fromLem, string? rejectionReason = null)
    {
        var response = Message(fromLem.Name.LocalName + "Response", Attr(fromLem, "ConversationID"));
        response.Add(new XAttribute("ReferenceMessageID", Attr(fromLem, "MessageID")), new XAttribute("Result", rejectionReason is null ? "Accepted" : "Rejected"));
        if (rejectionReason is not null)
        {
            response.Add(new XAttribute("RejectionReason", rejectionReason));
        }

        return response;
    }

    public string Envelope(XElement message, Ed25519KeyPair? signer = null, string role = "AGR")
    {
        var body = Encoding.UTF8.GetBytes(message.ToString(SaveOptions.DisableFormatting));
        var sealedBody = (byte[])[.. (signer ?? Key).Sign(body), .. body];
        return new XElement("SignedMessage", new XAttribute("SenderDomain", AgrDomain), new XAttribute("SenderRole", role), new XAttribute("Body", Convert.ToBase64String(sealedBody)))
            .ToString(SaveOptions.DisableFormatting);
    }

    public async Task<(int Status, string Body)> PostRaw(string path, string body, string contentType = "text/xml")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType + "; charset=utf-8");
        using var response = await _server.Http.PostAsync(path, content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a message; returns the HTTP status and the opened response message (null when there is none).</summary>
    public async Task<(int Status, XElement? Response)> Send(XElement message)
    {
        var (status, body) = await PostRaw("/uftp", Envelope(message));
        return (status, status == 200 && body.Length > 0 ? OpenFromLem(body) : null);
    }

    /// <summary>Polls the outbox with a signed TestMessage; returns the opened messages waiting (after the TestMessageResponse).</summary>
    public async Task<List<XElement>> Poll()
    {
        var (status, body) = await PostRaw("/uftp/outbox", Envelope(Message("TestMessage")));
        Assert.Equal(200, status);
        var envelopes = XElement.Parse(body).Elements("SignedMessage").Select(e => e.ToString(SaveOptions.DisableFormatting)).ToList();
        var opened = envelopes.Select(OpenFromLem).ToList();
        Assert.Equal("TestMessageResponse", opened[0].Name.LocalName);
        Assert.Equal("Accepted", (string?)opened[0].Attribute("Result"));
        return opened[1..];
    }

    /// <summary>Opens an envelope from Lem: checks the wrapper and the CS1 signature with Lem's published key.</summary>
    public XElement OpenFromLem(string envelope)
    {
        ReceivedEnvelopes.Add(envelope);
        var e = XElement.Parse(envelope);
        Assert.Equal("SignedMessage", e.Name.LocalName);
        Assert.Equal(LemDomain, (string?)e.Attribute("SenderDomain"));
        Assert.Equal("DSO", (string?)e.Attribute("SenderRole"));
        var sealedBody = Convert.FromBase64String((string)e.Attribute("Body")!);
        var message = sealedBody[64..];
        Assert.True(Ed25519.Verify(_lemKey!, message, sealedBody[..64]), "Lem's signature must verify under its published key.");
        var inner = XElement.Parse(Encoding.UTF8.GetString(message));
        Assert.Equal(LemDomain, (string?)inner.Attribute("SenderDomain"));
        Assert.Equal(AgrDomain, (string?)inner.Attribute("RecipientDomain"));
        return inner;
    }

    public static string Attr(XElement e, string name) => (string?)e.Attribute(name) ?? throw new Xunit.Sdk.XunitException($"{e.Name} has no {name}.");

    public static decimal Dec(XElement e, string name) => decimal.Parse(Attr(e, name), CultureInfo.InvariantCulture);

    public Task<(int Status, JsonNode? Body, string ContentType)> DsoPost(string path, string dsoKey, object body) => _server.Post(path, dsoKey, body);
}
