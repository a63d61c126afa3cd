using Lem.Domain.Assets;
using Lem.Markets.Assets;
using Lem.Domain.Markets;
using Lem.Domain.Sampling;
using Lem.Domain.Series;
using Lem.Domain.Units;
using Lem.Pipeline;
using NodaTime;

namespace Lem.Scenarios.Examples;

/// <summary>
/// Builds large synthetic community scenarios in memory, for benchmarks: households with loads, about 40 % with PV,
/// 20 % with a home battery and 15 % with an EV, spread over the load buses of a grid, one market day.
/// </summary>
public static class SyntheticCommunity
{
    /// <summary>
    /// Creates a scenario with <paramref name="participants"/> households on the given grid (or copper plate when
    /// null), over the market day 2026-06-21 in Europe/Berlin at <paramref name="slotMinutes"/> minutes.
    /// Household loads are scaled so that the community's peak stays within the grid's original peak load.
    /// </summary>
    public static Scenario Create(int participants, GridNetwork? grid, int slotMinutes = 15, ulong seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        var day = MarketDay.Parse(VillageExample.MarketDate, VillageExample.TimeZone);
        var horizon = Horizon.ForMarketDay(day, SlotLength.FromMinutes(slotMinutes));
        var slots = horizon.Slots;
        var rng = new SplitMix64(seed);
        var cloud = SyntheticProfiles.CloudIndex(slots.Count, rng);

        var buses = grid is null
            ? [null]
            : grid.Loads.Where(l => l.InService && l.PMw > 0).Select(l => (BusId?)l.Bus).Distinct().ToList();
        if (buses.Count == 0)
        {
            buses = [grid!.Buses.First(b => b.Type != BusType.Slack).Id];
        }

        // Average household peak ≈ 1 kW; scale so that the total stays near the grid's own peak load.
        var scale = grid is null ? 1.0 : Math.Min(1.0, grid.TotalLoadPMw * 1000 / participants);
        var list = new List<Participant>(participants);
        for (var i = 0; i < participants; i++)
        {
            var id = new ParticipantId($"p{i + 1:00000}");
            var assets = new List<Asset>();
            var load = SyntheticProfiles.HouseholdLoad(slots, day.Zone, rng.Uniform(5.5, 13.5) * scale, rng.Uniform(-0.6, 0.6), rng);
            assets.Add(new InflexibleLoad(new AssetId($"{id}-load"), null, new SlotSeries(load)));
            var u = rng.NextDouble();
            var hasPv = u < 0.4;
            if (hasPv)
            {
                var kw = Math.Round(rng.Uniform(3, 8) * scale, 2);
                var pv = SyntheticProfiles.Pv(slots, kw, rng.Uniform(0.82, 1.0), cloud, rng, VillageExample.LatitudeDeg, VillageExample.LongitudeDeg);
                assets.Add(new RenewableGenerator(new AssetId($"{id}-pv"), null, RenewableKind.Pv, Power.FromKw(kw), new SlotSeries(pv), Price.Zero));
            }

            if (u < 0.2)
            {
                var cap = 10 * scale;
                assets.Add(new Battery(new AssetId($"{id}-bat"), null, Energy.FromKwh(cap), Power.FromKw(cap / 2), Power.FromKw(cap / 2), 0.95, 0.95, Energy.FromKwh(cap * 0.1), Energy.FromKwh(cap), Energy.FromKwh(cap * 0.5), Energy.FromKwh(cap * 0.5), Price.FromEurPerMwh(20)));
            }

            if (rng.NextDouble() < 0.15)
            {
                var arrival = day.Start + Duration.FromHours(17) + Duration.FromMinutes(15 * rng.Next(10));
                var charger = 3.7 * scale;
                var need = Math.Min(10.0 * scale, 0.8 * 0.92 * charger * (day.End - arrival).TotalHours);
                assets.Add(new ElectricVehicle(new AssetId($"{id}-ev"), null, Energy.FromKwh(50), Power.FromKw(charger), 0.92, arrival, day.End + Duration.FromHours(7), Energy.FromKwh(20), Energy.FromKwh(20 + need), false, Power.Zero, 0.92));
            }

            list.Add(new Participant(id, null, hasPv ? ParticipantRole.Prosumer : ParticipantRole.Consumer, buses[i % buses.Count], assets, [], []));
        }

        var import = new double[slots.Count];
        var export = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var hour = SyntheticProfiles.LocalHour(slots[t], day.Zone);
            var p = 88 + 30 * SyntheticProfiles.Bump(hour, 8.0, 1.3) - 95 * SyntheticProfiles.Bump(hour, 13.5, 2.4) * (0.7 + 0.3 * cloud[t]) + 75 * SyntheticProfiles.Bump(hour, 20.5, 1.7);
            import[t] = p + 6;
            export[t] = p - 6;
        }

        var market = new OutsideMarket(new SlotSeries(import), new SlotSeries(export), SlotSeries.Constant(0.31, slots.Count), SlotSeries.Constant(0.0786, slots.Count), null, null, null);
        return new Scenario($"synthetic-{participants}", "Synthetic community for benchmarks.", horizon, list, market, grid, null);
    }
}
