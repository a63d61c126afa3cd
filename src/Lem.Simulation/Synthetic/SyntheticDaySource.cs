using System.Globalization;
using Lem.Domain.Assets;
using Lem.Domain.Sampling;
using Lem.Domain.Units;
using Lem.Grid.Network;
using Lem.Markets.Assets;
using Lem.Scenarios.Examples;
using Lem.Simulation.Days;
using NodaTime;

namespace Lem.Simulation.Synthetic;

/// <summary>
/// A seeded synthetic community as a day source (docs/synthetic.md): households with loads, PV, home batteries, EVs and
/// heat pumps on a radial LV feeder, weather-driven and seasonal, against an outside market with time-of-use retail and
/// feed-in tariffs and wholesale prices. Any number of days; equal specs give equal days, whatever the order days are asked in.
/// </summary>
public sealed class SyntheticDaySource : IDaySource
{
    /// <summary>Heating limit: no space heating above this daily outdoor temperature, °C.</summary>
    public const double HeatingLimitC = 15.0;

    /// <summary>The heat pumps' supply temperature, °C.</summary>
    public const double SupplyTemperatureC = 45.0;

    /// <summary>The heat pumps' share of the Carnot COP.</summary>
    public const double CarnotFraction = 0.45;

    /// <summary>The design outdoor temperature heat pumps are sized for, °C.</summary>
    public const double DesignTemperatureC = -15.0;

    /// <summary>The feed-in tariff, EUR/kWh.</summary>
    public const double FeedInEurPerKwh = 0.0786;

    private readonly GridNetwork? _grid;

    /// <summary>Plans the community of a spec: households, their assets and the feeder.</summary>
    public SyntheticDaySource(SyntheticSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        Weather = new SyntheticWeather(spec);
        IReadOnlyList<BusId>? buses = null;
        if (spec.Feeder == "radial")
        {
            (_grid, buses) = SyntheticFeeder.Build(spec.Households, spec.EffectiveTransformerKva, $"{spec.Name}-feeder");
        }

        Households = Plan(spec, buses);
    }

    /// <summary>The spec.</summary>
    public SyntheticSpec Spec { get; }

    /// <summary>The weather process.</summary>
    public SyntheticWeather Weather { get; }

    /// <summary>The households in participant order.</summary>
    public IReadOnlyList<SyntheticHousehold> Households { get; }

    /// <summary>The feeder, or null on a copper plate.</summary>
    public GridNetwork? Grid => _grid;

    /// <inheritdoc />
    public string Name => Spec.Name;

    /// <inheritdoc />
    public int DayCount => int.MaxValue;

    /// <summary>A seed for an independent random stream of day <paramref name="day"/>: stream 0 plans households, 1 is the weather, 2 the day's profiles.</summary>
    public static ulong StreamSeed(ulong seed, int day, int stream)
    {
        var mix = new SplitMix64((seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)day << 16) ^ (ulong)(uint)stream);
        return mix.NextUInt64();
    }

    /// <summary>The heat pump's COP at an outdoor temperature (docs/synthetic.md#heat-pumps).</summary>
    public static double Cop(double outdoorC) => HeatPumpCop.FromTemperatures(outdoorC, SupplyTemperatureC, CarnotFraction, 6.0);

    /// <summary>The electric rating of a household's heat pump, kW: 1.25 × the design heat load over the design COP, plus 1 kW for hot water, in 0.5 kW steps.</summary>
    public static double HeatPumpMaxKw(SyntheticHousehold h) =>
        Math.Ceiling(2 * ((1.25 * h.HeatLossKwPerK * (HeatingLimitC - DesignTemperatureC) / Cop(DesignTemperatureC)) + 1.0)) / 2;

    /// <summary>The market day of day <paramref name="day"/>.</summary>
    public MarketDay MarketDayOf(int day) => new(Spec.Start.PlusDays(day), Spec.Zone);

    /// <summary>The outdoor temperature per slot of day <paramref name="day"/>, °C: the day's mean plus a cosine peaking at 15:00 whose amplitude grows with clear skies.</summary>
    public double[] TemperatureC(int day, IReadOnlyList<DeliverySlot> slots)
    {
        var w = Weather.Day(day);
        var amplitude = 2.0 + 4.0 * w.Clearness;
        return [.. slots.Select(s => w.MeanTemperatureC + amplitude * Math.Cos(2 * Math.PI * (SyntheticProfiles.LocalHour(s, Spec.Zone) - 15) / 24))];
    }

    /// <inheritdoc />
    public MarketInput ActualDay(int day)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        var marketDay = MarketDayOf(day);
        var horizon = Horizon.ForMarketDay(marketDay, Spec.SlotLength);
        var slots = horizon.Slots;
        var zone = Spec.Zone;
        var weather = Weather.Day(day);
        var summer = Weather.Summerness(day);
        var weekend = marketDay.Date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
        var rng = new SplitMix64(StreamSeed(Spec.Seed, day, 2));
        var cloud = CloudIndex(slots.Count, weather.Clearness, rng);
        var temperature = TemperatureC(day, slots);
        var market = OutsideMarketOf(slots, weather.Clearness, summer, weekend, rng);
        var terminal = Price.FromEurPerMwh(Math.Round(market.WholesaleImportEurPerMwh.Values.Average(), 0));
        var cop = new SlotSeries(temperature.Select(Cop));
        var slotHours = Spec.SlotLength.Hours;

        var participants = new List<Participant>(Households.Count);
        foreach (var h in Households)
        {
            var assets = new List<Asset>();
            var dailyKwh = h.AnnualKwh / 365.0 * (1 - 0.2 * summer) * (weekend ? 1.1 : 1.0) * Math.Clamp(1 + 0.08 * rng.Normal(), 0.7, 1.3);
            var load = SyntheticProfiles.HouseholdLoad(slots, zone, dailyKwh * 0.25 / slotHours, h.ShiftHours + (weekend ? 1.0 : 0.0), rng);
            assets.Add(new InflexibleLoad(new AssetId($"{h.Id}-load"), null, new SlotSeries(load)));
            if (h.PvKw > 0)
            {
                var pv = SyntheticProfiles.Pv(slots, h.PvKw, h.PvOrientation, cloud, rng, Spec.LatitudeDeg, Spec.LongitudeDeg);
                assets.Add(new RenewableGenerator(new AssetId($"{h.Id}-pv"), null, RenewableKind.Pv, Power.FromKw(h.PvKw), new SlotSeries(pv), Price.Zero));
            }

            if (h.BatteryKwh > 0)
            {
                var cap = h.BatteryKwh;
                var kw = cap >= 10 ? 5.0 : 3.3;
                assets.Add(new Battery(
                    new AssetId($"{h.Id}-bat"), null, Energy.FromKwh(cap), Power.FromKw(kw), Power.FromKw(kw), 0.95, 0.95,
                    Energy.FromKwh(0.1 * cap), Energy.FromKwh(cap), Energy.FromKwh(0.5 * cap), Energy.FromKwh(0.1 * cap), Price.FromEurPerMwh(20),
                    TerminalValue: terminal));
            }

            if (h.HasEv)
            {
                assets.Add(Ev(h, marketDay, weekend, terminal, rng));
            }

            if (h.HasHeatPump)
            {
                assets.Add(HeatPumpOf(h, slots, temperature, cop));
            }

            participants.Add(new Participant(new ParticipantId(h.Id), null, h.PvKw > 0 ? ParticipantRole.Prosumer : ParticipantRole.Consumer, h.Bus is null ? null : new BusId(h.Bus), assets, [], []));
        }

        return new MarketInput(Spec.Name, horizon, participants, market, _grid);
    }

    private static double[] CloudIndex(int count, double clearness, SplitMix64 rng)
    {
        var k = new double[count];
        var x = 0.0;
        for (var t = 0; t < count; t++)
        {
            x = 0.85 * x + 0.35 * rng.Normal();
            k[t] = Math.Clamp(clearness + 0.15 * x, 0.1, 1.0);
        }

        return k;
    }

    private OutsideMarket OutsideMarketOf(IReadOnlyList<DeliverySlot> slots, double clearness, double summer, bool weekend, SplitMix64 rng)
    {
        var n = slots.Count;
        var import = new double[n];
        var export = new double[n];
        var retail = new double[n];
        var solarDepth = 90 * clearness * (0.4 + 0.3 * (summer + 1));
        for (var t = 0; t < n; t++)
        {
            var hour = SyntheticProfiles.LocalHour(slots[t], Spec.Zone);
            var p = 85 - 20 * summer - (weekend ? 15 : 0)
                    + 30 * SyntheticProfiles.Bump(hour, 8.0, 1.3) + 70 * SyntheticProfiles.Bump(hour, 19.5, 1.7)
                    - solarDepth * SyntheticProfiles.Bump(hour, 13.0, 2.4) - 12 * SyntheticProfiles.Bump(hour, 3.5, 2.0)
                    + 4 * rng.Normal();
            var wholesale = Math.Round(p, 2);
            import[t] = wholesale + 6.0;   // supplier's sourcing margin
            export[t] = wholesale - 6.0;   // direct-marketing fee
            retail[t] = hour < 6 ? 0.26 : hour >= 17 && hour < 21 ? 0.36 : 0.31;
        }

        return new OutsideMarket(
            new SlotSeries(import), new SlotSeries(export), new SlotSeries(retail), SlotSeries.Constant(FeedInEurPerKwh, n),
            null, null, _grid is null ? null : SyntheticFeeder.SlackBus);
    }

    private static ElectricVehicle Ev(SyntheticHousehold h, MarketDay day, bool weekend, Price terminal, SplitMix64 rng)
    {
        var arrival = weekend
            ? day.Start + Duration.FromHours(11) + Duration.FromMinutes(15 * rng.Next(17))   // 11:00 .. 15:00
            : day.Start + Duration.FromHours(17) + Duration.FromMinutes(15 * rng.Next(11));  // 17:00 .. 19:30
        var km = weekend ? rng.Uniform(0, 120) : rng.Uniform(20, 70);
        const double efficiency = 0.92;
        var deliverableToday = efficiency * h.EvChargerKw * (day.End - arrival).TotalHours;
        var required = Math.Round(0.8 * h.EvCapacityKwh, 1);
        var need = Math.Round(Math.Min(Math.Min(km * h.EvKwhPerKm, 0.85 * deliverableToday), 0.6 * h.EvCapacityKwh), 1);
        return new ElectricVehicle(
            new AssetId($"{h.Id}-ev"), null, Energy.FromKwh(h.EvCapacityKwh), Power.FromKw(h.EvChargerKw), efficiency, arrival,
            day.End + Duration.FromHours(7), Energy.FromKwh(required - need), Energy.FromKwh(required), false, Power.Zero, efficiency, terminal);
    }

    private HeatPump HeatPumpOf(SyntheticHousehold h, IReadOnlyList<DeliverySlot> slots, double[] temperature, SlotSeries cop)
    {
        // Space heat UA·max(0, 15 °C − T) plus 5 kWh_th of hot water a day in morning and evening draws.
        var demand = new double[slots.Count];
        var slotHours = Spec.SlotLength.Hours;
        var shapeSum = slots.Sum(s => HotWaterShape(SyntheticProfiles.LocalHour(s, Spec.Zone))) * slotHours;
        for (var t = 0; t < slots.Count; t++)
        {
            var hotWater = 5.0 * HotWaterShape(SyntheticProfiles.LocalHour(slots[t], Spec.Zone)) / shapeSum;
            demand[t] = Math.Round(h.HeatLossKwPerK * Math.Max(0, HeatingLimitC - temperature[t]) + hotWater, 4);
        }

        return new HeatPump(
            new AssetId($"{h.Id}-heatpump"), null, Power.Zero, Power.FromKw(HeatPumpMaxKw(h)), cop, Energy.FromKwh(30), 0.01,
            Energy.FromKwh(5), Energy.FromKwh(30), Energy.FromKwh(15), Energy.FromKwh(15), new SlotSeries(demand));
    }

    private static double HotWaterShape(double hour) => SyntheticProfiles.Bump(hour, 7.0, 1.0) + SyntheticProfiles.Bump(hour, 19.5, 1.5);

    private static List<SyntheticHousehold> Plan(SyntheticSpec spec, IReadOnlyList<BusId>? buses)
    {
        var n = spec.Households;
        var rng = new SplitMix64(StreamSeed(spec.Seed, 0, 0));
        var owners = Enumerable.Range(0, n).ToList();
        rng.Shuffle(owners);
        var pv = owners.Take((int)Math.Round(spec.PvShare * n)).ToHashSet();
        var battery = owners.Take((int)Math.Round(spec.BatteryShare * n)).ToHashSet();
        var evOrder = Enumerable.Range(0, n).ToList();
        rng.Shuffle(evOrder);
        var ev = evOrder.Take((int)Math.Round(spec.EvShare * n)).ToHashSet();
        var hpOrder = Enumerable.Range(0, n).ToList();
        rng.Shuffle(hpOrder);
        var hp = hpOrder.Take((int)Math.Round(spec.HeatPumpShare * n)).ToHashSet();
        var width = Math.Max(3, n.ToString(CultureInfo.InvariantCulture).Length);
        var list = new List<SyntheticHousehold>(n);
        for (var i = 0; i < n; i++)
        {
            // Every household draws the same numbers, so changing one share does not reshuffle the others' sizes.
            var annual = Math.Round(rng.Uniform(2200, 4800), 0);
            var shift = rng.Uniform(-0.6, 0.6);
            var pvKw = Math.Round(rng.Uniform(4, 10) * 2) / 2;
            var orientation = rng.Uniform(0.82, 1.0);
            var batteryKwh = new[] { 5.0, 7.5, 10.0, 13.5 }[rng.Next(4)];
            var evKwh = new[] { 40.0, 52.0, 58.0, 77.0 }[rng.Next(4)];
            var charger = rng.NextDouble() < 0.5 ? 3.7 : 11.0;
            var perKm = rng.Uniform(0.15, 0.2);
            var ua = Math.Round(rng.Uniform(0.12, 0.22), 3);
            list.Add(new SyntheticHousehold(
                $"h{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0')}",
                buses?[i].Value,
                annual,
                shift,
                pv.Contains(i) ? pvKw : 0,
                orientation,
                battery.Contains(i) ? batteryKwh : 0,
                ev.Contains(i) ? evKwh : 0,
                charger,
                perKm,
                hp.Contains(i) ? ua : 0));
        }

        return list;
    }
}
