using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Metering;

namespace Lem.Settlement.Billing;

/// <summary>Everything <see cref="SettlementEngine.Settle"/> needs: the clearing, the tariffs, the participants to bill and the meter readings.</summary>
/// <param name="ScenarioName">The scenario's name.</param>
/// <param name="Horizon">The horizon (the billing period); its zone places the time-of-use periods.</param>
/// <param name="OutsideMarket">Wholesale prices and the retail and feed-in tariffs.</param>
/// <param name="Settings">The tariffs and rules.</param>
/// <param name="Participants">The participants that receive an invoice, in invoice order.</param>
/// <param name="Clearing">The clearing result.</param>
public sealed record SettlementRequest(
    string ScenarioName,
    Horizon Horizon,
    OutsideMarket OutsideMarket,
    SettlementSettings Settings,
    IReadOnlyList<BilledParticipant> Participants,
    ClearingResult Clearing)
{
    /// <summary>Metered energy; participants and slots without a reading are settled as scheduled.</summary>
    public MeterReadings Meters { get; init; } = MeterReadings.None;

    /// <summary>The normalised electrical distance d_nm/d̄ between two participants; required when the grid tariff has a distance charge.</summary>
    public Func<ParticipantId, ParticipantId, double>? DistanceFactor { get; init; }

    /// <summary>
    /// The request for a market input settled under <paramref name="settings"/>: every participant is billed except market operators, DSOs and aggregators without
    /// assets and orders (the first two are the counterparties, an aggregator without assets has no meter); the distance
    /// factors are computed from the grid when the tariff needs them.
    /// </summary>
    /// <exception cref="ArgumentException">When the distance charge cannot be computed on the scenario's grid (the message says why).</exception>
    public static SettlementRequest ForMarket(MarketInput scenario, SettlementSettings settings, ClearingResult clearing, MeterReadings? meters = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(clearing);
        return new SettlementRequest(scenario.Name, scenario.Horizon, scenario.OutsideMarket, settings, BilledParticipants(scenario), clearing)
        {
            Meters = meters ?? MeterReadings.None,
            DistanceFactor = settings.Grid.Distance is { } d ? DistanceFactors.ForScenario(scenario, d) : null,
        };
    }

    /// <summary>The participants of a scenario that receive an invoice: all but market operators, DSOs and aggregators without assets and orders.</summary>
    public static IReadOnlyList<BilledParticipant> BilledParticipants(MarketInput scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return [.. scenario.Participants
            .Where(p => p.Role is not (ParticipantRole.MarketOperator or ParticipantRole.Dso or ParticipantRole.Aggregator) || p.Assets.Count > 0 || p.Orders.Count > 0)
            .Select(p => new BilledParticipant(p.Id, p.Name, p.Role))];
    }
}
