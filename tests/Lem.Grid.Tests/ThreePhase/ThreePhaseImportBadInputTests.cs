using Lem.Domain.Validation;
using Lem.Grid.ThreePhase.Import;

namespace Lem.Grid.Tests.ThreePhase;

/// <summary>Bad three-phase input files: every problem is reported at once with the JSON path of the field.</summary>
public sealed class ThreePhaseImportBadInputTests
{
    [Fact]
    public void PgmReaderReportsEveryBadFieldWithItsPath()
    {
        const string text = """
            {"version": "1.0", "type": "input", "is_batch": false, "attributes": {}, "data": {
              "node": [{"id": 1, "u_rated": 400.0}, {"id": 2, "u_rated": -1}],
              "line": [{"id": 3, "from_node": 1, "to_node": 9, "r1": 0.1, "x1": "abc", "r0": 0.2, "x0": 0.2}],
              "asym_load": [{"id": 4, "node": 2, "type": 7, "p_specified": [1, 2], "q_specified": [0, 0, 0]}],
              "transformer": [{"id": 5, "from_node": 1, "to_node": 2, "u1": 400, "u2": 400, "sn": 1e5, "uk": 0.04, "winding_from": 9}]
            }}
            """;
        var result = PgmJsonReader.ReadText(text, "bad");

        Assert.Null(result.Network);
        var paths = result.Errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("$.data.node[1].u_rated", paths);
        Assert.Contains("$.data.line[0].to_node", paths);
        Assert.Contains("$.data.line[0].x1", paths);
        Assert.Contains("$.data.asym_load[0].type", paths);
        Assert.Contains("$.data.asym_load[0].p_specified", paths);
        Assert.Contains("$.data.transformer[0].winding_from", paths);
        Assert.Contains(result.Errors, e => e.Path == "$.data.line[0].to_node" && e.Code == ValidationCodes.UnknownBus);
    }

    [Fact]
    public void PandapowerReaderReportsAnUnknownVectorGroupAndBus()
    {
        const string text = """
            {"_module": "pandapower.auxiliary", "_class": "pandapowerNet", "_object": {
              "bus": {"columns": ["name", "vn_kv", "in_service"], "index": [0, 1], "data": [["a", 10.0, true], ["b", 0.4, true]]},
              "trafo": {"columns": ["hv_bus", "lv_bus", "sn_mva", "vn_hv_kv", "vn_lv_kv", "vk_percent", "vkr_percent", "shift_degree", "vector_group"],
                        "index": [0], "data": [[0, 7, 0.4, 10.0, 0.4, 4.0, 1.0, 150.0, "Qxy"]]}
            }}
            """;
        var result = PandapowerThreePhaseReader.ReadText(text, "bad.json");

        Assert.Null(result.Network);
        Assert.Contains(result.Errors, e => e.Path == "bad.json:$.trafo[0].vector_group");
        Assert.Contains(result.Errors, e => e.Path == "bad.json:$.trafo[0].lv_bus" && e.Code == ValidationCodes.UnknownBus);
    }

    [Fact]
    public void RegistryRefusesAnUnknownFormatByName()
    {
        var result = ThreePhaseImporters.Import("network.json", "no-such-format");
        Assert.False(result.Succeeded);
        Assert.Contains("pgm", result.Errors.Single().Message, StringComparison.Ordinal);
    }
}
