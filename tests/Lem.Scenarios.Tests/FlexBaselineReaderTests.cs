using System.Text;
using System.Text.Json.Nodes;
using Lem.Markets.Flexibility.Baselines;
using Lem.Testing;

namespace Lem.Scenarios.Tests;

/// <summary>The baseline fields of the <c>flexibility</c> section (docs/scenario-format.md#flexibility) on worked example A.</summary>
public sealed class FlexBaselineReaderTests
{
    private static ScenarioLoadResult Load(Action<JsonObject> edit)
    {
        var path = RepoPaths.InRepo("examples", "flex", "worked-a.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(root["flexibility"]!.AsObject());
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(root.ToJsonString()), Path.GetDirectoryName(path)!);
    }

    [Fact]
    public void XOfY_WithHistory_IsRead()
    {
        var load = Load(f =>
        {
            f["baseline"] = JsonNode.Parse("""{ "method": "x_of_y", "x": 1, "y": 2, "selection": "most_recent" }""");
            f["meter_history"] = JsonNode.Parse("""[ { "fsp": "agg", "days_before": 2, "kw": [-20] }, { "fsp": "agg", "days_before": 1, "kw": -10 } ]""");
            f["rules"] = JsonNode.Parse("""{ "penalty_eur_per_mwh": 100 }""");
        });

        Assert.True(load.IsValid, string.Join("; ", load.Errors.Select(e => e.Path + " " + e.Message)));
        var market = load.Scenario!.Flexibility!;
        Assert.Equal(new FlexBaselineSpec { Method = "x_of_y", X = 1, Y = 2, Selection = FlexDaySelection.MostRecent }, market.Baseline);
        Assert.Equal(100, market.Rules.PenaltyEurPerMwh);
        Assert.True(FlexBaselines.TryGet("x_of_y", out var method));
        Assert.Equal([-10.0], method.BaselineKw(market, new ParticipantId("agg")));
    }

    [Fact]
    public void BadBaselineFields_AreAllReportedWithTheirPaths()
    {
        var load = Load(f =>
        {
            f["baseline"] = JsonNode.Parse("""{ "method": "x_of_y", "x": 3, "y": 2 }""");
            f["meter_history"] = JsonNode.Parse("""[ { "fsp": "agg", "days_before": 1, "kw": -10 }, { "fsp": "agg", "days_before": 1, "kw": -12 }, { "fsp": "ghost", "days_before": 2, "kw": -1 } ]""");
            f["nominations"] = JsonNode.Parse("""[ { "fsp": "agg", "kw": [1, 2] } ]""");
        });

        Assert.False(load.IsValid);
        var paths = load.Errors.Select(e => (e.Path, e.Code)).ToList();
        Assert.Contains(("$.flexibility.baseline.x", "value.bounds_inverted"), paths);
        Assert.Contains(("$.flexibility.meter_history[1].days_before", "id.duplicate"), paths);
        Assert.Contains(("$.flexibility.meter_history[2].fsp", "ref.unknown_participant"), paths);
        Assert.Contains(paths, p => p.Path.StartsWith("$.flexibility.nominations[0].kw", StringComparison.Ordinal));
        Assert.Contains(load.Errors, e => e.Path == "$.flexibility.baseline.method" && e.Message.Contains("has 1 metered past days", StringComparison.Ordinal));
    }

    [Fact]
    public void Nomination_WithoutANominationForTheFsp_IsRefusedAtTheMethod()
    {
        var load = Load(f => f["baseline"] = JsonNode.Parse("""{ "method": "nomination", "x": 2 }"""));

        Assert.Contains(load.Errors, e => e.Path == "$.flexibility.baseline.method" && e.Message.Contains("no nomination", StringComparison.Ordinal));
        Assert.Contains(load.Errors, e => e.Path == "$.flexibility.baseline.x" && e.Code == "value.invalid");
    }

    [Fact]
    public void Prognosis_TaggedWithTheFsp_Satisfies_TheExplicitPrognosisMethod()
    {
        var untagged = Load(f => f["baseline"] = JsonNode.Parse("""{ "method": "prognosis" }"""));
        var tagged = Load(f =>
        {
            f["baseline"] = JsonNode.Parse("""{ "method": "prognosis" }""");
            f["prognoses"]![0]!["fsp"] = "agg";
        });

        Assert.Contains(untagged.Errors, e => e.Path == "$.flexibility.baseline.method" && e.Message.Contains("no prognosis", StringComparison.Ordinal));
        Assert.True(tagged.IsValid, string.Join("; ", tagged.Errors.Select(e => e.Message)));
        Assert.Equal([-60.0], FlexBaselinesOf(tagged));
    }

    private static IReadOnlyList<double> FlexBaselinesOf(ScenarioLoadResult load)
    {
        Assert.True(FlexBaselines.TryGet("prognosis", out var method));
        return method.BaselineKw(load.Scenario!.Flexibility!, new ParticipantId("agg"));
    }
}
