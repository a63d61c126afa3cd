using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Metering;

namespace Lem.Settlement.Billing;

/// <summary>Everything <see cref="SettlementEngine.Settle"/> needs: the clearing, the tariffs, the participants to bill and the meter readings.</summary>
public sealed record SettlementRequest
{
    /// <summary>The scenario's name.</summary>
    public required string ScenarioName { get; init; }

    /// <summary>The horizon (the billing period); its zone places the time-of-use periods.</summary>
    public required Horizon Horizon { get; init; }

    /// <summary>Wholesale prices and the retail and feed-in tariffs.</summary>
    public required OutsideMarket OutsideMarket { get; init; }

    /// <summary>The tariffs and rules.</summary>
    public required SettlementSettings Settings { get; init; }

    /// <summary>The participants that receive an invoice, in invoice order.</summary>
    public required IReadOnlyList<BilledParticipant> Participants { get; init; }

    /// <summary>The clearing result.</summary>
    public required ClearingResult Clearing { get; init; }

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
        return new SettlementRequest
        {
            ScenarioName = scenario.Name,
            Horizon = scenario.Horizon,
            OutsideMarket = scenario.OutsideMarket,
            Settings = settings,
            Participants = BilledParticipants(scenario),
            Clearing = clearing,
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
