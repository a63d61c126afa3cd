using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lem.Testing;

/// <summary>Builds and edits pandapower to_json documents (tables as split-orientation DataFrame JSON strings) for tests.</summary>
public static class PandapowerJson
{
    /// <summary>Builds a minimal pandapowerNet document from tables given as (columns, index, rows).</summary>
    public static string Build(double snMva, params (string Name, string[] Columns, object?[][] Rows)[] tables)
    {
        var net = new JsonObject
        {
            ["name"] = "test",
            ["f_hz"] = 50.0,
            ["sn_mva"] = snMva,
        };
        foreach (var (name, columns, rows) in tables)
        {
            var split = new JsonObject
            {
                ["columns"] = new JsonArray(columns.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray()),
                ["index"] = new JsonArray(rows.Select((_, i) => (JsonNode?)JsonValue.Create(i)).ToArray()),
                ["data"] = new JsonArray(rows.Select(r => (JsonNode?)JsonSerializer.SerializeToNode(r)).ToArray()),
            };
            net[name] = new JsonObject
            {
                ["_module"] = "pandas.core.frame",
                ["_class"] = "DataFrame",
                ["_object"] = split.ToJsonString(),
                ["orient"] = "split",
            };
        }

        var root = new JsonObject
        {
            ["_module"] = "pandapower.auxiliary",
            ["_class"] = "pandapowerNet",
            ["_object"] = net,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Returns the document with one cell of one table replaced.</summary>
    public static string ReplaceCell(string document, string table, int row, string column, object? value)
    {
        var root = JsonNode.Parse(document)!;
        var net = root["_object"]!;
        var split = JsonNode.Parse(net[table]!["_object"]!.GetValue<string>())!;
        var columns = split["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        split["data"]![row]![columns.IndexOf(column)] = JsonSerializer.SerializeToNode(value);
        net[table]!["_object"] = split.ToJsonString();
        return root.ToJsonString();
    }
}
