using Lem.Grid.Network;
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

    /// <summary>Buses in the file.</summary>
    public int Buses { get; init; }

    /// <summary>Buses in service.</summary>
    public int BusesInService { get; init; }

    /// <summary>Lines in the file.</summary>
    public int Lines { get; init; }

    /// <summary>Lines in service.</summary>
    public int LinesInService { get; init; }

    /// <summary>Transformers in the file.</summary>
    public int Transformers { get; init; }

    /// <summary>Transformers in service.</summary>
    public int TransformersInService { get; init; }

    /// <summary>Loads in the file.</summary>
    public int Loads { get; init; }

    /// <summary>Loads in service.</summary>
    public int LoadsInService { get; init; }

    /// <summary>Static generators (pandapower sgen).</summary>
    public int StaticGenerators { get; init; }

    /// <summary>Static generators in service.</summary>
    public int StaticGeneratorsInService { get; init; }

    /// <summary>Generators (MATPOWER gen, pandapower gen).</summary>
    public int Generators { get; init; }

    /// <summary>Generators in service.</summary>
    public int GeneratorsInService { get; init; }

    /// <summary>Shunts.</summary>
    public int Shunts { get; init; }

    /// <summary>Switches.</summary>
    public int Switches { get; init; }

    /// <summary>Closed switches.</summary>
    public int SwitchesClosed { get; init; }

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
            Buses = g.Buses.Count,
            BusesInService = g.Buses.Count(b => b.InService),
            Lines = g.Lines.Count,
            LinesInService = g.Lines.Count(l => l.InService),
            Transformers = g.Transformers.Count,
            TransformersInService = g.Transformers.Count(t => t.InService),
            Loads = g.Loads.Count,
            LoadsInService = g.Loads.Count(l => l.InService),
            StaticGenerators = g.StaticGenerators.Count,
            StaticGeneratorsInService = g.StaticGenerators.Count(s => s.InService),
            Generators = g.Generators.Count,
            GeneratorsInService = g.Generators.Count(s => s.InService),
            Shunts = g.Shunts.Count,
            Switches = g.Switches.Count,
            SwitchesClosed = g.Switches.Count(s => s.Closed),
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
