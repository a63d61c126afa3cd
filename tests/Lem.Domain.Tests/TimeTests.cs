using Lem.Domain.Time;
using NodaTime;

namespace Lem.Domain.Tests;

public sealed class TimeTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    [Theory]
    [InlineData("2026-03-29", 92)] // last Sunday of March: clocks go 02:00 -> 03:00
    [InlineData("2026-10-25", 100)] // last Sunday of October: 03:00 -> 02:00
    [InlineData("2026-06-21", 96)]
    [InlineData("2025-03-30", 92)]
    [InlineData("2025-10-26", 100)]
    public void MarketDay_InBerlin_HasQuarterHoursPerDstRule(string date, int expected)
    {
        var day = MarketDay.Parse(date, "Europe/Berlin");
        Assert.Equal(expected, day.Slots(SlotLength.QuarterHour).Count);
        Assert.Equal(expected / 4, day.Slots(SlotLength.Hour).Count);
        Assert.Equal(Duration.FromMinutes(expected * 15), day.Length);
    }

    [Fact]
    public void MarketDay_Slots_AreContiguousHalfOpenIntervals()
    {
        var slots = MarketDay.Parse("2026-10-25", "Europe/Berlin").Slots(SlotLength.QuarterHour);
        for (var i = 1; i < slots.Count; i++)
        {
            Assert.Equal(slots[i - 1].End, slots[i].Start);
            Assert.Equal(i, slots[i].Index);
        }

        var first = slots[0];
        Assert.True(first.Contains(first.Start));
        Assert.False(first.Contains(first.End));
        Assert.Equal(0.25, first.Hours);
    }

    [Fact]
    public void MarketDay_OnFallBack_LabelsTheRepeatedHourWithBothOffsets()
    {
        var slots = MarketDay.Parse("2026-10-25", "Europe/Berlin").Slots(SlotLength.Hour);
        var labels = slots.Select(s => s.StartIn(Berlin)).Where(z => z.Hour == 2).ToList();
        Assert.Equal(2, labels.Count);
        Assert.Equal(Offset.FromHours(2), labels[0].Offset);
        Assert.Equal(Offset.FromHours(1), labels[1].Offset);
    }

    [Fact]
    public void MarketDay_OnSpringForward_SkipsTwoOClock()
    {
        var slots = MarketDay.Parse("2026-03-29", "Europe/Berlin").Slots(SlotLength.Hour);
        var hours = slots.Select(s => s.StartIn(Berlin).Hour).ToList();
        Assert.DoesNotContain(2, hours);
        Assert.Equal([0, 1, 3, 4], hours.Take(4));
    }

    [Fact]
    public void Horizon_RefusesSpansThatAreNotWholeSlots()
    {
        var start = Instant.FromUtc(2026, 6, 21, 10, 0);
        Assert.Throws<ArgumentException>(() => Horizon.Create(Berlin, start, start + Duration.FromMinutes(50), SlotLength.QuarterHour));
        Assert.Throws<ArgumentException>(() => Horizon.Create(Berlin, start, start, SlotLength.QuarterHour));
    }

    [Fact]
    public void Horizon_SlotAt_FindsTheContainingSlot()
    {
        var start = Instant.FromUtc(2026, 6, 21, 10, 0);
        var h = Horizon.Create(Berlin, start, start + Duration.FromHours(2), SlotLength.QuarterHour);
        Assert.Equal(8, h.Count);
        Assert.Equal(3, h.SlotAt(start + Duration.FromMinutes(59))!.Value.Index);
        Assert.Null(h.SlotAt(start + Duration.FromHours(2)));
        Assert.Null(h.SlotAt(start - Duration.FromSeconds(1)));
        Assert.Equal(1, h.FirstSlotAtOrAfter(start + Duration.FromMinutes(1)));
        Assert.Equal(8, h.FirstSlotAtOrAfter(start + Duration.FromHours(3)));
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(60, true)]
    [InlineData(7, false)]
    [InlineData(0, false)]
    [InlineData(120, false)]
    public void SlotLength_AcceptsOnlyDivisorsOfAnHour(int minutes, bool ok)
    {
        Assert.Equal(ok, SlotLength.TryFromMinutes(minutes, out _));
    }

    [Fact]
    public void LocalTime_InSpringGap_IsRefused()
    {
        var r = LocalTimeParser.Resolve("2026-03-29T02:30", Berlin);
        Assert.Equal(LocalTimeStatus.InGap, r.Status);
        Assert.Contains("does not exist", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalTime_InAutumnFold_IsAmbiguousWithoutOffset()
    {
        var r = LocalTimeParser.Resolve("2026-10-25T02:30", Berlin);
        Assert.Equal(LocalTimeStatus.Ambiguous, r.Status);
        Assert.Contains("+02", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalTime_InAutumnFold_WithOffset_PicksTheRightInstant()
    {
        var summer = LocalTimeParser.Resolve("2026-10-25T02:30+02:00", Berlin);
        var winter = LocalTimeParser.Resolve("2026-10-25T02:30+01:00", Berlin);
        Assert.True(summer.IsResolved);
        Assert.True(winter.IsResolved);
        Assert.Equal(Duration.FromHours(1), winter.Instant - summer.Instant);
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), summer.Instant);
    }

    [Fact]
    public void LocalTime_WithExplicitOffset_IsThatInstant_WhateverTheZoneOffset()
    {
        var r = LocalTimeParser.Resolve("2026-06-21T12:00+01:00", Berlin);
        Assert.True(r.IsResolved);
        Assert.Equal(Instant.FromUtc(2026, 6, 21, 11, 0), r.Instant);
    }

    [Theory]
    [InlineData("2026-06-21T12:00", 10)]
    [InlineData("2026-06-21 12:00:00", 10)]
    [InlineData("2026-06-21T12:00Z", 12)]
    [InlineData("2026-06-21T12:00:00+02:00", 10)]
    public void LocalTime_AcceptsCommonForms(string text, int utcHour)
    {
        var r = LocalTimeParser.Resolve(text, Berlin);
        Assert.True(r.IsResolved, r.Message);
        Assert.Equal(Instant.FromUtc(2026, 6, 21, utcHour, 0), r.Instant);
    }

    [Theory]
    [InlineData("21.06.2026 12:00")]
    [InlineData("2026-13-01T00:00")]
    [InlineData("noon")]
    [InlineData("")]
    public void LocalTime_RejectsUnparsableText(string text)
    {
        Assert.Equal(LocalTimeStatus.Unparsable, LocalTimeParser.Resolve(text, Berlin).Status);
    }
}
