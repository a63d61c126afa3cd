using Lem.Server.Api;
using Lem.Server.Engine.Markets.Scenario;

namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>
/// The <c>flexibility</c> kind (docs/server-flexibility.md): a DSO flexibility market. DSOs declare congestion points and
/// post requests per slot, flexibility service providers (participants) post and revoke offers, DSOs order offers, and
/// at each slot's gate closure (or a DSO's <c>clear</c>) the slot is cleared: by merit order per request without a grid;
/// with the grid of an inline <c>scenario</c> (its horizon gives the slots, as for a pool market) by the least-cost
/// clearing of <c>lem flex</c>, checked with the AC power flow.
/// </summary>
internal sealed class FlexibilityMarketKind : IServerMarketKind
{
    /// <summary>The mechanism name.</summary>
    public const string Name = "flexibility";

    /// <inheritdoc />
    public string Mechanism => Name;

    /// <summary>The slots come from the inline scenario when one is given; without one, delivery_start, slot_minutes and slot_count are required.</summary>
    public bool HorizonRequired => false;

    /// <inheritdoc />
    public bool TakesScenario => true;

    /// <inheritdoc />
    public void ReadHorizon(MarketCreateForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (form.Mechanism != Name)
        {
            return;
        }

        var scenario = form.Body.Object(ScenarioMarketKind.ScenarioField, required: false);
        if (scenario is null)
        {
            Require(form, "delivery_start", form.DeliveryStart is not null);
            Require(form, "slot_minutes", form.SlotMinutes is not null);
            Require(form, "slot_count", form.SlotCount is not null);
            return;
        }

        var errors = form.Body.Errors.Count;
        ScenarioMarketKind.ReadScenarioHorizon(form, scenario);
        if (form.Body.Errors.Count > errors)
        {
            return;
        }

        var s = ScenarioMarketKind.ReadInlineScenario(scenario).Scenario!;
        var field = ScenarioMarketKind.ScenarioField;
        if (s.Grid is null)
        {
            form.Body.Errors[field + ".grid"] = "is required: a flexibility market's scenario gives the grid its gate closure clears on";
        }

        if (s.Flexibility is { } flex)
        {
            if (flex.Offers.Count > 0)
            {
                form.Body.Errors[field + ".flexibility.offers"] = "must be left out: FSPs post their offers to /v1/markets/{id}/flex/offer";
            }

            if (flex.Requests.Count > 0)
            {
                form.Body.Errors[field + ".flexibility.requests"] = "must be left out or \"auto\": DSOs post their requests to /v1/markets/{id}/flex/request";
            }

            for (var i = 0; i < flex.CongestionPoints.Count; i++)
            {
                if (flex.CongestionPoints[i].Dso is null)
                {
                    form.Body.Errors[$"{field}.flexibility.congestion_points[{i}].dso"] = "is required on a server market (the DSO that operates the area)";
                }
            }

            if (flex.CongestionPoints.Select(c => c.Dso?.Value).Distinct().Count() > 1)
            {
                form.Body.Errors[field + ".flexibility.congestion_points"] = "must all belong to one DSO: the grid's operator";
            }
        }

        form.Extra[field] = scenario;
    }

    /// <inheritdoc />
    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload[ScenarioMarketKind.ScenarioField] is not { } node)
        {
            return new FlexibilityServerMarket(spec, host, null);
        }

        var read = ScenarioMarketKind.ReadInlineScenario(node);
        if (!read.IsValid)
        {
            throw new InvalidDataException($"The scenario of flexibility market '{spec.MarketId}' does not validate: {string.Join("; ", read.Errors)}");
        }

        return new FlexibilityServerMarket(spec, host, read.Scenario);
    }

    private static void Require(MarketCreateForm form, string field, bool given)
    {
        if (!given)
        {
            form.Body.Errors.TryAdd(field, "is required (or give a scenario, whose horizon gives the slots)");
        }
    }
}
