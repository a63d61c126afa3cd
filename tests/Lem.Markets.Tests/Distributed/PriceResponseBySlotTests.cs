using Lem.Domain.Assets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Markets.Assets;
using Lem.Markets.Distributed;
using Lem.Optimization;
using Lem.Testing;
using NodaTime;

namespace Lem.Markets.Tests.Distributed;

/// <summary>
/// <see cref="PriceResponse.Plan"/> solves a participant whose assets do not couple slots (loads, curtailable loads,
/// PV) slot by slot by merit order (docs/agents.md#the-mpc-lp). Reference: the same participant with an idle battery
/// (0 kWh, 0 kW), which couples the slots and so goes through the LP, on random instances with distinct prices (a
/// unique optimum): the net injections, the marginal values (the balance duals), the objective and every asset's
/// schedule agree.
/// </summary>
public sealed class PriceResponseBySlotTests
{
    private const int Slots = 48;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Plan_WithoutCoupling_EqualsTheLp(int seed)
    {
        var rng = new Random(seed);
        var horizon = Horizon.Create(DateTimeZone.Utc, Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 2, 12, 0), SlotLength.QuarterHour);
        double[] Series(double max) => [.. Enumerable.Range(0, Slots).Select(_ => Math.Round(rng.NextDouble() * max, 3))];
        var assets = new List<Asset>
        {
            new InflexibleLoad(new AssetId("base"), null, new SlotSeries(Series(4))),
            new CurtailableLoad(new AssetId("flex"), null, new SlotSeries(Series(3)), Price.FromEurPerMwh(180 + seed)),
            new RenewableGenerator(new AssetId("pv"), null, RenewableKind.Pv, Power.FromKw(10), new SlotSeries(Series(10)), Price.FromEurPerMwh(7.5)),
        };

        // Buy prices around the value of lost load (some slots shed), sell prices some of them below −7.5 (curtailed).
        var buy = Enumerable.Range(0, Slots).Select(_ => 60 + Math.Round(rng.NextDouble() * 200, 2) + 0.003).ToArray();
        var sell = buy.Select(b => Math.Round(b - 20 - (rng.NextDouble() * 120), 2) + 0.001).ToArray();
        var alone = new Participant(new ParticipantId("h"), null, ParticipantRole.Prosumer, null, assets, [], []);
        var idle = new Battery(new AssetId("idle"), null, Energy.FromKwh(0), Power.FromKw(0), Power.FromKw(0), 1, 1, Energy.FromKwh(0), Energy.FromKwh(0), Energy.FromKwh(0), Energy.FromKwh(0), Price.FromEurPerMwh(0));
        var withIdle = alone with { Assets = [.. assets, idle] };

        var bySlot = PriceResponse.Plan(alone, horizon, buy, sell);
        var lp = PriceResponse.Plan(withIdle, horizon, buy, sell);

        Assert.True(bySlot.IsOptimal);
        Assert.True(lp.IsOptimal);
        Assert.Equal(PriceResponse.BySlotMessage, bySlot.Message);
        Assert.NotEqual(PriceResponse.BySlotMessage, lp.Message);
        Approx.Equal(lp.ObjectiveEur, bySlot.ObjectiveEur, 1e-7);
        Approx.Equal(lp.AssetCostEur, bySlot.AssetCostEur, 1e-7);
        for (var t = 0; t < Slots; t++)
        {
            Approx.Equal(lp.NetInjectionKw[t], bySlot.NetInjectionKw[t], 1e-6);
            Approx.Equal(lp.MarginalValueEurPerMwh[t], bySlot.MarginalValueEurPerMwh[t], 1e-6);
        }

        foreach (var a in assets)
        {
            var x = bySlot.Assets.Single(d => d.Asset == a.Id).NetInjectionKw;
            var y = lp.Assets.Single(d => d.Asset == a.Id).NetInjectionKw;
            for (var t = 0; t < Slots; t++)
            {
                Approx.Equal(y[t], x[t], 1e-6);
            }
        }

        // The instances exercise every branch: imports, exports, shedding and curtailment.
        Assert.Contains(bySlot.NetInjectionKw, v => v < 0);
        Assert.Contains(bySlot.NetInjectionKw, v => v > 0);
        Assert.Contains(bySlot.Assets.OfType<LoadDispatch>().Single(d => d.Asset == new AssetId("flex")).ShedKw, v => v > 0);
        Assert.Contains(bySlot.Assets.OfType<RenewableDispatch>().Single().CurtailedKw, v => v > 0);
    }
}
