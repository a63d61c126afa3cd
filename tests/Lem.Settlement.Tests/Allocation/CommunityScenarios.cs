using Lem.Domain.Assets;
using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Pipeline;
using Lem.Scenarios;
using Lem.Scenarios.Examples;
using Lem.Testing;
using NodaTime;
using Lem.Markets.Assets;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Community scenarios built in code (loads, PV with curtailment cost, curtailable loads) and the example files.</summary>
internal static class CommunityScenarios
{
    public static Scenario Tiny()
    {
        var load = ScenarioReader.Load(RepoPaths.InRepo("examples", "tiny", "scenario.json"));
        Assert.True(load.IsValid, string.Join("; ", load.Errors.Select(e => e.Message)));
        return load.Scenario!;
    }

    /// <summary>The tiny example without its battery, EV and orders: loads and PV only.</summary>
    public static Scenario TinyLoadsAndPv()
    {
        var s = Tiny();
        return s with
        {
            Participants = [.. s.Participants.Select(p => p with
            {
                Assets = [.. p.Assets.Where(a => a is InflexibleLoad or RenewableGenerator or CurtailableLoad)],
                Orders = [],
            })],
        };
    }

    /// <summary>
    /// A random community of 2–4 members over 3 hourly slots: loads 0–5 kW, PV 0–6 kW with curtailment cost 0, 20
    /// or 50 EUR/MWh, curtailable loads 0–3 kW with VOLL 150, 300 or 1000 EUR/MWh; import 40–120 EUR/MWh (sometimes
    /// negative), export 0–20 below it; import and export limits unlimited or 2–12 kW.
    /// </summary>
    public static Scenario Random(int seed)
    {
        var rng = new Random(seed);
        const int slots = 3;
        var start = Instant.FromUtc(2026, 6, 21, 0, 0);
        var horizon = Horizon.Create(DateTimeZone.Utc, start, start + Duration.FromHours(slots), SlotLength.Hour);
        double[] Series(double max) => [.. Enumerable.Range(0, slots).Select(_ => Math.Round(rng.NextDouble() * max, 2))];
        var members = 2 + rng.Next(3);
        var participants = new List<Participant>();
        for (var i = 0; i < members; i++)
        {
            var id = $"m{i}";
            var assets = new List<Asset> { new InflexibleLoad(new AssetId($"{id}-load"), null, new SlotSeries(Series(5))) };
            if (rng.NextDouble() < 0.6)
            {
                var kappa = new[] { 0.0, 20.0, 50.0 }[rng.Next(3)];
                assets.Add(new RenewableGenerator(new AssetId($"{id}-pv"), null, RenewableKind.Pv, Power.FromKw(6), new SlotSeries(Series(6)), Price.FromEurPerMwh(kappa)));
            }

            if (rng.NextDouble() < 0.4)
            {
                var voll = new[] { 150.0, 300.0, 1000.0 }[rng.Next(3)];
                assets.Add(new CurtailableLoad(new AssetId($"{id}-flex"), null, new SlotSeries(Series(3)), Price.FromEurPerMwh(voll)));
            }

            participants.Add(new Participant(new ParticipantId(id), null, ParticipantRole.Prosumer, null, assets, [], []));
        }

        var import = Enumerable.Range(0, slots).Select(_ => rng.NextDouble() < 0.15 ? -rng.Next(1, 30) : 40.0 + rng.Next(81)).ToArray();
        var export = import.Select(p => p - rng.Next(0, 21)).ToArray();
        Power? Limit() => rng.NextDouble() < 0.5 ? null : Power.FromKw(2 + rng.Next(11));
        var market = new OutsideMarket(new SlotSeries(import), new SlotSeries(export), SlotSeries.Constant(0.3, slots), SlotSeries.Constant(0.08, slots), Limit(), Limit(), null);
        return new Scenario($"random-{seed}", null, horizon, participants, market, null, null);
    }

    /// <summary>The synthetic community without batteries, EVs and flexible loads (loads and PV only).</summary>
    public static Scenario SyntheticLoadsAndPv(int participants, int slotMinutes = 60)
    {
        var s = SyntheticCommunity.Create(participants, null, slotMinutes);
        return s with
        {
            Participants = [.. s.Participants.Select(p => p with { Assets = [.. p.Assets.Where(a => a is InflexibleLoad or RenewableGenerator)] })],
        };
    }
}
