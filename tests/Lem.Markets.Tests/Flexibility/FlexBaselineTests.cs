using Lem.Markets.Flexibility.Baselines;
using Lem.Markets.Flexibility.Domain;

namespace Lem.Markets.Tests.Flexibility;

/// <summary>
/// The baseline methods of docs/mechanisms/flexibility.md#baselines against hand-computed baselines: two slots, an
/// FSP "agg" with six metered past days, of which only the five most recent count for y = 5.
/// </summary>
public sealed class FlexBaselineTests
{
    private static readonly ParticipantId Agg = new("agg");

    // Days before the horizon → net injection in the two slots; mean consumption in brackets.
    // d1 [-10,-20] (15), d2 [-30,-10] (20), d3 [-12,-12] (12), d4 [-40,-20] (30), d5 [-20,-20] (20), d6 [-100,-100] (100, too old).
    private static FlexMarket Market(FlexBaselineSpec spec) => new()
    {
        SlotCount = 2,
        SlotHours = 1,
        Baseline = spec,
        MeterHistory =
        [
            new FlexMeterDay(Agg, 3, [-12, -12]),
            new FlexMeterDay(Agg, 1, [-10, -20]),
            new FlexMeterDay(Agg, 6, [-100, -100]),
            new FlexMeterDay(Agg, 2, [-30, -10]),
            new FlexMeterDay(Agg, 5, [-20, -20]),
            new FlexMeterDay(Agg, 4, [-40, -20]),
            new FlexMeterDay(new ParticipantId("other"), 1, [500, 500]),
        ],
        Nominations = [new FlexNomination(Agg, [-30, -25])],
        Prognoses =
        [
            new FlexPrognosis(new BusId("1"), [-20, -5]) { Fsp = Agg },
            new FlexPrognosis(new BusId("2"), [-10, -15]) { Fsp = Agg },
            new FlexPrognosis(new BusId("2"), [-99, -99]),
        ],
    };

    private static IReadOnlyList<double> Baseline(FlexBaselineSpec spec)
    {
        Assert.True(FlexBaselines.TryGet(spec.Method, out var method));
        var market = Market(spec);
        Assert.Null(method.Check(market, Agg));
        return method.BaselineKw(market, Agg);
    }

    [Fact]
    public void High4Of5_AveragesTheFourHeaviestOfTheFiveMostRecentDays()
    {
        // Ranked: d4 (30), d2 (20), d5 (20), d1 (15), d3 (12) → d4, d2, d5, d1.
        var b = Baseline(new FlexBaselineSpec { Method = "x_of_y", X = 4, Y = 5, Selection = FlexDaySelection.Highest });

        Assert.Equal((-40 - 30 - 20 - 10) / 4.0, b[0], 9);
        Assert.Equal((-20 - 10 - 20 - 20) / 4.0, b[1], 9);
    }

    [Fact]
    public void High2Of5_BreaksTheTieBetweenEqualDaysTowardsTheMoreRecent()
    {
        // d2 and d5 both consume 20 on average; d2 is more recent: d4 and d2.
        var b = Baseline(new FlexBaselineSpec { Method = "x_of_y", X = 2, Y = 5, Selection = FlexDaySelection.Highest });

        Assert.Equal(-35, b[0], 9);
        Assert.Equal(-15, b[1], 9);
    }

    [Fact]
    public void MostRecent2Of5_AveragesYesterdayAndTheDayBefore()
    {
        var b = Baseline(new FlexBaselineSpec { Method = "x_of_y", X = 2, Y = 5, Selection = FlexDaySelection.MostRecent });

        Assert.Equal(-20, b[0], 9);
        Assert.Equal(-15, b[1], 9);
    }

    [Fact]
    public void High5Of6_IncludesTheOldDayOnlyWhenYReachesIt()
    {
        var b = Baseline(new FlexBaselineSpec { Method = "x_of_y", X = 1, Y = 6, Selection = FlexDaySelection.Highest });

        Assert.Equal(-100, b[0], 9);
        Assert.Equal(-100, b[1], 9);
    }

    [Fact]
    public void XOfY_WithFewerDaysThanY_IsRefusedWithTheCount()
    {
        Assert.True(FlexBaselines.TryGet("x_of_y", out var method));

        var problem = method.Check(Market(new FlexBaselineSpec { Method = "x_of_y", X = 4, Y = 7 }), Agg);
        var none = method.Check(Market(new FlexBaselineSpec { Method = "x_of_y", X = 1, Y = 2 }), new ParticipantId("nobody"));

        Assert.Contains("has 6 metered past days", problem, StringComparison.Ordinal);
        Assert.Contains("has 0 metered past days", none, StringComparison.Ordinal);
    }

    [Fact]
    public void Nomination_IsTheNominatedSchedule()
    {
        var b = Baseline(new FlexBaselineSpec { Method = "nomination" });

        Assert.Equal([-30.0, -25.0], b);
    }

    [Fact]
    public void Prognosis_SumsTheFspsTaggedPrognoses_AndIgnoresTheDsosOwn()
    {
        var b = Baseline(FlexBaselineSpec.Default);

        Assert.Equal(-30, b[0], 9);
        Assert.Equal(-20, b[1], 9);
    }

    [Fact]
    public void Registry_ListsThePrognosisFirst_AndRefusesAnUnknownName()
    {
        Assert.Equal(["prognosis", "nomination", "x_of_y"], FlexBaselines.Names);
        Assert.False(FlexBaselines.TryGet("average", out _));
    }
}
