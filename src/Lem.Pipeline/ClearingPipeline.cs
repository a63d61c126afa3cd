using Lem.Domain.Progress;
using Lem.Domain.Validation;
using Lem.Markets.Clearing;
using Lem.Markets.Pool;
using Lem.Markets.Redispatch;
using Lem.Settlement.Billing;
using Lem.Markets.Tariffs;
using Lem.Settlement.LocalPricing;
using Lem.Settlement.Tariffs;

namespace Lem.Pipeline;

/// <summary>
/// The one clearing pipeline of <c>lem run</c> and the server's scenario markets: clear with a registered mechanism →
/// check the schedule with an AC power flow per slot (the formulation against AC) → settle with the tariff engine
/// (docs/settlement.md) → outputs (<see cref="ClearingOutputs"/>).
/// </summary>
public static class ClearingPipeline
{
    /// <summary>Runs the pipeline on a scenario.</summary>
    /// <exception cref="KeyNotFoundException">When no mechanism (or redispatch strategy) is registered under the request's name.</exception>
    public static PipelineResult Run(Scenario scenario, PipelineRequest request)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        var mechanism = ClearingMechanisms.Get(request.Mechanism);
        var tariffs = TariffsFor(scenario, request, mechanism);
        var clearingRequest = new ClearingRequest(scenario) { Formulation = request.Formulation, Options = request.Options with { Tariffs = tariffs } };
        var problems = mechanism.Check(clearingRequest);
        if (problems.Count > 0)
        {
            return new PipelineResult { Scenario = scenario, Errors = problems };
        }

        RedispatchOutcome? redispatch = null;
        ClearingResult clearing;
        if (request.Redispatch is { } strategy)
        {
            // The DSO's grid check and redispatch (docs/mechanisms/redispatch.md); the final clearing goes on.
            if (!RedispatchStrategies.TryGet(strategy, out var dso))
            {
                throw new KeyNotFoundException($"No redispatch strategy is registered as '{strategy}'.");
            }

            redispatch = dso.Apply(mechanism, clearingRequest, request.RedispatchOptions);
            clearing = redispatch.Final;
        }
        else
        {
            clearing = mechanism.Clear(clearingRequest);
        }

        var tariffAware = tariffs is not null;
        if (request.LocalPriceRule is { } rule && clearing.HasSchedule)
        {
            // Ex-post pricing of the cleared quantities (docs/settlement.md#local-price-rules).
            clearing = LocalRepricing.Apply(rule, scenario, scenario.Settlement, clearing);
        }

        var ac = request.AcCheck && clearing.HasSchedule ? GridCheck(scenario, clearing, request.Options.Progress) : null;
        if (!request.Settle)
        {
            return new PipelineResult { Scenario = scenario, TariffAware = tariffAware, Clearing = clearing, AcCheck = ac, Redispatch = redispatch };
        }

        if (!clearing.HasSchedule)
        {
            return new PipelineResult { Scenario = scenario, TariffAware = tariffAware, Clearing = clearing, AcCheck = ac, Redispatch = redispatch, SettlementNote = "The market did not clear, so it was not settled." };
        }

        SettlementRequest settlement;
        try
        {
            settlement = ScenarioSettlement.Request(scenario, clearing, request.Meters);
        }
        catch (ArgumentException ex) when (scenario.Settlement.Grid.Distance is not null)
        {
            // The distance method does not apply to this grid (a meshed grid with the path impedance, for example).
            return new PipelineResult
            {
                Scenario = scenario,
                TariffAware = tariffAware,
                Clearing = clearing,
                AcCheck = ac,
                Redispatch = redispatch,
                Errors = [new ValidationError("$.settlement.grid_tariff.distance.method", ValidationCodes.ValueInvalid, $"The distance-based charge cannot be computed on this grid: {ex.Message}")],
            };
        }

        return new PipelineResult { Scenario = scenario, TariffAware = tariffAware, Clearing = clearing, AcCheck = ac, Redispatch = redispatch, Settlement = SettlementEngine.Settle(settlement) };
    }

    /// <summary>
    /// The per-meter tariff charges the clearing adds to its objective (docs/settlement.md#tariff-aware-clearing), or null:
    /// when tariff-aware clearing is off (by default it is on for a scenario with a <c>settlement</c> section), the
    /// mechanism cannot use them, or the settlement charges nothing per meter.
    /// </summary>
    public static IReadOnlyDictionary<ParticipantId, TariffCost>? TariffsFor(Scenario scenario, PipelineRequest request, IClearingMechanism mechanism)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mechanism);
        if (!(request.TariffAware ?? scenario.HasSettlement) || !mechanism.Capabilities.TariffAware)
        {
            return null;
        }

        var tariffs = ClearingTariffs.ForScenario(scenario, scenario.Settlement);
        return tariffs.Count > 0 ? tariffs : null;
    }

    /// <summary>
    /// The AC check of a clearing's schedule (null without a grid): each participant's net injection, the reactive draw
    /// of the consumption the mechanism reports, and the outside market's net import at the connection bus; every slot
    /// is reported to <paramref name="progress"/> (<see cref="Lem.Markets.Pool.GridCheck"/>).
    /// </summary>
    public static AcCheckResult? GridCheck(MarketInput market, ClearingResult clearing, IProgress<ProgressUpdate>? progress = null) =>
        Lem.Markets.Pool.GridCheck.Run(market, clearing, progress);
}
