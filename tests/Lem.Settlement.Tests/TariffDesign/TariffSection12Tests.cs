using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Markets.Assets;
using Lem.Settlement.TariffDesign;
using Lem.Testing;
using NodaTime;

namespace Lem.Settlement.Tests.TariffDesign;

/// <summary>
/// The worked example of FORMULATIONS §12 (docs/games.md#worked-example-tariffs): two consumers, loads (2, 4) kWh in
/// two hourly periods, energy at 0.20 EUR/kWh; A has a 2 kWh / 2 kW battery (η = 0.95 each way) starting and ending
/// empty; R = 6 EUR. Also the MPEC against the grid search and a too-small big-M.
/// </summary>
public sealed class TariffSection12Tests
{
    private static TariffDesigner Example()
    {
        var start = Instant.FromUtc(2026, 6, 21, 0, 0);
        var horizon = Horizon.Create(DateTimeZone.Utc, start, start + Duration.FromHours(2), SlotLength.Hour);
        InflexibleLoad Load(string id) => new(new AssetId(id), null, new SlotSeries([2.0, 4.0]));
        var battery = new Battery(new AssetId("a-bat"), null, Energy.FromKwh(2), Power.FromKw(2), Power.FromKw(2), 0.95, 0.95, Energy.FromKwh(0), Energy.FromKwh(2), Energy.FromKwh(0), Energy.FromKwh(0), Price.FromEurPerMwh(0));
        Participant[] participants =
        [
            new(new ParticipantId("a"), null, ParticipantRole.Prosumer, null, [Load("a-load"), battery], [], []),
            new(new ParticipantId("p"), null, ParticipantRole.Consumer, null, [Load("p-load")], [], []),
        ];
        return new TariffDesigner(participants, horizon, [200.0, 200.0], [0.0, 0.0], [false, true]);
    }

    private static readonly TariffDesignOptions Options = new() { RevenueEur = 6.0 };

    [Fact]
    public void Volumetric_Is05_Bills420And420_Peak8()
    {
        var o = Example().Design(new VolumetricTariffDesign(), Options);

        Approx.Equal(0.5, o.Level, 1e-6);
        Approx.Equal(4.20, o.Bills[0].TotalEur, 1e-6);
        Approx.Equal(4.20, o.Bills[1].TotalEur, 1e-6);
        Approx.Equal(8.0, o.PeakKw, 1e-6);
        Approx.Equal(6.0, o.RevenueEur, 1e-6);
        Approx.Equal(0.0, o.PassiveShiftEur, 1e-6);
    }

    [Fact]
    public void Capacity_Is08509_Peak70512_PassiveBill4604()
    {
        var o = Example().Design(new CapacityTariffDesign(), Options);

        // A charges 2/1.9025 = 1.0512 kWh off-peak: imports (3.0512, 3.0512); τ = 6/7.0512.
        var shifted = 2.0 / (1.0 + (0.95 * 0.95));
        Approx.Equal(6.0 / (2.0 + shifted + 4.0), o.Level, 1e-6);
        Approx.Equal(0.8509, o.Level, 1e-4);
        Approx.Equal(7.0512, o.PeakKw, 1e-4);
        Approx.Equal(4.604, o.Bills[1].TotalEur, 1e-3);
        Approx.Equal(3.817, o.Bills[0].TotalEur, 1e-3);
        Assert.True(o.Bills[1].Passive);
        Approx.Equal(o.Bills[1].TariffEur - 3.0, o.PassiveShiftEur, 1e-9);
        Assert.True(o.PassiveShiftEur > 0.40 && o.PassiveShiftEur < 0.41, $"shift {o.PassiveShiftEur}");
    }

    [Theory]
    [InlineData("volumetric")]
    [InlineData("capacity")]
    [InlineData("net-metering")]
    [InlineData("tou")]
    public void Mpec_EqualsGridSearch_OnTheExample(string name)
    {
        var designer = Example();
        var kind = TariffDesignKinds.Find(name)!;
        var grid = designer.Design(kind, Options);

        var mpec = TariffMpec.Solve(designer, kind, 6.0, 4 * grid.Level, bigM: 1e4);

        Assert.True(mpec.Solved, mpec.Message);
        Approx.Equal(grid.Level, mpec.Level, 1e-5 * Math.Max(1, grid.Level));
        Assert.Null(mpec.Validate(grid.Level));
    }

    [Fact]
    public void Mpec_WithTooSmallBigM_IsDetectedByTheValidation()
    {
        var designer = Example();
        var kind = new CapacityTariffDesign();
        var grid = designer.Design(kind, Options);

        // The energy price alone puts multipliers near 200 EUR/MWh: M = 50 cuts off the followers' optimum.
        var mpec = TariffMpec.Solve(designer, kind, 6.0, 4 * grid.Level, bigM: 50);

        Assert.NotNull(mpec.Validate(grid.Level));
    }
}
