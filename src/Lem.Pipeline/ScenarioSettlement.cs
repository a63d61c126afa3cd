using Lem.Markets.Clearing;
using Lem.Settlement.Billing;
using Lem.Settlement.Metering;

namespace Lem.Pipeline;

/// <summary>Settlement requests for a scenario: its market input billed under its own <c>settlement</c> section.</summary>
public static class ScenarioSettlement
{
    /// <summary>The settlement request of a scenario's clearing outcome (see <see cref="SettlementRequest.ForMarket"/>).</summary>
    /// <exception cref="ArgumentException">When the distance charge cannot be computed on the scenario's grid (the message says why).</exception>
    public static SettlementRequest Request(Scenario scenario, ClearingResult clearing, MeterReadings? meters = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return SettlementRequest.ForMarket(scenario, scenario.Settlement, clearing, meters);
    }
}
