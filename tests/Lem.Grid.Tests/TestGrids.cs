using Lem.Grid.Import;
using Lem.Grid.Network;
using Lem.Testing;

namespace Lem.Grid.Tests;

/// <summary>Loads the shared reference grids and asserts that they import cleanly.</summary>
internal static class TestGrids
{
    public static GridNetwork Load(params string[] relative)
    {
        var path = RepoPaths.Grid(relative);
        var result = GridImporter.Import(path);
        Assert.True(result.Errors.Count == 0, $"{path}: {string.Join("; ", result.Errors)}");
        Assert.NotNull(result.Network);
        return result.Network;
    }

    public static Bus Bus(GridNetwork network, string id)
    {
        Assert.True(network.TryGetBus(new BusId(id), out var bus), $"bus {id} not found");
        return bus;
    }
}
