using Lem.Domain.Assets;
using Lem.Domain.Markets;
using Lem.Domain.Orders;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Pipeline;
using Lem.Scenarios;
using NodaTime;
using Lem.Markets.Assets;

namespace Lem.Markets.Tests;

/// <summary>Builds small scenarios in code: hourly UTC slots from 2026-06-21T00:00Z, no grid.</summary>
internal static class TestScenarios
{
    public static readonly Instant Start = Instant.FromUtc(2026, 6, 21, 0, 0);

    public static Horizon Hourly(int slots) => Horizon.Create(DateTimeZone.Utc, Start, Start + Duration.FromHours(slots), SlotLength.Hour);

    /// <summary>An outside market with the given import and export prices (EUR/MWh) and limits (kW; null = unlimited).</summary>
    public static OutsideMarket Market(double[] importEurPerMwh, double[]? exportEurPerMwh = null, double? importLimitKw = null, double? exportLimitKw = null) => new(
        new SlotSeries(importEurPerMwh),
        new SlotSeries(exportEurPerMwh ?? importEurPerMwh),
        SlotSeries.Constant(0.30, importEurPerMwh.Length),
        SlotSeries.Constant(0.08, importEurPerMwh.Length),
        importLimitKw is { } i ? Power.FromKw(i) : null,
        exportLimitKw is { } e ? Power.FromKw(e) : null,
        null);

    public static Participant Participant(string id, ParticipantRole role, IReadOnlyList<Asset>? assets = null, IReadOnlyList<Order>? orders = null) =>
        new(new ParticipantId(id), null, role, null, assets ?? [], orders ?? [], []);

    public static Scenario Scenario(string name, Horizon horizon, OutsideMarket market, params Participant[] participants) =>
        new(name, null, horizon, participants, market, null, null);

    /// <summary>An order with steps given as (price EUR/MWh, quantity MWh).</summary>
    public static Order Order(string id, string owner, OrderSide side, int slot, params (double Price, double Mwh)[] steps) =>
        new(new OrderId(id), new ParticipantId(owner), side, slot, steps.Select(s => new PriceStep((decimal)s.Price, (decimal)(s.Mwh * 1000.0))));

    public static InflexibleLoad Load(string id, params double[] demandKw) => new(new AssetId(id), null, new SlotSeries(demandKw));

    public static Battery Battery(string id, double capacityKwh, double powerKw, double efficiency, double initialKwh, double terminalKwh, double socMinKwh = 0, double degradationEurPerMwh = 0) => new(
        new AssetId(id),
        null,
        Energy.FromKwh(capacityKwh),
        Power.FromKw(powerKw),
        Power.FromKw(powerKw),
        efficiency,
        efficiency,
        Energy.FromKwh(socMinKwh),
        Energy.FromKwh(capacityKwh),
        Energy.FromKwh(initialKwh),
        Energy.FromKwh(terminalKwh),
        Price.FromEurPerMwh(degradationEurPerMwh));

    /// <summary>An EV plugged in from the start of slot <paramref name="arrivalSlot"/> to the start of slot <paramref name="departureSlot"/>.</summary>
    public static ElectricVehicle Ev(string id, int arrivalSlot, int departureSlot, double arrivalKwh, double requiredKwh, double maxChargeKw, double efficiency = 0.95, double capacityKwh = 60) => new(
        new AssetId(id),
        null,
        Energy.FromKwh(capacityKwh),
        Power.FromKw(maxChargeKw),
        efficiency,
        Start + Duration.FromHours(arrivalSlot),
        Start + Duration.FromHours(departureSlot),
        Energy.FromKwh(arrivalKwh),
        Energy.FromKwh(requiredKwh),
        false,
        Power.Zero,
        efficiency);

    /// <summary>docs/mechanisms/pool.md#worked-example-three-periods-on-the-copper-plate: offers (10,50),(20,50),(35,50) MWh in periods 1 and 2; period 3 has (10,50),(20,50) from one seller and (20,50) from another.</summary>
    public static Scenario Section1()
    {
        var horizon = Hourly(3);
        var sellerA = Participant("seller-a", ParticipantRole.Producer, orders:
        [
            Order("a-1", "seller-a", OrderSide.Sell, 0, (10, 50), (20, 50), (35, 50)),
            Order("a-2", "seller-a", OrderSide.Sell, 1, (10, 50), (20, 50), (35, 50)),
            Order("a-3", "seller-a", OrderSide.Sell, 2, (10, 50), (20, 50)),
        ]);
        var sellerB = Participant("seller-b", ParticipantRole.Producer, orders: [Order("b-3", "seller-b", OrderSide.Sell, 2, (20, 50))]);
        var buyer = Participant("buyer", ParticipantRole.Consumer, orders:
        [
            Order("d-1", "buyer", OrderSide.Buy, 0, (50, 60), (30, 40), (15, 30)),
            Order("d-2", "buyer", OrderSide.Buy, 1, (50, 60), (30, 60)),
            Order("d-3", "buyer", OrderSide.Buy, 2, (40, 130)),
        ]);

        // The outside market is closed (limits 0) so that only the orders trade.
        return Scenario("section1", horizon, Market([45, 45, 45], importLimitKw: 0, exportLimitKw: 0), sellerA, sellerB, buyer);
    }
}
