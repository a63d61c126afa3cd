namespace Lem.Server.Cluster;

/// <summary>
/// One market of a cluster (key <c>m:</c> and the market id), or the participants' registry (key
/// <see cref="ClusterNames.RegistryKey"/>): a market server with its own sequencer, store schema and signed ledger,
/// active on one node at a time (docs/cluster-server.md).
/// </summary>
[Alias("lem.cluster.IMarketServerGrain")]
public interface IMarketServerGrain : IGrainWithStringKey
{
    /// <summary>Executes an HTTP request against this market's API; answers once the market's store has committed it.</summary>
    [Alias("handle")]
    Task<ForwardedResponse> Handle(ForwardedRequest request);

    /// <summary>The registered participant with this API key digest (registry only), or null.</summary>
    [Alias("find")]
    Task<ClusterParticipant?> FindParticipant(string apiKeySha256Hex);
}
