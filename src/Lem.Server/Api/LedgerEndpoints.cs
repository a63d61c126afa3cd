using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lem.Server.Api;

/// <summary>The ledger's endpoints: <c>GET /v1/ledger/head</c>, the signed head. See <c>docs/ledger.md</c>.</summary>
internal static class LedgerEndpoints
{
    /// <summary>
    /// Maps the endpoints onto the <c>/v1</c> group; <paramref name="publicRead"/> answers a public read the way every
    /// other one is answered (authorisation, rate limit, the engine's lock).
    /// </summary>
    public static void Map(RouteGroupBuilder v1, ServerServices s, Func<HttpContext, Func<CommandResult>, IResult> publicRead)
    {
        ArgumentNullException.ThrowIfNull(v1);
        ArgumentNullException.ThrowIfNull(s);
        v1.MapGet("/ledger/head", (HttpContext c) => publicRead(c, () => Head(s)))
            .WithSummary("The ledger's head: {seq, hash, time, signature, public_key}, the signature Ed25519 by the server key over the canonical JSON of {hash, sequence, time, type: \"lem.ledger.head\"} (public).");
    }

    /// <summary>The signed head of the last committed ledger record.</summary>
    public static CommandResult Head(ServerServices s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new CommandResult(200, s.Ledger.SignedHead().ToJson(s.Ledger.PublicKeyBase64));
    }
}
