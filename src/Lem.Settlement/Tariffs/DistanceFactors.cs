using Lem.Grid.Distance;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;

namespace Lem.Settlement.Tariffs;

/// <summary>
/// The normalised electrical distances d_nm/d̄ between participants that a distance-based network charge uses
/// (docs/network-charges.md): d from <see cref="ElectricalDistance"/> between the participants' buses, d̄ the largest or the
/// mean distance over the distinct pairs of the participants' buses.
/// </summary>
public static class DistanceFactors
{
    /// <summary>The normalised distance between any two of the scenario's participants that have a bus.</summary>
    /// <exception cref="ArgumentException">When the scenario has no grid, a participant has no bus, or the method does not apply to the grid (the message says why).</exception>
    public static Func<ParticipantId, ParticipantId, double> ForScenario(MarketInput scenario, TariffDistance tariff)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(tariff);
        var grid = scenario.Grid ?? throw new ArgumentException($"Scenario '{scenario.Name}' has no grid, so electrical distances cannot be computed.", nameof(scenario));
        var method = tariff.Method switch
        {
            TariffDistanceMethod.Resistance => ElectricalDistanceMethod.ResistanceDistance,
            TariffDistanceMethod.Ptdf => ElectricalDistanceMethod.Ptdf,
            _ => ElectricalDistanceMethod.PathImpedance,
        };
        var matrix = ElectricalDistance.Compute(grid, method);
        var buses = scenario.Participants.Where(p => p.Bus is not null).ToDictionary(p => p.Id, p => p.Bus!.Value);
        var distinct = buses.Values.Distinct().ToList();
        var pairs = new List<double>();
        for (var i = 0; i < distinct.Count; i++)
        {
            for (var j = i + 1; j < distinct.Count; j++)
            {
                pairs.Add(matrix.Between(distinct[i], distinct[j]));
            }
        }

        var norm = pairs.Count == 0 ? 0.0 : tariff.Normalization == TariffDistanceNormalization.Mean ? pairs.Average() : pairs.Max();
        return (a, b) =>
        {
            if (!buses.TryGetValue(a, out var busA) || !buses.TryGetValue(b, out var busB))
            {
                throw new ArgumentException($"A distance charge between '{a}' and '{b}' needs both participants' buses.");
            }

            return norm > 0 ? matrix.Between(busA, busB) / norm : 0.0;
        };
    }
}
