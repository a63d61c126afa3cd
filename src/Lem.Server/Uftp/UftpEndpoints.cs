using Lem.Server.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Lem.Server.Uftp;

/// <summary>
/// The UFTP endpoints (docs/uftp.md): <c>POST /uftp</c> for SignedMessage envelopes, <c>POST /uftp/outbox</c> for an
/// aggregator to collect Lem's messages, and the JSON API under <c>/v1/uftp</c> for the operator (sender keys) and the
/// DSO (flex requests, flex orders, offers).
/// </summary>
internal static class UftpEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, ServerServices services, UftpDso dso)
    {
        app.MapPost("/uftp", (Delegate)(async (HttpContext c) => Reply(await Envelope(c, body => Submit(services, dso.ReceiveCommand(body))).ConfigureAwait(false))))
            .WithSummary("A UFTP 3 SignedMessage (text/xml) from a registered aggregator; 200 with the signed response message, 4xx for transport errors (public, signed).");
        app.MapPost("/uftp/outbox", (Delegate)(async (HttpContext c) => Reply(await Envelope(c, body => Submit(services, dso.PollCommand(body))).ConfigureAwait(false))))
            .WithSummary("An aggregator's signed TestMessage; 200 with an Outbox of the signed messages Lem has for it (public, signed).");

        var v1 = app.MapGroup("/v1/uftp");
        v1.MapGet("/key", () => Results.Json(new JsonObject { ["domain"] = dso.Options.Domain, ["role"] = "DSO", ["public_key"] = dso.PublicKey }))
            .WithSummary("Lem's UFTP domain and CS1 public key as the DSO (public).");
        v1.MapPost("/senders", (Delegate)(async (HttpContext c) => await Json(c, services, Role.Operator, body => Task.FromResult(RegisterSender(body, dso))).ConfigureAwait(false)))
            .WithSummary("Register a UFTP sender's public key: {domain, role: AGR|CRO, public_key} (operator).");
        v1.MapPost("/flex-requests", (Delegate)(async (HttpContext c) => await Json(c, services, Role.Dso, body => Submit(services, FlexRequest(body, dso))).ConfigureAwait(false)))
            .WithSummary("Send a FlexRequest to an aggregator: {recipient_domain, congestion_point, period, expiration, isps: [{start, duration, min_power_w, max_power_w, disposition}]} (DSO, operator).");
        v1.MapPost("/flex-orders", (Delegate)(async (HttpContext c) => await Json(c, services, Role.Dso, body => Submit(services, FlexOrder(body))).ConfigureAwait(false)))
            .WithSummary("Order an accepted FlexOffer: {flex_offer_message_id, option_reference, activation_factor, order_reference} (DSO, operator).");
        v1.MapPost("/settlements", (Delegate)(async (HttpContext c) => await Json(c, services, Role.Dso, body => Submit(services, Settlement(body, dso))).ConfigureAwait(false)))
            .WithSummary("Send a FlexSettlement to an aggregator: {recipient_domain, period_start, period_end, penalty_eur_per_mwh, meters: [{congestion_point, period, isps: [{start, duration, power_w}]}]} (DSO, operator).");
        v1.MapGet("/settlements", (HttpContext c) => Authorized(c, services, Role.Dso) ?? Results.Json(new JsonObject
        {
            ["settlements"] = new JsonArray([.. dso.Settlements().Select(s => (JsonNode)s.View())]),
        })).WithSummary("The FlexSettlements sent, with the aggregators' responses (DSO, operator).");
        v1.MapGet("/offers", (HttpContext c) => Authorized(c, services, Role.Dso) ?? Results.Json(new JsonObject
        {
            ["offers"] = new JsonArray([.. dso.Offers().Select(OfferView)]),
        })).WithSummary("The accepted FlexOffers with their options and state (DSO, operator).");
    }

    private static IResult Reply(UftpReply reply) => Results.Text(reply.Body, reply.ContentType, Encoding.UTF8, reply.Status);

    /// <summary>Submits an envelope's command to the sequencer (the answer comes once it is stored), or returns its transport problem.</summary>
    private static async Task<UftpReply> Submit(ServerServices services, (JsonObject? Command, UftpReply? Problem) command) =>
        command.Problem ?? UftpDso.Reply(await services.Sequencer.SubmitAsync(UftpDso.CommandKind, command.Command!).ConfigureAwait(false));

    /// <summary>Submits a DSO call's command to the sequencer, or returns its 400.</summary>
    private static async Task<CommandResult> Submit(ServerServices services, (JsonObject? Command, CommandResult? Problem) command) =>
        command.Problem ?? await services.Sequencer.SubmitAsync(UftpDso.CommandKind, command.Command!).ConfigureAwait(false);

    private static async Task<UftpReply> Envelope(HttpContext c, Func<byte[], Task<UftpReply>> handle)
    {
        var request = c.Request;
        if (request.ContentLength is null)
        {
            return Problem(411, "Length required.", "Content-Length: a SignedMessage is sent with its length (UFTP transport).");
        }

        var type = request.ContentType ?? string.Empty;
        var mediaType = type.Split(';')[0].Trim();
        if (!mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase) || (type.Contains("charset", StringComparison.OrdinalIgnoreCase) && !type.Contains("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return Problem(400, "Bad content type.", $"Content-Type: '{type}' is not text/xml in UTF-8.");
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, c.RequestAborted).ConfigureAwait(false);
            return await handle(buffer.ToArray()).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            return Problem(ex.StatusCode, "Bad request.", $"body: {ex.Message}");
        }
    }

    private static UftpReply Problem(int status, string title, string detail) => new(status, "application/problem+json", Views.Problem(status, title, detail).ToJsonString());

    private static IResult? Authorized(HttpContext c, ServerServices services, Role role)
    {
        var principal = Credentials.Resolve(c.Request.Headers.Authorization.ToString(), services);
        if (principal is null || principal.Role == Role.Public)
        {
            return Endpoints.Write(new CommandResult(401, Views.Problem(401, "Unauthorized.", "Authorization: send 'Authorization: Bearer <api key>' with a valid key.")));
        }

        var allowed = principal.Role == Role.Operator || (role == Role.Dso && principal.Role == Role.Dso);
        return allowed ? null : Endpoints.Write(new CommandResult(403, Views.Problem(403, "Forbidden.", $"This needs the {RoleNames.Name(role)} role; you are {RoleNames.Name(principal.Role)}.")));
    }

    private static async Task<IResult> Json(HttpContext c, ServerServices services, Role role, Func<UftpJsonBody, Task<CommandResult>> handle)
    {
        if (Authorized(c, services, role) is { } refused)
        {
            return refused;
        }

        var (body, bad) = await RequestBody.ReadAsync(c).ConfigureAwait(false);
        if (body is null)
        {
            return Endpoints.Write(bad!);
        }

        return Endpoints.Write(await handle(new UftpJsonBody(JsonNode.Parse(body.Bytes)!.AsObject())).ConfigureAwait(false));
    }

    private static CommandResult RegisterSender(UftpJsonBody body, UftpDso dso)
    {
        var domain = body.Text("domain", UftpValueType.Domain);
        var role = body.Text("role", UftpValueType.Role);
        var keyText = body.Text("public_key", UftpValueType.Text);
        var key = keyText is null ? null : Cs1.SigningKey(keyText);
        if (keyText is not null && key is null)
        {
            body.Errors["public_key"] = "must be a CS1 key string (cs1. + base64 of 64 bytes) or the base64 of a 32-byte Ed25519 key";
        }

        if (role == "DSO")
        {
            body.Errors["role"] = "must be AGR or CRO (Lem is the DSO)";
        }

        if (body.Problem() is { } problem)
        {
            return problem;
        }

        dso.Senders.Register(new UftpParty(domain!, role!), key!);
        return new CommandResult(201, new JsonObject { ["domain"] = domain, ["role"] = role, ["public_key"] = Cs1.KeyString(key!) });
    }

    private static (JsonObject? Command, CommandResult? Problem) FlexRequest(UftpJsonBody body, UftpDso dso)
    {
        var recipient = body.Text("recipient_domain", UftpValueType.Domain);
        var congestionPoint = body.Text("congestion_point", UftpValueType.EntityAddress);
        var periodText = body.Text("period", UftpValueType.Date);
        var expirationText = body.Text("expiration", UftpValueType.DateTime);
        var isps = body.Isps("isps");
        if (body.Problem() is { } problem)
        {
            return (null, problem);
        }

        UftpValues.TryDate(periodText!, out var period);
        return dso.FlexRequestCommand(recipient!, congestionPoint!, period, DateTimeOffset.Parse(expirationText!, CultureInfo.InvariantCulture), isps!);
    }

    private static (JsonObject? Command, CommandResult? Problem) FlexOrder(UftpJsonBody body)
    {
        var offer = body.Text("flex_offer_message_id", UftpValueType.Uuid);
        var option = body.Text("option_reference", UftpValueType.Text, required: false);
        var factor = body.Number("activation_factor", required: false) ?? 1m;
        var reference = body.Text("order_reference", UftpValueType.Text);
        return body.Problem() is { } problem ? (null, problem) : (UftpDso.FlexOrderCommand(offer!, option, factor, reference!), null);
    }

    private static (JsonObject? Command, CommandResult? Problem) Settlement(UftpJsonBody body, UftpDso dso)
    {
        var recipient = body.Text("recipient_domain", UftpValueType.Domain);
        var startText = body.Text("period_start", UftpValueType.Date);
        var endText = body.Text("period_end", UftpValueType.Date, required: false) ?? startText;
        var penalty = body.Number("penalty_eur_per_mwh", required: false) ?? 0m;
        var meters = body.Meters("meters");
        if (penalty < 0)
        {
            body.Errors["penalty_eur_per_mwh"] = "must be 0 or more";
        }

        UftpValues.TryDate(startText ?? string.Empty, out var start);
        UftpValues.TryDate(endText ?? string.Empty, out var end);
        if (startText is not null && endText is not null && end < start)
        {
            body.Errors["period_end"] = "must not be before period_start";
        }

        if (meters is not null && dso.MeterProblem(meters) is { } meterProblem)
        {
            body.Errors[meterProblem.Field] = meterProblem.Problem;
        }

        return body.Problem() is { } problem ? (null, problem) : (UftpDso.SettlementCommand(recipient!, start, end, penalty, meters!), null);
    }

    private static JsonNode OfferView(UftpFlexOffer offer) => new JsonObject
    {
        ["message_id"] = offer.MessageId,
        ["sender_domain"] = offer.Sender,
        ["congestion_point"] = offer.CongestionPoint,
        ["period"] = UftpWriter.Date(offer.Period),
        ["expiration"] = UftpWriter.Time(offer.Expiration),
        ["revoked"] = offer.Revoked,
        ["order_message_id"] = offer.OrderMessageId,
        ["options"] = new JsonArray([.. offer.Options.Select(o => (JsonNode)new JsonObject
        {
            ["option_reference"] = o.Reference,
            ["price_eur"] = o.PriceEur,
            ["min_activation_factor"] = o.MinActivationFactor,
            ["isps"] = new JsonArray([.. o.Isps.Select(i => (JsonNode)new JsonObject { ["start"] = i.Start, ["duration"] = i.Duration, ["power_w"] = i.PowerW })]),
        })]),
    };
}
