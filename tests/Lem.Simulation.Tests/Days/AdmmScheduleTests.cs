using Lem.Markets.Assets;
using Lem.Markets.Clearing;
using Lem.Simulation.Days;

namespace Lem.Simulation.Tests.Days;

/// <summary>
/// The ADMM designs report the asset schedules of their agents' final local solutions (docs/mechanisms/admm.md#asset-schedules):
/// on the village's day 0 they respect the batteries' limits and state-of-charge balance and sum to each participant's
/// cleared position; delivered as planned with perfect forecasts they leave no imbalance.
/// </summary>
public sealed class AdmmScheduleTests
{
    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("community")]
    [InlineData("exchange")]
    public void ReportedSchedulesRespectTheAssetsAndSumToThePositions(string mechanism)
    {
        var market = VillageWeek.Source.ActualDay(0);
        var result = ClearingMechanisms.Get(mechanism).Clear(new ClearingRequest(market));
        Assert.True(result.Succeeded, result.Message);
        var h = market.Horizon.SlotHours;
        var byAsset = result.Assets.ToDictionary(a => a.Asset);
        var checkedParticipants = 0;
        var checkedBatteries = 0;
        foreach (var p in market.Participants.Where(p => p.Orders.Count == 0 && p.Assets.Any(a => a is Battery or HeatPump or ElectricVehicle)))
        {
            // Every asset of a participant with storage is reported ...
            Assert.All(p.Assets, a => Assert.True(byAsset.ContainsKey(a.Id), $"{mechanism}: {p.Id}'s asset {a.Id} has no schedule"));
            var position = result.Positions.Single(x => x.Participant == p.Id).NetInjectionKw;
            for (var t = 0; t < market.Horizon.Count; t++)
            {
                // ... and the assets' net injections sum to the cleared position.
                var sum = p.Assets.Sum(a => byAsset[a.Id].NetInjectionKw[t]);
                Assert.True(Math.Abs(sum - position[t]) <= 1e-6, $"{mechanism}: {p.Id} slot {t}: assets {sum} kW, position {position[t]} kW");
            }

            foreach (var b in p.AssetsOf<Battery>())
            {
                var d = Assert.IsType<BatteryDispatch>(byAsset[b.Id]);
                var soc = b.InitialSoc.Kwh;
                for (var t = 0; t < market.Horizon.Count; t++)
                {
                    Assert.InRange(d.ChargeKw[t], -1e-6, b.MaxCharge.Kw + 1e-6);
                    Assert.InRange(d.DischargeKw[t], -1e-6, b.MaxDischarge.Kw + 1e-6);
                    soc += h * ((b.ChargeEfficiency * d.ChargeKw[t]) - (d.DischargeKw[t] / b.DischargeEfficiency));
                    Assert.Equal(soc, d.SocKwh[t], 1e-6);
                    Assert.InRange(d.SocKwh[t], b.SocMin.Kwh - 1e-6, b.SocMax.Kwh + 1e-6);
                }

                Assert.True(d.SocKwh[^1] >= b.TerminalSocMin.Kwh - 1e-6);
                checkedBatteries++;
            }

            checkedParticipants++;
        }

        Assert.True(checkedBatteries >= 10, $"only {checkedBatteries} batteries were checked");
        Assert.True(checkedParticipants >= 10, $"only {checkedParticipants} participants were checked");
    }

    [Theory]
    [Trait("Category", "Heavy")]
    [InlineData("community")]
    [InlineData("exchange")]
    public void PerfectForecastsGiveNoImbalanceUnderAdmm(string mechanism)
    {
        var result = Simulator.Run(new SimulationSettings(VillageWeek.Source, 1) { Mechanism = mechanism, Forecast = "perfect", Intraday = "none" });
        var day = Assert.Single(result.Days);
        Assert.True(day.DayAhead.Final.Succeeded);
        Assert.True(day.ImbalanceKwh < 1e-3, $"{mechanism}: {day.ImbalanceKwh} kWh of imbalance");
    }
}
