using System.Text.Json;
using Xunit;

namespace Lem.Testing;

/// <summary>The pandapower reference networks in <c>shared/data/grids/pandapower</c>, and their bus tables read without the importer.</summary>
public static class PandapowerNetworks
{
    /// <summary>The file names of every pandapower network, sorted, as theory data.</summary>
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Grid("pandapower"), "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>The index of the file's bus table (pandapower's bus ids) in file order, read straight from the JSON.</summary>
    public static List<string> BusTableIndex(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var table = doc.RootElement.GetProperty("_object").GetProperty("bus").GetProperty("_object").GetString()!;
        using var split = JsonDocument.Parse(table);
        return [.. split.RootElement.GetProperty("index").EnumerateArray().Select(i => i.GetRawText())];
    }
}
