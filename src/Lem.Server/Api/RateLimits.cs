using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Lem.Server.Api;

/// <summary>
/// The per-caller rate limit: one token bucket per identity. A header that authenticates counts against its operator,
/// participant or DSO however it is spelled; no header, or one that does not authenticate, counts against the client's
/// IP address whatever token it carries, so neither respacing a key nor inventing keys buys a new bucket. A refusal is
/// a 429 problem with <c>Retry-After</c> (docs/server-limits.md).
/// </summary>
internal static class RateLimits
{
    private static readonly TimeSpan ReplenishmentPeriod = TimeSpan.FromSeconds(1);

    /// <summary>Registers the global limiter with <paramref name="options"/>' burst and rate.</summary>
    public static void Add(IServiceCollection serviceCollection, ServerOptions options, ServerServices services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        serviceCollection.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c =>
                RateLimitPartition.GetTokenBucketLimiter(PartitionKey(c, services), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.RateLimitBurst,
                    TokensPerPeriod = options.RateLimitPerSecond,
                    ReplenishmentPeriod = ReplenishmentPeriod,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            r.OnRejected = async (context, token) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var seconds = RetryAfterSeconds(context.Lease);
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                response.ContentType = "application/problem+json";
                var body = Views.Problem(429, "Too many requests.",
                    $"Authorization: this caller's request rate limit is exhausted; retry after {seconds.ToString(CultureInfo.InvariantCulture)} s.");
                await response.WriteAsync(body.ToJsonString(), token).ConfigureAwait(false);
            };
        });
    }

    /// <summary>
    /// The bucket of a request: <c>operator:operator</c>, <c>participant:ID</c> or <c>dso:ID</c> for a header that
    /// authenticates (the same parsing as <see cref="Credentials.Resolve"/>), <c>ip:ADDRESS</c> for everything else.
    /// </summary>
    public static string PartitionKey(HttpContext context, ServerServices services)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = Credentials.Resolve(context.Request.Headers.Authorization.ToString(), services);
        return principal is { Role: not Role.Public }
            ? RoleNames.Name(principal.Role) + ":" + principal.Id
            : "ip:" + context.Connection.RemoteIpAddress;
    }

    /// <summary>Whole seconds until the bucket has a token again, from the refused lease (at least 1).</summary>
    private static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : (int)ReplenishmentPeriod.TotalSeconds;
}
