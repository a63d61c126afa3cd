using Lem.Grid.Topology;

namespace Lem.Grid;

/// <summary>Element counts, totals and topology of a network, as <c>lem grid</c> prints them.</summary>
public sealed record GridSummary
{
    /// <summary>The network's name.</summary>
    public required string Name { get; init; }

    /// <summary>The file format the network came from.</summary>
    public GridSourceFormat Format { get; init; }

    /// <summary>The system base power in MVA.</summary>
    public double BaseMva { get; init; }

    /// <summary>Buses in the file, and those in service.</summary>
    public required ElementCount Buses { get; init; }

    /// <summary>Lines in the file, and those in service.</summary>
    public required ElementCount Lines { get; init; }

    /// <summary>Transformers in the file, and those in service.</summary>
    public required ElementCount Transformers { get; init; }

    /// <summary>Loads in the file, and those in service.</summary>
    public required ElementCount Loads { get; init; }

    /// <summary>Static generators (pandapower sgen), and those in service.</summary>
    public required ElementCount StaticGenerators { get; init; }

    /// <summary>Generators (MATPOWER gen, pandapower gen), and those in service.</summary>
    public required ElementCount Generators { get; init; }

    /// <summary>Shunts.</summary>
    public int Shunts { get; init; }

    /// <summary>Switches, and those closed.</summary>
    public required ElementCount Switches { get; init; }

    /// <summary>Total in-service active load in MW.</summary>
    public double TotalLoadMw { get; init; }

    /// <summary>Total in-service reactive load in Mvar.</summary>
    public double TotalLoadMvar { get; init; }

    /// <summary>Total active generation set-points of in-service generators and static generators in MW.</summary>
    public double TotalGenerationMw { get; init; }

    /// <summary>The distinct nominal voltages, highest first.</summary>
    public required IReadOnlyList<double> VoltageLevelsKv { get; init; }

    /// <summary>The slack buses' ids.</summary>
    public required IReadOnlyList<string> SlackBuses { get; init; }

    /// <summary>Connected components of the in-service network.</summary>
    public int Islands { get; init; }

    /// <summary>Whether every island is a tree.</summary>
    public bool IsRadial { get; init; }

    /// <summary>In-service buses that no slack bus reaches.</summary>
    public int UnreachableBuses { get; init; }

    /// <summary>Summarises a network with its topology report.</summary>
    public static GridSummary Of(GridNetwork g, TopologyReport topology)
    {
        ArgumentNullException.ThrowIfNull(g);
        ArgumentNullException.ThrowIfNull(topology);
        return new GridSummary
        {
            Name = g.Name,
            Format = g.SourceFormat,
            BaseMva = g.BaseMva,
            Buses = ElementCount.Of(g.Buses, b => b.InService),
            Lines = ElementCount.Of(g.Lines, l => l.InService),
            Transformers = ElementCount.Of(g.Transformers, t => t.InService),
            Loads = ElementCount.Of(g.Loads, l => l.InService),
            StaticGenerators = ElementCount.Of(g.StaticGenerators, s => s.InService),
            Generators = ElementCount.Of(g.Generators, s => s.InService),
            Shunts = g.Shunts.Count,
            Switches = ElementCount.Of(g.Switches, s => s.Closed),
            TotalLoadMw = g.TotalLoadPMw,
            TotalLoadMvar = g.TotalLoadQMvar,
            TotalGenerationMw = g.StaticGenerators.Where(s => s.InService).Sum(s => s.PMw * s.Scaling) + g.Generators.Where(s => s.InService).Sum(s => s.PMw),
            VoltageLevelsKv = [.. g.Buses.Select(b => b.NominalKv).Distinct().OrderDescending()],
            SlackBuses = [.. g.SlackBusIds.Select(b => b.Value)],
            Islands = topology.Islands.Length,
            IsRadial = topology.IsRadial,
            UnreachableBuses = topology.UnreachableBusIds.Length,
        };
    }
}
