using System.Xml;
using System.Xml.Linq;

namespace Lem.Server.Uftp;

/// <summary>
/// Lem as the DSO of UFTP 3 (docs/uftp.md): opens and checks incoming SignedMessage envelopes (CS1 signatures by the
/// registered sender keys, the schema's structure), applies the specification's rules to D-Prognosis, FlexOffer,
/// FlexOfferRevocation and the aggregators' responses, answers with the matching response message, and sends
/// FlexRequest, FlexOrder and FlexSettlement messages for the DSO into each aggregator's outbox.
/// <para>
/// Durability (docs/uftp.md, "Durability"): everything that changes the conversations is a command of kind
/// <see cref="CommandKind"/> in the server's command log and ledger. The endpoints check what needs no state (envelope,
/// signature, schema, field formats), then submit the command to the sequencer; <see cref="Apply"/> runs it under the
/// engine's lock and the answer leaves only after the command is stored. On start the replay runs the same commands
/// again: message ids and times come from the payload, so the state, the outbox and every message are rebuilt exactly.
/// </para>
/// </summary>
internal sealed class UftpDso
{
    /// <summary>The command kind of the UFTP commands in the command log.</summary>
    public const string CommandKind = "uftp";

    private static readonly XmlReaderSettings ReaderSettings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 10_000_000 };

    private readonly object _lock;
    private readonly UftpOptions _options;
    private readonly UftpWriter _writer;
    private readonly HashSet<(string Sender, string MessageId)> _seen = [];
    private readonly Dictionary<string, UftpPrognosis> _prognoses = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Sender, string CongestionPoint, DateOnly Period), UftpPrognosis> _latestPrognosis = [];
    private readonly Dictionary<string, UftpFlexRequest> _requests = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UftpFlexOffer> _offers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UftpFlexOrder> _orders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UftpSettlement> _settlements = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string>> _outbox = new(StringComparer.Ordinal);
    private DateTimeOffset _now;

    /// <summary>
    /// Creates the DSO with its settings, its signing key (the server's key), the data folder that keeps the sender keys
    /// (null: not kept) and the lock it shares with the engine (so that reads see only stored commands).
    /// </summary>
    /// <exception cref="ArgumentException">When a sender of <see cref="UftpOptions.Senders"/> is not <c>domain role key</c>.</exception>
    public UftpDso(UftpOptions options, Ed25519KeyPair key, string? dataDirectory, object syncRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(syncRoot);
        _options = options;
        _lock = syncRoot;
        _writer = new UftpWriter(options, key);
        PublicKey = Cs1.KeyString(key.PublicKey);
        Senders = new UftpSenderKeys(dataDirectory);
        foreach (var line in options.Senders)
        {
            var (party, signingKey) = UftpSenderKeys.Parse(line)
                ?? throw new ArgumentException($"UFTP sender '{line}': expected 'domain role key' with role AGR or CRO and a CS1 or 32-byte base64 Ed25519 key.", nameof(options));
            Senders.Register(party, signingKey);
        }
    }

    /// <summary>The registered sender keys.</summary>
    public UftpSenderKeys Senders { get; }

    /// <summary>Lem's CS1 public key string as the DSO.</summary>
    public string PublicKey { get; }

    /// <summary>The settings.</summary>
    public UftpOptions Options => _options;

    /// <summary>
    /// The command for the body of a POST /uftp: the envelope's sender and signed body with the id of Lem's response,
    /// or the transport error (4xx) when the envelope, its signature or the message's structure is bad.
    /// </summary>
    public (JsonObject? Command, UftpReply? Problem) ReceiveCommand(byte[] body) => Command("receive", body, requireTest: false);

    /// <summary>
    /// The command for the body of a POST /uftp/outbox (docs/uftp.md, "Outbox"): a signed TestMessage proves the caller
    /// is the sender; applied, it answers with an <c>Outbox</c> element holding the signed TestMessageResponse and, when
    /// it is accepted, every message waiting for the sender's domain (removed from the outbox).
    /// </summary>
    public (JsonObject? Command, UftpReply? Problem) PollCommand(byte[] body) => Command("poll", body, requireTest: true);

    /// <summary>The reply to an envelope once its command ran: 200 with the XML, or the sequencer's problem (503).</summary>
    public static UftpReply Reply(CommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == 200 && result.Body["xml"] is JsonValue xml
            ? new UftpReply(200, "text/xml", xml.GetValue<string>())
            : new UftpReply(result.Status, "application/problem+json", result.Body.ToJsonString());
    }

    /// <summary>
    /// Runs one UFTP command (under the engine's lock, live or in the replay) at its time: <c>receive</c> and
    /// <c>poll</c> answer 200 with <c>xml</c>; <c>flex_request</c>, <c>flex_order</c> and <c>flex_settlement</c> answer
    /// 201, or 4xx when the state refuses them (then nothing is stored).
    /// </summary>
    public CommandResult Apply(JsonObject command, Instant time)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_lock)
        {
            _now = time.ToDateTimeOffset();
            try
            {
                return Str(command, "op") switch
                {
                    "receive" => ApplyReceive(command),
                    "poll" => ApplyPoll(command),
                    "flex_request" => ApplyFlexRequest(command),
                    "flex_order" => ApplyFlexOrder(command),
                    "flex_settlement" => ApplySettlement(command),
                    var op => throw new InvalidDataException($"Unknown UFTP command '{op}'."),
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException or XmlException)
            {
                // A value the checks before the command let through and the rules cannot read: refused and not stored,
                // so the sequencer (which an exception would stop) keeps serving; never a 5xx (docs/uftp.md).
                return new CommandResult(400, Views.Problem(400, "The UFTP command could not be processed.", $"{ex.GetType().Name}: {ex.Message}"));
            }
        }
    }

    private (JsonObject? Command, UftpReply? Problem) Command(string op, byte[] body, bool requireTest)
    {
        var (message, sender, sealedBody, problem) = Open(body);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (requireTest && message!.Name.LocalName != "TestMessage")
        {
            return (null, Transport(400, "Not a TestMessage.", [$"{message.Name}: the outbox is polled with a signed TestMessage."]));
        }

        return (new JsonObject
        {
            ["op"] = op,
            ["sender_domain"] = sender.Domain,
            ["sender_role"] = sender.Role,
            ["body"] = sealedBody,
            ["response_message_id"] = Guid.NewGuid().ToString(),
        }, null);
    }

    private CommandResult ApplyReceive(JsonObject command)
    {
        var (message, sender) = Stored(command);
        var response = Handle(message, sender, Str(command, "response_message_id"));
        return Xml(response is null ? string.Empty : _writer.Seal(response));
    }

    private CommandResult ApplyPoll(JsonObject command)
    {
        var (message, sender) = Stored(command);
        var response = Handle(message, sender, Str(command, "response_message_id"))!;
        var outbox = new XElement("Outbox", XElement.Parse(_writer.Seal(response)));
        if ((string)response.Attribute("Result")! == "Accepted" && _outbox.TryGetValue(sender.Domain, out var queue))
        {
            while (queue.TryDequeue(out var waiting))
            {
                outbox.Add(XElement.Parse(waiting));
            }
        }

        return Xml(outbox.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>The message and sender of a stored receive or poll command (its signature was checked when it arrived).</summary>
    private static (XElement Message, UftpParty Sender) Stored(JsonObject command)
    {
        var sealedBody = Convert.FromBase64String(Str(command, "body"));
        using var stream = new MemoryStream(sealedBody, Ed25519.SignatureSizeBytes, sealedBody.Length - Ed25519.SignatureSizeBytes);
        using var reader = XmlReader.Create(stream, ReaderSettings);
        return (XDocument.Load(reader).Root!, new UftpParty(Str(command, "sender_domain"), Str(command, "sender_role")));
    }

    private static CommandResult Xml(string xml) => new(200, new JsonObject { ["xml"] = xml });

    private static string Str(JsonObject o, string name) => o[name]!.GetValue<string>();

    /// <summary>Opens an envelope: the inner message (schema-valid), its sender and the signed body (base64), or the transport error.</summary>
    private (XElement? Message, UftpParty Sender, string? SealedBody, UftpReply? Problem) Open(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var envelope = Parse(body, "SignedMessage");
        if (envelope.Problem is not null)
        {
            return (null, default, null, envelope.Problem);
        }

        var problems = UftpSchema.Validate(envelope.Element!, UftpSchema.SignedMessage);
        if (problems.Count > 0)
        {
            return (null, default, null, Transport(400, "Not a valid SignedMessage.", problems));
        }

        var sender = new UftpParty((string)envelope.Element!.Attribute("SenderDomain")!, (string)envelope.Element.Attribute("SenderRole")!);
        if (Senders.Find(sender) is not { } key)
        {
            return (null, sender, null, Transport(419, "Unknown sender key.", [$"SignedMessage: no public key is registered for {sender.Domain} as {sender.Role} (the operator registers keys with POST /v1/uftp/senders)."]));
        }

        var sealedBody = (string)envelope.Element.Attribute("Body")!;
        if (Cs1.Open(key, Convert.FromBase64String(sealedBody)) is not { } inner)
        {
            return (null, sender, null, Transport(401, "Invalid signature.", ["SignedMessage/@Body: the CS1 signature does not verify under the sender's registered key."]));
        }

        var message = Parse(inner, "message");
        if (message.Problem is not null)
        {
            return (null, sender, null, message.Problem);
        }

        var rule = UftpSchema.Message(message.Element!.Name.LocalName);
        if (rule is null)
        {
            return (null, sender, null, Transport(400, "Not a message for a DSO.", [$"{message.Element.Name}: a DSO receives only {string.Join(", ", UftpSchema.MessageNames)}."]));
        }

        problems = UftpSchema.Validate(message.Element, rule);
        return problems.Count > 0 ? (null, sender, null, Transport(400, "The message does not follow the UFTP schema.", problems)) : (message.Element, sender, sealedBody, null);
    }

    /// <summary>
    /// The command that sends a FlexRequest to an aggregator (into its outbox): the power band per ISP (MinPower to
    /// MaxPower, watts, positive = consumption), Requested or Available; or 400 naming the problems.
    /// </summary>
    public (JsonObject? Command, CommandResult? Problem) FlexRequestCommand(string recipient, string congestionPoint, DateOnly period, DateTimeOffset expiration, IReadOnlyList<UftpIsp> isps)
    {
        ArgumentNullException.ThrowIfNull(isps);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!UftpValues.IsValid(UftpValueType.Domain, recipient))
        {
            errors["recipient_domain"] = "must be an Internet domain, e.g. agr.example.com";
        }

        if (!UftpValues.IsValid(UftpValueType.EntityAddress, congestionPoint))
        {
            errors["congestion_point"] = "must be an entity address (ea1.… or ean.…)";
        }

        if (IspProblem(isps, period, requireAll: false) is { } ispProblem)
        {
            errors["isps"] = ispProblem;
        }
        else if (!isps.Any(i => i.Requested))
        {
            errors["isps"] = "at least one ISP must have the disposition requested";
        }
        else if (isps.FirstOrDefault(i => i.MaxPowerW < i.PowerW) is { } band)
        {
            errors["isps"] = $"ISP {band.Start}: min_power_w is above max_power_w";
        }

        if (errors.Count > 0)
        {
            return (null, new CommandResult(400, Views.Problem(400, "One or more fields are invalid.", string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")), errors)));
        }

        return (new JsonObject
        {
            ["op"] = "flex_request",
            ["message_id"] = Guid.NewGuid().ToString(),
            ["recipient_domain"] = recipient,
            ["congestion_point"] = congestionPoint,
            ["period"] = UftpWriter.Date(period),
            ["expiration"] = UftpWriter.Time(expiration),
            ["isps"] = new JsonArray([.. isps.Select(i => (JsonNode)new JsonObject
            {
                ["start"] = i.Start, ["duration"] = i.Duration, ["min_power_w"] = i.PowerW, ["max_power_w"] = i.MaxPowerW ?? i.PowerW, ["requested"] = i.Requested,
            })]),
        }, null);
    }

    private CommandResult ApplyFlexRequest(JsonObject command)
    {
        var recipient = Str(command, "recipient_domain");
        var congestionPoint = Str(command, "congestion_point");
        UftpValues.TryDate(Str(command, "period"), out var period);
        var expiration = DateTimeOffset.Parse(Str(command, "expiration"), CultureInfo.InvariantCulture);
        var isps = command["isps"]!.AsArray().Select(i => new UftpIsp(
            i!["start"]!.GetValue<long>(), i["duration"]!.GetValue<long>(), i["min_power_w"]!.GetValue<long>(), i["max_power_w"]!.GetValue<long>(), i["requested"]!.GetValue<bool>())).ToList();
        var id = Str(command, "message_id");
        var revision = _requests.Values.Count(r => r.Recipient == recipient && r.CongestionPoint == congestionPoint && r.Period == period) + 1;
        var message = _writer.FlexMessage("FlexRequest", recipient, id, id, _now, period, congestionPoint);
        message.Add(new XAttribute("Revision", revision), new XAttribute("ExpirationDateTime", UftpWriter.Time(expiration)));
        foreach (var isp in isps)
        {
            message.Add(UftpWriter.Isp(isp.Start, isp.Duration, ("Disposition", isp.Requested ? "Requested" : "Available"), ("MinPower", isp.PowerW), ("MaxPower", isp.MaxPowerW ?? isp.PowerW)));
        }

        _requests[id] = new UftpFlexRequest(id, id, recipient, congestionPoint, period, expiration, isps);
        Enqueue(recipient, message);
        return new CommandResult(201, new JsonObject { ["message_id"] = id, ["revision"] = revision });
    }

    /// <summary>
    /// The command that orders an option of an accepted FlexOffer at an activation factor (docs/uftp.md, "FlexOrder").
    /// Applied: 201 with the FlexOrder's message id, 404 for an unknown offer or option, 409 for a revoked, expired or
    /// already ordered offer, 400 for an activation factor outside [MinActivationFactor, 1] or with more than two decimals.
    /// </summary>
    public static JsonObject FlexOrderCommand(string offerMessageId, string? optionReference, decimal activationFactor, string orderReference) => new()
    {
        ["op"] = "flex_order",
        ["message_id"] = Guid.NewGuid().ToString(),
        ["flex_offer_message_id"] = offerMessageId,
        ["option_reference"] = optionReference,
        ["activation_factor"] = activationFactor.ToString(CultureInfo.InvariantCulture),
        ["order_reference"] = orderReference,
    };

    private CommandResult ApplyFlexOrder(JsonObject command)
    {
        var offerMessageId = Str(command, "flex_offer_message_id");
        var optionReference = (string?)command["option_reference"];
        var factorText = Str(command, "activation_factor");
        var activationFactor = decimal.Parse(factorText, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!_offers.TryGetValue(offerMessageId, out var offer))
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"flex_offer_message_id: no accepted FlexOffer '{offerMessageId}'."));
        }

        var option = optionReference is null && offer.Options.Count == 1 ? offer.Options[0] : offer.Options.FirstOrDefault(o => o.Reference == optionReference);
        if (option is null)
        {
            return new CommandResult(404, Views.Problem(404, "Not found.", $"option_reference: the offer has no option '{optionReference}'."));
        }

        var conflict = offer.Revoked ? "the offer was revoked"
            : offer.OrderMessageId is not null ? "the offer was ordered already"
            : offer.Expiration <= _now ? "the offer has expired"
            : null;
        if (conflict is not null)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"flex_offer_message_id: {conflict}."));
        }

        if (!UftpValues.TryDecimal(factorText, 2, out _) || activationFactor < option.MinActivationFactor || activationFactor > 1m)
        {
            return Views.Invalid("activation_factor", $"must be from the option's minimum activation factor {UftpWriter.Amount(option.MinActivationFactor)} to 1.00, with at most two decimals");
        }

        var orderReference = Str(command, "order_reference");
        var price = decimal.Round(option.PriceEur * activationFactor, 4, MidpointRounding.AwayFromZero);
        var id = Str(command, "message_id");
        var message = _writer.FlexMessage("FlexOrder", offer.Sender, offer.ConversationId, id, _now, offer.Period, offer.CongestionPoint);
        message.Add(
            new XAttribute("FlexOfferMessageID", offer.MessageId),
            new XAttribute("Price", UftpWriter.Amount(price)),
            new XAttribute("Currency", _options.Currency),
            new XAttribute("OrderReference", orderReference),
            new XAttribute("OptionReference", option.Reference),
            new XAttribute("ActivationFactor", activationFactor.ToString("0.00", CultureInfo.InvariantCulture)));
        if (offer.PrognosisMessageId is not null)
        {
            message.Add(new XAttribute("D-PrognosisMessageID", offer.PrognosisMessageId));
        }

        foreach (var isp in option.Isps)
        {
            message.Add(UftpWriter.Isp(isp.Start, isp.Duration, ("Power", isp.PowerW)));
        }

        var baseline = _latestPrognosis.GetValueOrDefault((offer.Sender, offer.CongestionPoint, offer.Period));
        _orders[id] = new UftpFlexOrder(id, offer, option, activationFactor, orderReference, price, baseline);
        offer.OrderMessageId = id;
        Enqueue(offer.Sender, message);
        return new CommandResult(201, new JsonObject { ["message_id"] = id, ["price_eur"] = price });
    }

    /// <summary>The accepted offers (the DSO's view), oldest first.</summary>
    public IReadOnlyList<UftpFlexOffer> Offers()
    {
        lock (_lock)
        {
            return [.. _offers.Values];
        }
    }

    /// <summary>The FlexSettlements sent, oldest first, with the aggregators' answers.</summary>
    public IReadOnlyList<UftpSettlement> Settlements()
    {
        lock (_lock)
        {
            return [.. _settlements.Values];
        }
    }

    private static UftpReply Transport(int status, string title, IReadOnlyList<string> problems) =>
        new(status, "application/problem+json", Views.Problem(status, title, string.Join("; ", problems)).ToJsonString());

    private static (XElement? Element, UftpReply? Problem) Parse(byte[] bytes, string what)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            using var reader = XmlReader.Create(stream, ReaderSettings);
            return (XDocument.Load(reader).Root, null);
        }
        catch (XmlException ex)
        {
            return (null, Transport(400, "Not well-formed XML.", [$"{what}: {ex.Message}"]));
        }
    }

    private void Enqueue(string recipient, XElement message)
    {
        if (!_outbox.TryGetValue(recipient, out var queue))
        {
            _outbox[recipient] = queue = new Queue<string>();
        }

        queue.Enqueue(_writer.Seal(message));
    }

    private XElement? Handle(XElement message, UftpParty sender, string responseMessageId)
    {
        var name = message.Name.LocalName;
        var isResponse = name.EndsWith("Response", StringComparison.Ordinal);
        var reason = CommonProblem(message, sender);
        if (reason is null)
        {
            _seen.Add((sender.Domain, ((string)message.Attribute("MessageID")!).ToUpperInvariant()));
            reason = name switch
            {
                "D-Prognosis" => Prognosis(message, sender),
                "FlexOffer" => Offer(message, sender),
                "FlexOfferRevocation" => Revocation(message, sender),
                "FlexRequestResponse" => RecordResponse(message, sender, _requests, (r, result) => r.Result = result, r => r.Recipient),
                "FlexOrderResponse" => RecordResponse(message, sender, _orders, (o, result) => o.Result = result, o => o.Offer.Sender),
                "FlexSettlementResponse" => RecordResponse(message, sender, _settlements, (s, _) => s.Record(message), s => s.Recipient),
                _ => null,
            };
        }

        // A response message gets no response (the specification), whatever Lem made of it.
        if (isResponse)
        {
            return null;
        }

        var response = _writer.Response(message, reason, responseMessageId, _now);
        if (name == "D-Prognosis" && reason is null)
        {
            AddOrderStatuses(response, _prognoses[(string)message.Attribute("MessageID")!]);
        }

        return response;
    }

    /// <summary>
    /// The command that settles an aggregator's accepted FlexOrders of the periods <paramref name="periodStart"/> to
    /// <paramref name="periodEnd"/> (docs/uftp.md, "Settle phase") against the metered power per congestion point and
    /// ISP (watts, positive = consumption), with a single-sided penalty of <paramref name="penaltyEurPerMwh"/> on the
    /// flex power ordered but not delivered.
    /// </summary>
    public static JsonObject SettlementCommand(string recipient, DateOnly periodStart, DateOnly periodEnd, decimal penaltyEurPerMwh, IReadOnlyList<UftpMeterReading> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        return new JsonObject
        {
            ["op"] = "flex_settlement",
            ["message_id"] = Guid.NewGuid().ToString(),
            ["recipient_domain"] = recipient,
            ["period_start"] = UftpWriter.Date(periodStart),
            ["period_end"] = UftpWriter.Date(periodEnd),
            ["penalty_eur_per_mwh"] = penaltyEurPerMwh.ToString(CultureInfo.InvariantCulture),
            ["meters"] = new JsonArray([.. meters.Select(m => (JsonNode)new JsonObject
            {
                ["congestion_point"] = m.CongestionPoint,
                ["period"] = UftpWriter.Date(m.Period),
                ["isps"] = new JsonArray([.. m.Isps.Select(i => (JsonNode)new JsonObject { ["start"] = i.Start, ["duration"] = i.Duration, ["power_w"] = i.PowerW })]),
            })]),
        };
    }

    /// <summary>The first problem of the meter readings of a settlement (an ISP outside its period, an ISP given twice), with its field path; null when there is none.</summary>
    public (string Field, string Problem)? MeterProblem(IReadOnlyList<UftpMeterReading> meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        for (var m = 0; m < meters.Count; m++)
        {
            var earlier = meters.Take(m).FirstOrDefault(r => r.CongestionPoint == meters[m].CongestionPoint && r.Period == meters[m].Period);
            var isps = earlier is null ? meters[m].Isps : [.. earlier.Isps, .. meters[m].Isps];
            if (IspProblem(isps, meters[m].Period, requireAll: false) is { } problem)
            {
                return ($"meters[{m}].isps", problem);
            }
        }

        return null;
    }

    private CommandResult ApplySettlement(JsonObject command)
    {
        var recipient = Str(command, "recipient_domain");
        UftpValues.TryDate(Str(command, "period_start"), out var periodStart);
        UftpValues.TryDate(Str(command, "period_end"), out var periodEnd);
        var penalty = decimal.Parse(Str(command, "penalty_eur_per_mwh"), NumberStyles.Float, CultureInfo.InvariantCulture);
        var metered = new Dictionary<(string CongestionPoint, DateOnly Period, long Isp), long>();
        foreach (var reading in command["meters"]!.AsArray())
        {
            UftpValues.TryDate(reading!["period"]!.GetValue<string>(), out var day);
            foreach (var isp in reading["isps"]!.AsArray())
            {
                var start = isp!["start"]!.GetValue<long>();
                foreach (var i in Range(start, start + isp["duration"]!.GetValue<long>() - 1))
                {
                    metered[(reading["congestion_point"]!.GetValue<string>(), day, i)] = isp["power_w"]!.GetValue<long>();
                }
            }
        }

        if (_settlements.Values.FirstOrDefault(s => s.Recipient == recipient && s.Result != "Rejected" && s.PeriodStart <= periodEnd && periodStart <= s.PeriodEnd) is { } earlier)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"period_start: the FlexSettlement {earlier.MessageId} for {recipient} covers {UftpWriter.Date(earlier.PeriodStart)} to {UftpWriter.Date(earlier.PeriodEnd)} already and was not rejected."));
        }

        var orders = _orders.Values.Where(o => o.Offer.Sender == recipient && o.Result == "Accepted" && o.Offer.Period >= periodStart && o.Offer.Period <= periodEnd).ToList();
        if (orders.Count == 0)
        {
            return new CommandResult(409, Views.Problem(409, "Conflict.", $"recipient_domain: {recipient} has no accepted FlexOrder from {UftpWriter.Date(periodStart)} to {UftpWriter.Date(periodEnd)} to settle."));
        }

        var baselines = new List<(UftpFlexOrder Order, UftpPrognosis Baseline)>();
        foreach (var order in orders)
        {
            var baseline = order.Offer.PrognosisMessageId is { } prognosisId ? _prognoses.GetValueOrDefault(prognosisId) : order.Baseline;
            if (baseline is null)
            {
                return new CommandResult(409, Views.Problem(409, "Conflict.", $"recipient_domain: the FlexOrder {order.OrderReference} has no D-Prognosis of {recipient} to serve as its baseline."));
            }

            baselines.Add((order, baseline));
        }

        var (lines, problem) = UftpSettlementCalculator.Settle(baselines, metered, _options.IspMinutes, IspCount, (double)penalty);
        if (problem is not null)
        {
            return Views.Invalid(problem.Value.Field, problem.Value.Problem);
        }

        var id = Str(command, "message_id");
        var settlement = new UftpSettlement(id, recipient, periodStart, periodEnd, penalty, lines!);
        var message = _writer.Message("FlexSettlement", recipient, id, id, _now);
        message.Add(new XAttribute("PeriodStart", UftpWriter.Date(periodStart)), new XAttribute("PeriodEnd", UftpWriter.Date(periodEnd)), new XAttribute("Currency", _options.Currency));
        message.Add(lines!.Select(UftpSettlementCalculator.Element));
        message.Add(UftpSettlementCalculator.ContractSettlement(lines!));
        _settlements[id] = settlement;
        Enqueue(recipient, message);
        return new CommandResult(201, settlement.View());
    }

    private string? CommonProblem(XElement message, UftpParty sender)
    {
        var senderDomain = (string)message.Attribute("SenderDomain")!;
        if (senderDomain != sender.Domain)
        {
            return $"SenderDomain {senderDomain} does not match the SignedMessage's {sender.Domain}";
        }

        if (message.Name.LocalName != "TestMessage" && sender.Role != "AGR")
        {
            return $"{message.Name.LocalName} is a message from an AGR, not from a {sender.Role}";
        }

        var version = (string)message.Attribute("Version")!;
        if (!version.StartsWith("3.", StringComparison.Ordinal))
        {
            return $"Unsupported Version {version}: Lem speaks UFTP 3";
        }

        if ((string)message.Attribute("RecipientDomain")! != _options.Domain)
        {
            return $"RecipientDomain {(string)message.Attribute("RecipientDomain")!} is not this DSO ({_options.Domain})";
        }

        if (_seen.Contains((sender.Domain, ((string)message.Attribute("MessageID")!).ToUpperInvariant())))
        {
            return $"Duplicate MessageID {(string)message.Attribute("MessageID")!}";
        }

        if (message.Attribute("ISP-Duration") is { } ispDuration)
        {
            UftpValues.TryDuration(ispDuration.Value, out var length);
            if (length != TimeSpan.FromMinutes(_options.IspMinutes))
            {
                return $"ISP-Duration {ispDuration.Value} is not the market's {XmlConvert.ToString(TimeSpan.FromMinutes(_options.IspMinutes))}";
            }

            if ((string)message.Attribute("TimeZone")! != _options.TimeZone)
            {
                return $"TimeZone {(string)message.Attribute("TimeZone")!} is not the market's {_options.TimeZone}";
            }
        }

        return null;
    }

    private string? Prognosis(XElement message, UftpParty sender)
    {
        var (congestionPoint, period) = FlexContext(message);
        var isps = Isps(message);
        if (IspProblem(isps, period, requireAll: true) is { } problem)
        {
            return problem;
        }

        var revision = long.Parse((string)message.Attribute("Revision")!, CultureInfo.InvariantCulture);
        var key = (sender.Domain, congestionPoint, period);
        if (_latestPrognosis.TryGetValue(key, out var previous) && revision <= previous.Revision)
        {
            return $"Revision {revision} is not higher than the accepted revision {previous.Revision} for this congestion point and period";
        }

        var prognosis = new UftpPrognosis((string)message.Attribute("MessageID")!, sender.Domain, congestionPoint, period, revision, isps);
        _prognoses[prognosis.MessageId] = prognosis;
        _latestPrognosis[key] = prognosis;
        return null;
    }

    private void AddOrderStatuses(XElement response, UftpPrognosis prognosis)
    {
        foreach (var order in _orders.Values.Where(o => o.Offer.Sender == prognosis.Sender && o.Offer.CongestionPoint == prognosis.CongestionPoint && o.Offer.Period == prognosis.Period))
        {
            response.Add(new XElement("FlexOrderStatus", new XAttribute("FlexOrderMessageID", order.MessageId), new XAttribute("IsValidated", IsValidated(order, prognosis) ? "true" : "false")));
        }
    }

    /// <summary>
    /// Whether a new prognosis incorporates an order: in every ordered ISP its power equals the baseline prognosis's
    /// power plus the ordered power (docs/uftp.md, "FlexOrderStatus").
    /// </summary>
    private static bool IsValidated(UftpFlexOrder order, UftpPrognosis prognosis)
    {
        if (order.Baseline is not { } baseline || baseline.MessageId == prognosis.MessageId)
        {
            return false;
        }

        foreach (var isp in order.Option.Isps)
        {
            for (var i = isp.Start; i <= isp.End; i++)
            {
                if (prognosis.PowerAt(i) != baseline.PowerAt(i) + order.OrderedPowerW(isp))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private string? Offer(XElement message, UftpParty sender)
    {
        var (congestionPoint, period) = FlexContext(message);
        if ((string)message.Attribute("Currency")! != _options.Currency)
        {
            return $"Currency {(string)message.Attribute("Currency")!} is not the market's {_options.Currency}";
        }

        var expiration = DateTimeOffset.Parse((string)message.Attribute("ExpirationDateTime")!, CultureInfo.InvariantCulture);
        if (expiration <= _now)
        {
            return $"ExpirationDateTime {(string)message.Attribute("ExpirationDateTime")!} has passed";
        }

        UftpFlexRequest? request = null;
        if (message.Attribute("FlexRequestMessageID") is { } requestId)
        {
            request = _requests.GetValueOrDefault(requestId.Value);
            if (request is null || request.Recipient != sender.Domain)
            {
                return $"FlexRequestMessageID {requestId.Value} refers to no FlexRequest sent to {sender.Domain}";
            }

            if (request.CongestionPoint != congestionPoint || request.Period != period)
            {
                return $"The FlexRequest {requestId.Value} is for {request.CongestionPoint} on {UftpWriter.Date(request.Period)}, not for this CongestionPoint and Period";
            }

            if (request.Expiration <= _now)
            {
                return $"The FlexRequest {requestId.Value} has expired";
            }
        }
        else if (!XmlConvert.ToBoolean((string?)message.Attribute("Unsolicited") ?? "false"))
        {
            return "A FlexOffer without FlexRequestMessageID must be Unsolicited";
        }

        string? prognosisId = null;
        if (message.Attribute("D-PrognosisMessageID") is { } prognosisAttribute)
        {
            prognosisId = prognosisAttribute.Value;
            if (!_prognoses.TryGetValue(prognosisId, out var prognosis) || prognosis.Sender != sender.Domain || prognosis.CongestionPoint != congestionPoint || prognosis.Period != period)
            {
                return $"D-PrognosisMessageID {prognosisId} refers to no accepted D-Prognosis of {sender.Domain} for this CongestionPoint and Period";
            }
        }

        var options = new List<UftpOfferOption>();
        foreach (var (element, index) in message.Elements("OfferOption").Select((e, i) => (e, i + 1)))
        {
            var reference = (string)element.Attribute("OptionReference")!;
            if (options.Any(o => o.Reference == reference))
            {
                return $"OfferOption[{index}]: OptionReference {reference} is used twice";
            }

            var isps = Isps(element);
            if (IspProblem(isps, period, requireAll: false) is { } problem)
            {
                return $"OfferOption[{index}]: {problem}";
            }

            if (request?.Isps.Where(r => r.Requested).SelectMany(r => Range(r.Start, r.End)).FirstOrDefault(i => !isps.Any(o => o.Start <= i && i <= o.End)) is { } uncovered and > 0)
            {
                return $"OfferOption[{index}]: ISP {uncovered} is Requested in the FlexRequest but has no offered power";
            }

            UftpValues.TryDecimal((string)element.Attribute("Price")!, 4, out var price);
            var minFactor = 1m;
            if (element.Attribute("MinActivationFactor") is { } factor)
            {
                UftpValues.TryDecimal(factor.Value, 2, out minFactor);
            }

            options.Add(new UftpOfferOption(reference, price, minFactor, isps));
        }

        var id = (string)message.Attribute("MessageID")!;
        _offers[id] = new UftpFlexOffer(id, (string)message.Attribute("ConversationID")!, sender.Domain, congestionPoint, period, expiration, prognosisId, options);
        return null;
    }

    private string? Revocation(XElement message, UftpParty sender)
    {
        var offerId = (string)message.Attribute("FlexOfferMessageID")!;
        if (!_offers.TryGetValue(offerId, out var offer) || offer.Sender != sender.Domain)
        {
            return $"FlexOfferMessageID {offerId} refers to no accepted FlexOffer of {sender.Domain}";
        }

        if (offer.OrderMessageId is not null)
        {
            return $"The FlexOffer {offerId} has been ordered already";
        }

        if (offer.Revoked)
        {
            return $"The FlexOffer {offerId} has been revoked already";
        }

        offer.Revoked = true;
        return null;
    }

    private static string? RecordResponse<T>(XElement message, UftpParty sender, Dictionary<string, T> sent, Action<T, string> record, Func<T, string> recipient)
    {
        var reference = (string)message.Attribute("ReferenceMessageID")!;
        if (!sent.TryGetValue(reference, out var original) || recipient(original) != sender.Domain)
        {
            return $"ReferenceMessageID {reference} refers to no message sent to {sender.Domain}";
        }

        record(original, (string)message.Attribute("Result")!);
        return null;
    }

    private static (string CongestionPoint, DateOnly Period) FlexContext(XElement message)
    {
        UftpValues.TryDate((string)message.Attribute("Period")!, out var period);
        return ((string)message.Attribute("CongestionPoint")!, period);
    }

    private static List<UftpIsp> Isps(XElement parent) => [.. parent.Elements("ISP").Select(e =>
    {
        UftpValues.TryInteger((string)e.Attribute("Start")!, out var start);
        UftpValues.TryInteger((string?)e.Attribute("Duration") ?? "1", out var duration);
        UftpValues.TryInteger((string)e.Attribute("Power")!, out var power);
        return new UftpIsp(start, duration, power);
    })];

    private static IEnumerable<long> Range(long from, long to)
    {
        for (var i = from; i <= to; i++)
        {
            yield return i;
        }
    }

    /// <summary>
    /// The first problem of an ISP list for a period (docs/uftp.md, "ISP rules"): every ISP inside the period (1 to the
    /// day's ISP count in the market's time zone), no ISP addressed twice, and, with <paramref name="requireAll"/> (a
    /// D-Prognosis), no gap from the first ISP given to the end of the day.
    /// </summary>
    private string? IspProblem(IReadOnlyList<UftpIsp> isps, DateOnly period, bool requireAll)
    {
        var count = IspCount(period);
        var covered = new SortedSet<long>();
        foreach (var isp in isps)
        {
            if (isp.Start < 1 || isp.Duration < 1 || isp.End > count)
            {
                return $"ISP Start {isp.Start} Duration {isp.Duration} is outside the period's ISPs 1 to {count}";
            }

            foreach (var i in Range(isp.Start, isp.End))
            {
                if (!covered.Add(i))
                {
                    return $"ISP conflict: ISP {i} is addressed more than once";
                }
            }
        }

        if (requireAll && covered.Count > 0 && covered.Count != count - covered.Min + 1)
        {
            var missing = Range(covered.Min, count).First(i => !covered.Contains(i));
            return $"ISP {missing} has no Power: a D-Prognosis covers every ISP from its first to the end of the period";
        }

        return null;
    }

    /// <summary>The number of ISPs of a day in the market's time zone (92, 96 or 100 quarter hours around daylight saving).</summary>
    public int IspCount(DateOnly period)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(_options.TimeZone) ?? DateTimeZone.Utc;
        var day = new LocalDate(period.Year, period.Month, period.Day);
        var length = zone.AtStartOfDay(day.PlusDays(1)).ToInstant() - zone.AtStartOfDay(day).ToInstant();
        return (int)(length.TotalMinutes / _options.IspMinutes);
    }
}
