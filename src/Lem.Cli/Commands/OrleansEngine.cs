using Lem.Cluster;

namespace Lem.Cli.Commands;

/// <summary>
/// The cluster an <c>--engine orleans</c> run clears on (docs/cluster.md#running-silos): an in-process cluster of
/// <c>--silos</c> silos, or the external cluster of <c>lem silo</c> processes named by <c>--cluster</c>.
/// </summary>
internal sealed class OrleansEngine : IAsyncDisposable
{
    private readonly IAsyncDisposable _owner;

    private OrleansEngine(IAsyncDisposable owner, IClusterClient client, bool external, Func<int> silos)
    {
        _owner = owner;
        Client = client;
        External = external;
        Silos = silos;
    }

    /// <summary>The cluster client that starts the coordinator grain.</summary>
    public IClusterClient Client { get; }

    /// <summary>Whether the silos run in other processes (the agents are then rebuilt there from the scenario file).</summary>
    public bool External { get; }

    /// <summary>The number of silos (active ones for an external cluster).</summary>
    public Func<int> Silos { get; }

    /// <summary>Starts <paramref name="silos"/> silos in this process.</summary>
    public static OrleansEngine InProcess(int silos)
    {
        var cluster = InProcessCluster.StartAsync(silos).GetAwaiter().GetResult();
        return new OrleansEngine(cluster, cluster.Client, false, () => cluster.SiloCount);
    }

    /// <summary>Connects to the cluster whose membership is in the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static OrleansEngine Join(string connectionString)
    {
        var cluster = ExternalCluster.ConnectAsync(connectionString).GetAwaiter().GetResult();
        return new OrleansEngine(cluster, cluster.Client, true, () => cluster.ActiveSilosAsync().GetAwaiter().GetResult());
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _owner.DisposeAsync();
}
