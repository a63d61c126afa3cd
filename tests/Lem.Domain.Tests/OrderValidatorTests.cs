using Lem.Domain.Ids;
using Lem.Domain.Orders;
using Lem.Domain.Validation;

namespace Lem.Domain.Tests;

public sealed class OrderValidatorTests
{
    private static Order Offer(int slot, params (decimal Price, decimal Kwh)[] steps) =>
        new(new OrderId("o"), new ParticipantId("p"), OrderSide.Sell, slot, steps.Select(s => new PriceStep(s.Price, s.Kwh)));

    [Fact]
    public void ValidOrder_HasNoErrors()
    {
        var rules = new OrderRules { SlotCount = 4, TickSizeEurPerMwh = 0.01m, LotSizeKwh = 1m };
        Assert.Empty(OrderValidator.Validate(Offer(3, (-500m, 1m), (4000m, 1_000m), (12.34m, 7m)), rules));
    }

    [Fact]
    public void EveryProblem_IsReportedWithItsPath_InMeritOrderOfTheSteps()
    {
        var rules = new OrderRules { SlotCount = 4, TickSizeEurPerMwh = 0.5m, LotSizeKwh = 2m, MaxQuantityKwh = 100m };

        // Merit order of an offer (ascending price): 10.25 (off tick, 3 kWh off lot), 20 (0 kWh), 4000.5 (above the band, 200 kWh above the maximum).
        var errors = OrderValidator.Validate(Offer(4, (4000.5m, 200m), (10.25m, 3m), (20m, 0m)), rules, "$.orders[2]");

        Assert.Equal(
        [
            ("$.orders[2].slot", ValidationCodes.ValueOutOfRange),
            ("$.orders[2].steps[0].price_eur_per_mwh", ValidationCodes.OrderPriceNotOnTick),
            ("$.orders[2].steps[0].quantity_kwh", ValidationCodes.OrderQuantityNotOnLot),
            ("$.orders[2].steps[1].quantity_kwh", ValidationCodes.ValueOutOfRange),
            ("$.orders[2].steps[2].price_eur_per_mwh", ValidationCodes.ValueOutOfRange),
            ("$.orders[2].steps[2].quantity_kwh", ValidationCodes.ValueOutOfRange),
        ], errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("[0, 3]", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("0.5 EUR/MWh", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("4000.5", errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRules_AreTheHarmonisedBand_WithoutTickLotOrSlotLimit()
    {
        Assert.Empty(OrderValidator.Validate(Offer(1_000, (-500m, 0.001m), (4000m, 1e9m)), OrderRules.Default));
        var errors = OrderValidator.Validate(Offer(0, (-500.01m, 1m), (4000.01m, 1m)), OrderRules.Default);
        Assert.Equal(["$.steps[0].price_eur_per_mwh", "$.steps[1].price_eur_per_mwh"], errors.Select(e => e.Path));
    }

    [Fact]
    public void MaxSteps_IsReportedOnTheStepsPath()
    {
        var errors = OrderValidator.Validate(Offer(0, (1m, 1m), (2m, 1m)), new OrderRules { MaxSteps = 1 });
        var e = Assert.Single(errors);
        Assert.Equal(("$.steps", ValidationCodes.SizeLimit), (e.Path, e.Code));
    }

    [Theory]
    [InlineData("12.34", "0.01", true, 1234L)]
    [InlineData("12.345", "0.01", false, 0L)]
    [InlineData("-500", "0.01", true, -50000L)]
    [InlineData("1.5", "0.5", true, 3L)]
    [InlineData("0.0000000000000000000000000001", "1", false, 0L)]
    [InlineData("4611686018427387904", "1", false, 0L)] // 2^62: beyond the counts the book adds up
    [InlineData("4611686018427387903", "1", true, 4611686018427387903L)]
    public void TryWholeMultiple_IsExact(string value, string unit, bool whole, long count)
    {
        var ok = OrderValidator.TryWholeMultiple(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(unit, System.Globalization.CultureInfo.InvariantCulture), out var n);
        Assert.Equal((whole, count), (ok, n));
    }
}
