using Lem.Cluster;
using Lem.Markets.Distributed;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem run</c>'s choice of where a distributed mechanism's agents run (docs/cluster.md#running-silos):
/// <c>--engine in-process|orleans</c> and <c>--silos N</c> (an in-process Orleans cluster of N silos on loopback), or
/// <c>--cluster CONNECTION</c> (the external cluster of <c>lem silo</c> processes with PostgreSQL membership).
/// </summary>
internal sealed class EngineOptions
{
    /// <summary>The engines by name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["in-process", "orleans"];

    /// <summary>Creates the options.</summary>
    public EngineOptions()
    {
        Engine = CommonOptions.Choice("--engine", "Where the agents of exchange, community and p2p run: in-process (objects in this process) or orleans (the coordinator and each agent a grain on an in-process Orleans cluster of --silos silos; docs/cluster.md).", "in-process", [.. Names]);
        Silos = new Option<int>("--silos") { Description = "With --engine orleans: silos of the in-process cluster (1 to 16).", DefaultValueFactory = _ => 1 };
        Cluster = new Option<string?>("--cluster") { Description = "With --engine orleans: join the cluster of `lem silo` processes whose membership is in this PostgreSQL database (connection string) instead of starting silos here; the coordinator and the agents run on the silos, which rebuild them from the scenario file; an agent lost with its silo is rebuilt on another and replayed, a lost coordinator starts the run again (docs/cluster.md#recovery)." };
    }

    /// <summary><c>--cluster</c>.</summary>
    public Option<string?> Cluster { get; }

    /// <summary><c>--engine</c>.</summary>
    public Option<string> Engine { get; }

    /// <summary><c>--silos</c>.</summary>
    public Option<int> Silos { get; }

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Engine);
        command.Options.Add(Silos);
        command.Options.Add(Cluster);
    }

    /// <summary>The usage problem of the values with a mechanism, or null.</summary>
    public static string? UsageProblem(string engine, int silos, string? cluster, IClearingMechanism mechanism)
    {
        if (engine == "in-process")
        {
            return silos != 1 ? "--silos applies to --engine orleans only." : cluster is not null ? "--cluster applies to --engine orleans only." : null;
        }

        if (cluster is not null && string.IsNullOrWhiteSpace(cluster))
        {
            return "--cluster needs a PostgreSQL connection string.";
        }

        if (cluster is not null && silos != 1)
        {
            return "--silos starts silos in this process; with --cluster the silos are the cluster's `lem silo` processes.";
        }

        if (mechanism is not AdmmMechanism)
        {
            return $"--engine orleans runs the agents of the distributed mechanisms ({string.Join(", ", ClearingMechanisms.Names.Where(n => ClearingMechanisms.Get(n) is AdmmMechanism))}) as grains; --mechanism {mechanism.Name} has none.";
        }

        return silos is < 1 or > 16 ? "--silos must be between 1 and 16." : null;
    }

    /// <summary>
    /// The usage problem of options that change the market or the agents with <c>--cluster</c>, or null: silos in other
    /// processes rebuild the market and each agent from the scenario file, tariff-aware or not and with the run's
    /// partners, but without network charges, stochastic parameters or a redispatch's trimmed orders
    /// (docs/cluster.md#running-silos).
    /// </summary>
    public static string? ExternalUsageProblem(bool networkCharge, bool parameters, bool redispatch)
    {
        var changing = new[] { (networkCharge, "--network-charge"), (parameters, "--param"), (redispatch, "--redispatch") }.Where(o => o.Item1).Select(o => o.Item2).ToList();
        return changing.Count == 0 ? null : $"with --cluster the silos rebuild the market and the agents from the scenario file (tariff-aware or not, with --partners and --grid); {string.Join(", ", changing)} would change them and is not supported there (use --silos N).";
    }

    /// <summary>Starts or joins the cluster of an orleans engine, or returns null for in-process.</summary>
    public static OrleansEngine? Start(string engine, int silos, string? cluster) =>
        engine != "orleans" ? null : cluster is null ? OrleansEngine.InProcess(silos) : OrleansEngine.Join(cluster);
}
