namespace Lem.Server.Cluster;

/// <summary>An HTTP request a cluster node forwards to a market's grain (docs/cluster-server.md).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string, as received.</param>
/// <param name="Authorization">The <c>Authorization</c> header, empty when absent.</param>
/// <param name="ContentType">The <c>Content-Type</c> header, or null.</param>
/// <param name="Body">The request body (empty when none).</param>
[GenerateSerializer]
[Alias("lem.cluster.request")]
public sealed record ForwardedRequest(
    [property: Id(0)] string Method,
    [property: Id(1)] string PathAndQuery,
    [property: Id(2)] string Authorization,
    [property: Id(3)] string? ContentType,
    [property: Id(4)] byte[] Body);
