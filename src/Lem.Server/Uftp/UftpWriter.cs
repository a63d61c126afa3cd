using System.Xml;
using System.Xml.Linq;

namespace Lem.Server.Uftp;

/// <summary>Writes the messages Lem sends as the DSO and seals them into SignedMessage envelopes (docs/uftp.md).</summary>
internal sealed class UftpWriter(UftpOptions options, Ed25519KeyPair key)
{
    /// <summary>The specification version Lem speaks.</summary>
    public const string Version = "3.0.0";

    /// <summary>A new message of Lem's with the common metadata.</summary>
    /// <param name="name">The element name.</param>
    /// <param name="recipient">The recipient's domain.</param>
    /// <param name="conversationId">The conversation it belongs to.</param>
    /// <param name="messageId">Its MessageID (chosen before the command runs, so that a replay writes the same message).</param>
    /// <param name="time">Its TimeStamp: the command's time.</param>
    public XElement Message(string name, string recipient, string conversationId, string messageId, DateTimeOffset time) => new(
        name,
        new XAttribute("Version", Version),
        new XAttribute("SenderDomain", options.Domain),
        new XAttribute("RecipientDomain", recipient),
        new XAttribute("TimeStamp", Time(time)),
        new XAttribute("MessageID", messageId),
        new XAttribute("ConversationID", conversationId));

    /// <summary>A new flex message (with ISP-Duration, TimeZone, Period and CongestionPoint).</summary>
    public XElement FlexMessage(string name, string recipient, string conversationId, string messageId, DateTimeOffset time, DateOnly period, string congestionPoint)
    {
        var message = Message(name, recipient, conversationId, messageId, time);
        message.Add(
            new XAttribute("ISP-Duration", XmlConvert.ToString(TimeSpan.FromMinutes(options.IspMinutes))),
            new XAttribute("TimeZone", options.TimeZone),
            new XAttribute("Period", Date(period)),
            new XAttribute("CongestionPoint", congestionPoint));
        return message;
    }

    /// <summary>The response to an incoming message: Accepted, or Rejected with the reason.</summary>
    public XElement Response(XElement incoming, string? rejectionReason, string messageId, DateTimeOffset time)
    {
        var response = Message(incoming.Name.LocalName + "Response", (string)incoming.Attribute("SenderDomain")!, (string)incoming.Attribute("ConversationID")!, messageId, time);
        response.Add(new XAttribute("ReferenceMessageID", (string)incoming.Attribute("MessageID")!), new XAttribute("Result", rejectionReason is null ? "Accepted" : "Rejected"));
        if (rejectionReason is not null)
        {
            response.Add(new XAttribute("RejectionReason", rejectionReason));
        }

        return response;
    }

    /// <summary>The SignedMessage envelope of a message, its body sealed with Lem's key (CS1).</summary>
    public string Seal(XElement message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToString(SaveOptions.DisableFormatting));
        return new XElement(
            "SignedMessage",
            new XAttribute("SenderDomain", options.Domain),
            new XAttribute("SenderRole", "DSO"),
            new XAttribute("Body", Convert.ToBase64String(Cs1.Seal(key, body)))).ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>An ISP element.</summary>
    public static XElement Isp(long start, long duration, params (string Name, object Value)[] attributes)
    {
        var isp = new XElement("ISP");
        foreach (var (name, value) in attributes)
        {
            isp.Add(new XAttribute(name, Convert.ToString(value, CultureInfo.InvariantCulture)!));
        }

        isp.Add(new XAttribute("Start", start), new XAttribute("Duration", duration));
        return isp;
    }

    /// <summary>A <c>DateTimeType</c> value.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>A <c>PeriodType</c> value.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A <c>CurrencyAmountType</c> or <c>ActivationFactorType</c> value.</summary>
    public static string Amount(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
