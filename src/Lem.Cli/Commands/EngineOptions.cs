using Lem.Cluster;
using Lem.Markets.Distributed;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem run</c>'s choice of where a distributed mechanism's agents run (docs/cluster.md#running-silos):
/// <c>--engine in-process|orleans</c> and <c>--silos N</c> (an in-process Orleans cluster of N silos on loopback).
/// </summary>
internal sealed class EngineOptions
{
    /// <summary>The engines by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["in-process", "orleans"];

    /// <summary>Creates the options.</summary>
    public EngineOptions()
    {
        Engine = CommonOptions.Choice("--engine", "Where the agents of exchange, community and p2p run: in-process (objects in this process) or orleans (each agent a grain on an in-process Orleans cluster of --silos silos; docs/cluster.md).", "in-process", [.. Names]);
        Silos = new Option<int>("--silos") { Description = "With --engine orleans: silos of the in-process cluster (1 to 16).", DefaultValueFactory = _ => 1 };
    }

    /// <summary><c>--engine</c>.</summary>
    public Option<string> Engine { get; }

    /// <summary><c>--silos</c>.</summary>
    public Option<int> Silos { get; }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Silos);
    }

    /// <summary>The usage problem of the values with a mechanism, or null.</summary>
    public static string? UsageProblem(string engine, int silos, IClearingMechanism mechanism)
    {
        if (engine == "in-process")
        {
            return silos != 1 ? "--silos applies to --engine orleans only." : null;
        }

        if (mechanism is not AdmmMechanism)
        {
            return $"--engine orleans runs the agents of the distributed mechanisms ({string.Join(", ", ClearingMechanisms.Names.Where(n => ClearingMechanisms.Get(n) is AdmmMechanism))}) as grains; --mechanism {mechanism.Name} has none.";
        }

        return silos is < 1 or > 16 ? "--silos must be between 1 and 16." : null;
    }

    /// <summary>Starts the cluster of an orleans engine, or returns null for in-process.</summary>
    public static InProcessCluster? Start(string engine, int silos) =>
        engine == "orleans" ? InProcessCluster.StartAsync(silos).GetAwaiter().GetResult() : null;
}
