using Orleans.Configuration;

namespace Lem.Cluster;

/// <summary>
/// The failure-detection settings of Lem's agent silos and clients (docs/cluster.md#recovery): a killed silo is
/// declared dead after two missed 1 s probes, one vote suffices, and the silos refresh the membership table every 2 s,
/// so its agents come back on the live silos within seconds instead of Orleans' default of about a minute; calls time
/// out after 30 s (a silo gone without closing its connections).
/// </summary>
public static class ClusterTuning
{
    /// <summary>The response timeout of agent calls on silos and clients.</summary>
    public static TimeSpan ResponseTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>Applies the membership and messaging settings to a silo.</summary>
    public static ISiloBuilder ConfigureLemFailover(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        return silo;
    }

    /// <summary>Applies the messaging and gateway settings to a client.</summary>
    public static IClientBuilder ConfigureLemFailover(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        return client;
    }
}
