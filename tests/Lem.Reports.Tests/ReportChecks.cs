using System.Buffers.Binary;
using System.Xml;
using Lem.Cli;

namespace Lem.Reports.Tests;

/// <summary>Runs lem in-process and checks report files the way a reader would open them.</summary>
internal static class ReportChecks
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static (int Exit, string Out, string Err) Lem(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = LemApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The PNG's width and height from its IHDR chunk, after checking the signature.</summary>
    public static (int Width, int Height) Png(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short for a PNG");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    /// <summary>The SVG's width and height attributes, after checking it parses as XML with an svg root.</summary>
    public static (double Width, double Height) Svg(string path)
    {
        var doc = XDocument.Load(path);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        static double Size(string? text) => double.Parse((text ?? "0").Replace("px", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return (Size(doc.Root.Attribute("width")?.Value), Size(doc.Root.Attribute("height")?.Value));
    }

    /// <summary>The HTML parsed as XML (the report is well-formed), ignoring the doctype.</summary>
    public static XDocument Html(string path)
    {
        using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>The plots/ paths the report references by img src or a href.</summary>
    public static SortedSet<string> ReferencedPlots(XDocument html) =>
        new(html.Descendants()
            .Where(e => e.Name.LocalName is "img" or "a")
            .Select(e => (string?)e.Attribute("src") ?? (string?)e.Attribute("href"))
            .OfType<string>()
            .Where(s => s.StartsWith("plots/", StringComparison.Ordinal)), StringComparer.Ordinal);

    /// <summary>The plots/ files on disk, as 'plots/NAME'.</summary>
    public static SortedSet<string> PlotFiles(string folder) =>
        new(Directory.EnumerateFiles(Path.Combine(folder, "plots")).Select(f => "plots/" + Path.GetFileName(f)), StringComparer.Ordinal);

    /// <summary>The tiny example without assets, every participant with an explicit order per slot (buyers buy, prosumers sell): a scenario for the auctions.</summary>
    public static string AuctionScenario(string folder)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(RepoPaths.InRepo("examples", "tiny", "scenario.json")))!.AsObject();
        root.Remove("$schema");
        string[] slots = ["2026-06-21T10:00", "2026-06-21T11:00", "2026-06-21T12:00", "2026-06-21T13:00"];
        var k = 0;
        foreach (var p in root["participants"]!.AsArray())
        {
            var o = p!.AsObject();
            o.Remove("assets");
            var sell = o["role"]!.GetValue<string>() == "prosumer";
            var orders = new System.Text.Json.Nodes.JsonArray();
            for (var s = 0; s < slots.Length; s++)
            {
                var price = sell ? 60 + (10 * k) + s : 130 - (10 * k) - s;
                orders.Add(System.Text.Json.Nodes.JsonNode.Parse($$"""{ "id": "{{o["id"]}}-{{s}}", "side": "{{(sell ? "sell" : "buy")}}", "slot": "{{slots[s]}}", "steps": [ { "price_eur_per_mwh": {{price}}, "quantity_kwh": {{1 + k}} } ] }"""));
            }

            o["orders"] = orders;
            k++;
        }

        var path = Path.Combine(folder, "auction-scenario.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
