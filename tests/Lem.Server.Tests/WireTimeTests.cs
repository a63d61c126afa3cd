using Lem.Server.Engine;
using NodaTime;

namespace Lem.Server.Tests;

/// <summary>The one wire format of time stamps and the wire names of order statuses.</summary>
public sealed class WireTimeTests
{
    [Fact]
    public void Time_stamps_are_utc_with_seven_fractional_digits_and_read_back_from_any_offset()
    {
        var t = Instant.FromUtc(2026, 3, 1, 12, 0) + Duration.FromTicks(1_234_567);
        Assert.Equal("2026-03-01T12:00:00.1234567Z", WireTime.Text(t));
        Assert.Equal("0970-01-01T00:00:00.0000000Z", WireTime.Text(Instant.FromUtc(970, 1, 1, 0, 0)));
        Assert.Equal(t, WireTime.Parse("2026-03-01T13:00:00.1234567+01:00"));
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 12, 0), WireTime.Parse("2026-03-01T12:00:00"));
        Assert.True(WireTime.TryParse(WireTime.Text(t), out var back));
        Assert.Equal(t, back);
        Assert.False(WireTime.TryParse("yesterday", out _));
    }

    [Fact]
    public void Every_order_status_has_its_own_snake_case_wire_name()
    {
        var names = Enum.GetValues<OrderStatus>().Select(OrderStatusNames.Name).ToList();
        Assert.Equal(["open", "filled", "cancelled", "expired", "rejected", "cleared"], names);
    }
}
