using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Lem.Testing;

namespace Lem.Server.Tests;

/// <summary>The specification's UFTP XSDs from the shared reference data (never copied into the repository), as an independent validator.</summary>
internal static class UftpXsd
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        set.Add(null, Path.Combine(RepoPaths.Shared, "data", "uftp", "xsd", "UFTP-dso.xsd"));
        set.Compile();
        return set;
    });

    /// <summary>Asserts that every SignedMessage envelope and the message inside it are valid; returns the messages' names.</summary>
    public static HashSet<string> AssertValid(IEnumerable<string> envelopes)
    {
        var kinds = new HashSet<string>();
        foreach (var envelope in envelopes)
        {
            Assert.Empty(Errors(envelope));
            var inner = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)XElement.Parse(envelope).Attribute("Body")!)[64..]);
            var errors = Errors(inner);
            Assert.True(errors.Count == 0, $"{XElement.Parse(inner).Name}: {string.Join("; ", errors)}");
            kinds.Add(XElement.Parse(inner).Name.LocalName);
        }

        return kinds;
    }

    /// <summary>The schema errors of a document (empty when valid).</summary>
    public static List<string> Errors(string xml)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(xml);
        document.Validate(Schemas.Value, (_, e) => errors.Add(e.Message));
        return errors;
    }
}
