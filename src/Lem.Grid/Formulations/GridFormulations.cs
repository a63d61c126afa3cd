using Lem.Grid.Topology;

namespace Lem.Grid.Formulations;

/// <summary>The grid formulations by the names the CLI and the API use.</summary>
public static class GridFormulations
{
    /// <summary>The names: copperplate, dc, lindistflow, soc, ac.</summary>
    public static IReadOnlyList<string> Names { get; } = ["copperplate", "dc", "lindistflow", "soc", "ac"];

    /// <summary>The formulation of a name.</summary>
    public static IGridFormulation ByName(string name) => name switch
    {
        "copperplate" => new CopperPlateFormulation(),
        "dc" => new DcFormulation(),
        "lindistflow" => new LinDistFlowFormulation(),
        "soc" => new SocDistFlowFormulation(),
        "ac" => new AcPolarFormulation(),
        _ => throw new ArgumentException($"Unknown grid formulation '{name}'; use one of {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// The formulation for a name, where <c>auto</c> means copper plate without a grid, LinDistFlow for a radial grid
    /// with one slack and DC otherwise.
    /// </summary>
    public static IGridFormulation Choose(string name, GridNetwork? grid)
    {
        if (name != "auto")
        {
            return ByName(name);
        }

        if (grid is null)
        {
            return new CopperPlateFormulation();
        }

        var topology = GridTopology.Analyze(Indexing.NetworkIndex.Build(grid));
        return topology.IsRadial && grid.SlackBusIds.Count == 1 ? new LinDistFlowFormulation() : new DcFormulation();
    }
}
