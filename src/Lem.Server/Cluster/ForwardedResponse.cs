namespace Lem.Server.Cluster;

/// <summary>A market grain's answer to a <see cref="ForwardedRequest"/>, sent back to the caller unchanged.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="ContentType">The <c>Content-Type</c> header, or null.</param>
/// <param name="RetryAfterSeconds">The <c>Retry-After</c> header in seconds, or null.</param>
/// <param name="Body">The response body.</param>
[GenerateSerializer]
[Alias("lem.cluster.response")]
public sealed record ForwardedResponse(
    [property: Id(0)] int Status,
    [property: Id(1)] string? ContentType,
    [property: Id(2)] int? RetryAfterSeconds,
    [property: Id(3)] byte[] Body);
