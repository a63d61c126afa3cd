using Lem.Grid.Topology;

namespace Lem.Grid.Formulations;

/// <summary>The grid formulations by the names the CLI and the API use.</summary>
public static class GridFormulations
{
    private static readonly Dictionary<string, Func<IGridFormulation>> Factories = new(StringComparer.Ordinal);
    private static readonly List<string> RegisteredNames = [];
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GridNetwork, System.Runtime.CompilerServices.StrongBox<bool>> RadialWithOneSlackCache = new();

    /// <summary>Registers the built-in formulations, one line each.</summary>
    static GridFormulations()
    {
        Register("copperplate", () => new CopperPlateFormulation());
        Register("dc", () => new DcFormulation());
        Register("lindistflow", () => new LinDistFlowFormulation());
        Register("soc", () => new SocDistFlowFormulation());
        Register("ac", () => new AcPolarFormulation());
        Register("lindist3flow", () => new LinDist3FlowFormulation());
    }

    /// <summary>The names in registration order: copperplate, dc, lindistflow, soc, ac, lindist3flow.</summary>
    public static IReadOnlyList<string> Names => RegisteredNames;

    /// <summary>Registers a formulation under <paramref name="name"/> (a new name; the CLI's --grid options list it).</summary>
    /// <exception cref="ArgumentException">When the name is taken.</exception>
    public static void Register(string name, Func<IGridFormulation> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (!Factories.TryAdd(name, factory))
        {
            throw new ArgumentException($"A grid formulation named '{name}' is already registered.", nameof(name));
        }

        RegisteredNames.Add(name);
    }

    /// <summary>The formulation of a name.</summary>
    public static IGridFormulation ByName(string name) =>
        Factories.TryGetValue(name, out var factory)
            ? factory()
            : throw new ArgumentException($"Unknown grid formulation '{name}'; use one of {string.Join(", ", Names)}.", nameof(name));

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

        // The choice depends on the network alone; a day loop clears the same network day after day, so the analysis
        // is kept per network instance (a record with init-only members) instead of indexing the network each time.
        var radial = RadialWithOneSlackCache.GetValue(grid, g => new System.Runtime.CompilerServices.StrongBox<bool>(GridTopology.Analyze(Indexing.NetworkIndex.Build(g)).IsRadial && g.SlackBusIds.Count == 1)).Value;
        return radial ? new LinDistFlowFormulation() : new DcFormulation();
    }
}
