using Lem.Markets.Clearing;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Server.Api;

namespace Lem.Server.Engine.Markets.Scenario;

/// <summary>
/// A scenario market kind for one registered clearing mechanism (<c>pool</c>, <c>p2p</c>, …, or one registered from
/// outside Lem): the operator creates the market with an inline scenario (the <c>scenario</c> field), whose horizon gives
/// the market's slots; see <see cref="ScenarioServerMarket"/>.
/// </summary>
/// <param name="mechanism">The registered name of the clearing mechanism.</param>
internal sealed class ScenarioMarketKind(string mechanism) : IServerMarketKind
{
    /// <summary>The base directory inline scenarios resolve file references against: it never exists, so every file reference fails validation.</summary>
    public static readonly string InlineScenarioBaseDirectory = Path.Combine(Path.GetTempPath(), "lem-inline-scenario-" + Guid.NewGuid().ToString("N"));

    /// <summary>The create request's field that holds the inline scenario.</summary>
    internal const string ScenarioField = "scenario";

    /// <inheritdoc />
    public string Mechanism { get; } = mechanism;

    /// <inheritdoc />
    public bool HorizonRequired => false;

    /// <inheritdoc />
    public bool TakesScenario => true;

    /// <summary>Reads an inline scenario (the JSON of the create_market command's <c>scenario</c> field).</summary>
    public static ScenarioLoadResult ReadInlineScenario(JsonNode scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ScenarioReader.Parse(Encoding.UTF8.GetBytes(scenario.ToJsonString()), InlineScenarioBaseDirectory, ScenarioField);
    }

    /// <inheritdoc />
    public void ReadHorizon(MarketCreateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var chosen = form.Mechanism == Mechanism;
        if (!chosen && form.ChosenTakesScenario)
        {
            return; // another kind that takes a scenario reads the field
        }

        var scenario = form.Body.Object(ScenarioField, required: chosen);
        if (!chosen && scenario is not null)
        {
            form.Body.Errors[ScenarioField] = $"applies only with a clearing mechanism ({string.Join(", ", ClearingMechanisms.Names)}) or a flexibility market";
        }
        else if (chosen && scenario is not null)
        {
            ReadScenarioHorizon(form, scenario);
            form.Extra[ScenarioField] = scenario;
        }
    }

    /// <inheritdoc />
    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(payload);
        var read = ReadInlineScenario(payload[ScenarioField]!);
        if (!read.IsValid)
        {
            throw new InvalidDataException($"The scenario of {Mechanism} market '{spec.MarketId}' does not validate: {string.Join("; ", read.Errors)}");
        }

        return new ScenarioServerMarket(spec, host, read.Scenario!, Mechanism);
    }

    /// <summary>
    /// Reads the inline scenario: every validation error goes into the problem under <c>scenario.PATH</c>; the market's
    /// slots are the scenario's horizon, so delivery_start, slot_minutes and slot_count are taken from it and, when
    /// given, must agree with it.
    /// </summary>
    internal static void ReadScenarioHorizon(MarketCreateForm form, JsonObject scenario)
    {
        var body = form.Body;
        var read = ReadInlineScenario(scenario);
        if (!read.IsValid)
        {
            foreach (var e in read.Errors)
            {
                var path = e.Path.StartsWith(ScenarioField, StringComparison.Ordinal) ? e.Path : "scenario." + e.Path.TrimStart('$', '.');
                body.Errors[path] = body.Errors.TryGetValue(path, out var before) ? $"{before}; {e.Message}" : e.Message;
            }

            return;
        }

        var horizon = read.Scenario!.Horizon;
        var start = WireTime.Text(horizon.Start);
        if (form.DeliveryStart is { } startText
            && (!WireTime.TryParse(startText, out var given) || given != Instant.FromDateTimeOffset(horizon.Start.ToDateTimeOffset())))
        {
            body.Errors["delivery_start"] = $"must be the scenario's horizon start {start} (or be left out)";
        }

        if (form.SlotMinutes is not null && form.SlotMinutes != horizon.SlotLength.Minutes)
        {
            body.Errors["slot_minutes"] = $"must be the scenario's slot length {horizon.SlotLength.Minutes} (or be left out)";
        }

        if (form.SlotCount is not null && form.SlotCount != horizon.Count)
        {
            body.Errors["slot_count"] = $"must be the scenario's number of slots {horizon.Count} (or be left out)";
        }

        if (horizon.Count > 1000)
        {
            body.Errors[ScenarioField] = $"has {horizon.Count} slots; a market has at most 1000";
        }

        form.DeliveryStart = start;
        form.SlotMinutes = horizon.SlotLength.Minutes;
        form.SlotCount = horizon.Count;
    }
}
