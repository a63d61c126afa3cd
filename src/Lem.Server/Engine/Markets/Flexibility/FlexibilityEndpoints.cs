using Lem.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>
/// The flexibility market's endpoints (docs/server-flexibility.md): <c>POST /v1/markets/{id}/flex/{command}</c> sends a
/// command through the sequencer (logged, in the ledger, replayed on restart); <c>GET /v1/markets/{id}/flex</c> shows
/// the caller what it may see.
/// </summary>
internal static class FlexibilityEndpoints
{
    private static readonly Dictionary<string, Role> CommandRoles = new(StringComparer.Ordinal)
    {
        [FlexibilityServerMarket.CongestionPointCommand] = Role.Dso,
        [FlexibilityServerMarket.RequestCommand] = Role.Dso,
        [FlexibilityServerMarket.OrderCommand] = Role.Dso,
        [FlexibilityServerMarket.ClearCommand] = Role.Dso,
        [FlexibilityServerMarket.OfferCommand] = Role.Participant,
        [FlexibilityServerMarket.RevokeCommand] = Role.Participant,
    };

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, ServerServices services)
    {
        app.MapPost("/v1/markets/{marketId}/flex/{command}", (HttpContext c, string marketId, string command) => Post(c, services, marketId, command))
            .WithSummary("A flexibility market command: congestion_point, request, order, clear (DSO); offer, revoke (participant as FSP).");
        app.MapGet("/v1/markets/{marketId}/flex", (HttpContext c, string marketId) => Get(c, services, marketId))
            .WithSummary("A flexibility market as the caller may see it: an FSP its own offers and orders, a DSO its own areas, the operator all.");
    }

    private static async Task<IResult> Post(HttpContext c, ServerServices services, string marketId, string command)
    {
        if (!CommandRoles.TryGetValue(command, out var role))
        {
            return Endpoints.Write(new CommandResult(404, Views.Problem(404, "Not found.", $"command: no flexibility command '{command}' (congestion_point, request, order, clear, offer, revoke).")));
        }

        var principal = Credentials.Resolve(c.Request.Headers.Authorization.ToString(), services);
        if (Refusal(principal, role) is { } refused)
        {
            return refused;
        }

        var (body, bad) = await RequestBody.ReadAsync(c).ConfigureAwait(false);
        if (body is null)
        {
            return Endpoints.Write(bad!);
        }

        var payload = JsonNode.Parse(body.Bytes)!.AsObject();
        payload["market_id"] = marketId;
        payload["command"] = command;
        payload["participant_id"] = principal!.Id;
        return Endpoints.Write(await services.Sequencer.SubmitAsync(CommandKinds.MarketCommand, payload).ConfigureAwait(false));
    }

    private static IResult Get(HttpContext c, ServerServices services, string marketId)
    {
        var principal = Credentials.Resolve(c.Request.Headers.Authorization.ToString(), services);
        if (principal is null || principal.Role == Role.Public)
        {
            return Endpoints.Write(Unauthorized());
        }

        lock (services.Engine.SyncRoot)
        {
            return Endpoints.Write(services.Engine.Market(marketId) is { } market
                ? market.View(principal)
                : new CommandResult(404, Views.Problem(404, "Not found.", $"market_id: no market '{marketId}'.")));
        }
    }

    private static IResult? Refusal(Principal? principal, Role role) =>
        principal is null || principal.Role == Role.Public ? Endpoints.Write(Unauthorized())
        : principal.Role != role ? Endpoints.Write(new CommandResult(403, Views.Problem(403, "Forbidden.", $"This needs the {RoleNames.Name(role)} role; you are {RoleNames.Name(principal.Role)}.")))
        : null;

    private static CommandResult Unauthorized() =>
        new(401, Views.Problem(401, "Unauthorized.", "Authorization: send 'Authorization: Bearer <api key>' with a valid key."));
}
