using System.Xml.Linq;
using T = Lem.Server.Uftp.UftpValueType;

namespace Lem.Server.Uftp;

/// <summary>
/// The structure of the UFTP 3 messages a DSO receives, transcribed from the specification's XSDs (which are not part of
/// the repository): every required attribute present, no unknown attribute or element, each value of its simple type,
/// the child elements in their sequence. A message that fails gets HTTP 400 (docs/uftp.md, "Validation").
/// </summary>
internal static class UftpSchema
{
    private static readonly UftpAttributeRule[] Payload =
    [
        new("Version", T.Version, true), new("SenderDomain", T.Domain, true), new("RecipientDomain", T.Domain, true),
        new("TimeStamp", T.DateTime, true), new("MessageID", T.Uuid, true), new("ConversationID", T.Uuid, true),
    ];

    private static readonly UftpAttributeRule[] Response =
    [
        .. Payload, new("ReferenceMessageID", T.Uuid, true), new("Result", T.AcceptedRejected, true), new("RejectionReason", T.Text, false),
    ];

    private static readonly UftpAttributeRule[] Flex =
    [
        .. Payload, new("ISP-Duration", T.Duration, true), new("TimeZone", T.TimeZone, true), new("Period", T.Date, true),
        new("CongestionPoint", T.EntityAddress, true),
    ];

    private static readonly UftpElementRule PrognosisIsp = new("ISP", [new("Power", T.Integer, true), new("Start", T.Integer, true), new("Duration", T.Integer, false)], []);

    private static readonly UftpElementRule OfferIsp = new("ISP", [new("Power", T.Integer, true), new("Start", T.PositiveInteger, true), new("Duration", T.PositiveInteger, false)], []);

    private static readonly UftpElementRule OfferOption = new(
        "OfferOption",
        [new("OptionReference", T.Text, true), new("Price", T.Amount, true), new("MinActivationFactor", T.ActivationFactor, false)],
        [new(OfferIsp, true)]);

    private static readonly UftpElementRule SettlementStatus = new(
        "FlexOrderSettlementStatus",
        [new("OrderReference", T.Text, false), new("Disposition", T.AcceptedDisputed, true), new("DisputeReason", T.Text, false)],
        []);

    private static readonly Dictionary<string, UftpElementRule> Messages = new UftpElementRule[]
    {
        new("TestMessage", Payload, []),
        new("D-Prognosis", [.. Flex, new("Revision", T.Integer, true)], [new(PrognosisIsp, true)]),
        new(
            "FlexOffer",
            [
                .. Flex, new("ExpirationDateTime", T.DateTime, true), new("Unsolicited", T.Boolean, false), new("FlexRequestMessageID", T.Uuid, false),
                new("ContractID", T.Text, false), new("D-PrognosisMessageID", T.Uuid, false), new("BaselineReference", T.Text, false), new("Currency", T.Currency, true),
            ],
            [new(OfferOption, true)]),
        new("FlexOfferRevocation", [.. Payload, new("FlexOfferMessageID", T.Uuid, true)], []),
        new("FlexRequestResponse", Response, []),
        new("FlexOrderResponse", Response, []),
        new("FlexSettlementResponse", Response, [new(SettlementStatus, true)]),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The envelope's structure.</summary>
    public static UftpElementRule SignedMessage { get; } = new(
        "SignedMessage", [new("SenderDomain", T.Domain, true), new("SenderRole", T.Role, true), new("Body", T.Base64, true)], []);

    /// <summary>The names of the messages a DSO receives.</summary>
    public static IEnumerable<string> MessageNames => Messages.Keys;

    /// <summary>The rule of a message a DSO receives, or null.</summary>
    public static UftpElementRule? Message(string name) => Messages.GetValueOrDefault(name);

    /// <summary>Every way <paramref name="element"/> breaks <paramref name="rule"/>, each with the path of the part at fault.</summary>
    public static List<string> Validate(XElement element, UftpElementRule rule)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<string>();
        Check(element, rule, rule.Name, problems);
        return problems;
    }

    private static void Check(XElement element, UftpElementRule rule, string path, List<string> problems)
    {
        if (element.Name.NamespaceName.Length > 0 || element.Name.LocalName != rule.Name)
        {
            problems.Add($"{path}: expected the element {rule.Name} without a namespace, found {element.Name}");
            return;
        }

        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            var known = rule.Attributes.FirstOrDefault(a => a.Name == attribute.Name.LocalName && attribute.Name.NamespaceName.Length == 0);
            if (known is null)
            {
                problems.Add($"{path}/@{attribute.Name}: is not an attribute of {rule.Name}");
            }
            else if (!UftpValues.IsValid(known.Type, attribute.Value))
            {
                problems.Add($"{path}/@{known.Name}: '{attribute.Value}' is not a valid {known.Type}");
            }
        }

        foreach (var missing in rule.Attributes.Where(a => a.Required && element.Attribute(a.Name) is null))
        {
            problems.Add($"{path}/@{missing.Name}: is required");
        }

        if (element.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            problems.Add($"{path}: must not contain text");
        }

        var children = element.Elements().ToList();
        var next = 0;
        foreach (var child in rule.Children)
        {
            var count = 0;
            while (next < children.Count && children[next].Name.LocalName == child.Element.Name && children[next].Name.NamespaceName.Length == 0)
            {
                Check(children[next], child.Element, $"{path}/{child.Element.Name}[{++count}]", problems);
                next++;
            }

            if (child.Required && count == 0)
            {
                problems.Add($"{path}/{child.Element.Name}: at least one is required");
            }
        }

        if (next < children.Count)
        {
            problems.Add($"{path}/{children[next].Name}: is not expected here");
        }
    }
}
