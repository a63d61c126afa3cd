using Lem.Cluster;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Lem.Cluster.Tests;

/// <summary>
/// A TestCluster with Lem's silo and client configuration: two silos as a class fixture, or, from <see cref="Create"/>,
/// any number with Lem's failure detection (a killed silo declared dead within seconds, docs/cluster.md#recovery).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly int _silos;
    private readonly bool _failover;
    private TestCluster? _cluster;

    /// <summary>Two silos with Orleans' default failure detection.</summary>
    public ClusterFixture()
        : this(2, failover: false)
    {
    }

    private ClusterFixture(int silos, bool failover)
    {
        _silos = silos;
        _failover = failover;
    }

    /// <summary>A fixture of <paramref name="silos"/> silos, with Lem's failure detection when <paramref name="failover"/>.</summary>
    public static ClusterFixture Create(int silos, bool failover) => new(silos, failover);

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder((short)_silos);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        if (_failover)
        {
            builder.AddSiloBuilderConfigurator<FailoverSiloConfigurator>();
            builder.AddClientBuilderConfigurator<FailoverClientConfigurator>();
        }

        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.ConfigureLemSilo();
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.ConfigureLemClient();
    }

    private sealed class FailoverSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.ConfigureLemFailover();
    }

    private sealed class FailoverClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(Microsoft.Extensions.Configuration.IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.ConfigureLemFailover();
    }
}
