using Lem.Grid.Import;
using Lem.Testing;

namespace Lem.Grid.Tests;

public class ImportAllFilesTests
{
    public static TheoryData<string, string> ReferenceFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var (folder, pattern) in new[] { ("matpower", "*.m"), ("pandapower", "*.json"), ("benchmark", "*.m"), ("benchmark", "*.json") })
        {
            foreach (var file in Directory.GetFiles(RepoPaths.Grid(folder), pattern).Order(StringComparer.Ordinal))
            {
                data.Add(folder, Path.GetFileName(file));
            }
        }

        return data;
    }

    [SharedFact]
    public void Reference_folders_hold_the_expected_files()
    {
        // Counted with `ls shared/data/grids/matpower/*.m | wc -l` (31), `ls pandapower/*.json | wc -l` (41)
        // and the two radial1001 formats in benchmark/.
        Assert.Equal(31, Directory.GetFiles(RepoPaths.Grid("matpower"), "*.m").Length);
        Assert.Equal(41, Directory.GetFiles(RepoPaths.Grid("pandapower"), "*.json").Length);
        Assert.Equal(2, Directory.GetFiles(RepoPaths.Grid("benchmark"), "radial1001.*").Count(f => f.EndsWith(".m", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)));
        Assert.Equal(31 + 41 + 2, ReferenceFiles().Count());
    }

    [SharedTheory]
    [MemberData(nameof(ReferenceFiles))]
    public void Every_reference_file_imports_without_errors(string folder, string file)
    {
        var result = GridImporter.Import(RepoPaths.Grid(folder, file));

        Assert.True(result.Errors.Count == 0, string.Join(Environment.NewLine, result.Errors));
        Assert.NotNull(result.Network);
        Assert.True(result.Succeeded);
        Assert.NotEmpty(result.Network.Buses);
        Assert.NotEmpty(result.Network.Lines.Cast<object>().Concat(result.Network.Transformers));
        Assert.NotEmpty(result.Network.SlackBusIds);
    }

    [SharedTheory]
    [MemberData(nameof(ReferenceFiles))]
    public void Every_reference_file_is_a_connected_grid_with_a_slack(string folder, string file)
    {
        var network = TestGrids.Load(folder, file);

        var errors = Topology.GridTopology.Validate(network, file);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
