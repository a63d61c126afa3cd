using System.Text.Json;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary>Keeps the published JSON Schema, the human guide and the bundled examples consistent with one another.</summary>
public sealed class SchemaDocumentationTests
{
    private static readonly string SchemaPath = RepoPaths.InRepo("docs", "scenario.schema.json");
    private static readonly string GuidePath = RepoPaths.InRepo("docs", "scenario-format.md");

    [Fact]
    public void Schema_IsValidJson_AndRequiresTheTopLevelFields()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var required = doc.RootElement.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["format_version", "name", "horizon", "outside_market", "participants"], required);
        Assert.False(doc.RootElement.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [InlineData("tiny")]
    [InlineData("village")]
    public void Examples_UseOnlyFieldsTheSchemaDeclares(string example)
    {
        var declared = SchemaPropertyNames();
        using var doc = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("examples", example, "scenario.json")));
        var used = new HashSet<string>(StringComparer.Ordinal);
        Collect(doc.RootElement, used);
        var undeclared = used.Where(u => !declared.Contains(u)).ToList();
        Assert.True(undeclared.Count == 0, $"fields not in the schema: {string.Join(", ", undeclared)}");
        Assert.True(used.Count > 20);
    }

    [Fact]
    public void Guide_DocumentsEverySchemaField()
    {
        var guide = File.ReadAllText(GuidePath);
        var missing = SchemaPropertyNames().Where(n => n != "$schema" && !guide.Contains($"`{n}`", StringComparison.Ordinal) && !guide.Contains($"\"{n}\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"fields the guide does not mention: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Guide_ListsEveryValidationCode()
    {
        var guide = File.ReadAllText(GuidePath);
        var codes = typeof(Domain.Validation.ValidationCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        Assert.True(codes.Count > 20);
        var missing = codes.Where(c => !guide.Contains($"`{c}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"codes the guide does not list: {string.Join(", ", missing)}");
    }

    private static HashSet<string> SchemaPropertyNames()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var q in p.Value.EnumerateObject())
                        {
                            names.Add(q.Name);
                        }
                    }

                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item);
                }
            }
        }

        Walk(doc.RootElement);
        return names;
    }

    private static void Collect(JsonElement e, HashSet<string> names)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                names.Add(p.Name);
                Collect(p.Value, names);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Collect(item, names);
            }
        }
    }
}
