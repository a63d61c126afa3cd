using Lem.Domain.Assets;
using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Domain.Units;
using Lem.Markets.Assets;
using NodaTime;

namespace Lem.Simulation.Tests.Agents;

/// <summary>Small one-day prosumer communities built in code: hourly UTC slots from 2026-06-21T00:00Z, copper plate.</summary>
internal static class Community
{
    public static readonly Instant Start = Instant.FromUtc(2026, 6, 21, 0, 0);

    public static Horizon Hourly(int slots, int from = 0) => Horizon.Create(DateTimeZone.Utc, Start + Duration.FromHours(from), Start + Duration.FromHours(from + slots), SlotLength.Hour);

    /// <summary>Irregular ("generic") wholesale import prices, EUR/MWh, so that price-taking optima are unique.</summary>
    public static double[] ImportPrices(int slots) => [.. Enumerable.Range(0, slots).Select(t => 80.0 + (35.0 * Math.Sin((0.7 * t) + 0.3)) + (3.1 * Math.Cos(2.3 * t)) + (0.37 * t))];

    /// <summary>A household load shape, kW.</summary>
    public static double[] Load(int slots, double scale, double phase = 0) => [.. Enumerable.Range(0, slots).Select(t => scale * (0.6 + (0.35 * Math.Sin((0.26 * t) + phase)) + (0.05 * Math.Cos(1.7 * t))))];

    /// <summary>A clear-day PV shape, kW.</summary>
    public static double[] Pv(int slots, double peakKw) => [.. Enumerable.Range(0, slots).Select(t => peakKw * Math.Max(0, Math.Sin(Math.PI * ((t % 24) - 6) / 13.0)))];

    /// <summary>An outside market with the given import and export prices, a retail price of 1 EUR/kWh and no feed-in tariff (the agents' alternatives never bind).</summary>
    public static OutsideMarket Outside(double[] import, double[] export, double? exportLimitKw = null) => new(
        new SlotSeries(import), new SlotSeries(export), SlotSeries.Constant(1.0, import.Length), SlotSeries.Constant(0.0, import.Length),
        null, exportLimitKw is { } e ? Power.FromKw(e) : null, null);

    public static Participant Prosumer(string id, params Asset[] assets) => new(new ParticipantId(id), null, ParticipantRole.Prosumer, null, assets, [], []);

    public static InflexibleLoad LoadAsset(string id, double[] kw) => new(new AssetId(id), null, new SlotSeries(kw));

    public static RenewableGenerator PvAsset(string id, double[] kw) => new(new AssetId(id), null, RenewableKind.Pv, Power.FromKw(kw.Max()), new SlotSeries(kw), Price.Zero);

    public static Battery BatteryAsset(string id, double capacityKwh, double powerKw, double efficiency, double initialKwh, double terminalKwh) => new(
        new AssetId(id), null, Energy.FromKwh(capacityKwh), Power.FromKw(powerKw), Power.FromKw(powerKw), efficiency, efficiency,
        Energy.Zero, Energy.FromKwh(capacityKwh), Energy.FromKwh(initialKwh), Energy.FromKwh(terminalKwh), Price.Zero);

    public static ElectricVehicle Ev(string id, int arrivalSlot, int departureSlot, double arrivalKwh, double requiredKwh, double maxChargeKw) => new(
        new AssetId(id), null, Energy.FromKwh(60), Power.FromKw(maxChargeKw), 0.95, Start + Duration.FromHours(arrivalSlot), Start + Duration.FromHours(departureSlot),
        Energy.FromKwh(arrivalKwh), Energy.FromKwh(requiredKwh), false, Power.Zero, 0.95);
}
