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

    /// <summary>The schema errors of a document (empty when valid).</summary>
    public static List<string> Errors(string xml)
    {
        var errors = new List<string>();
        var document = XDocument.Parse(xml);
        document.Validate(Schemas.Value, (_, e) => errors.Add(e.Message));
        return errors;
    }
}
