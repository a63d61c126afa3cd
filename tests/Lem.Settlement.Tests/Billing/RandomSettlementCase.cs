using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;
using Lem.Settlement.Metering;

namespace Lem.Settlement.Tests.Billing;

/// <summary>
/// A random clearing result with random tariffs and meter readings, for property tests: 1–5 participants, 1–6 slots of
/// 15, 30 or 60 minutes, either net positions at random (also negative) prices or bilateral trades with and without the
/// outside market, every tariff component switched on at random, single or dual imbalance, and meters for a random
/// subset of participants and slots.
/// </summary>
public sealed class RandomSettlementCase
{
    private RandomSettlementCase(int seed, SettlementRequest request)
    {
        Seed = seed;
        Request = request;
    }

    /// <summary>The seed the case was drawn from.</summary>
    public int Seed { get; }

    /// <summary>The request.</summary>
    public SettlementRequest Request { get; }

    /// <inheritdoc />
    public override string ToString() =>
        $"seed {Seed}: {Request.Participants.Count} participants, {Request.Horizon.Count} slots of {Request.Horizon.SlotLength.Minutes} min, {(Request.Clearing.Bilateral ? $"{Request.Clearing.Trades.Count} trades" : "positions")}, {Request.Meters.Count} meter readings";

    /// <summary>The generator.</summary>
    public static Arbitrary<RandomSettlementCase> Arbitrary() => Arb.From(Gen.Choose(0, int.MaxValue).Select(Create));

    /// <summary>Draws a case from a seed.</summary>
    public static RandomSettlementCase Create(int seed)
    {
        var rng = new Random(seed);
        var n = rng.Next(1, 6);
        var slots = rng.Next(1, 7);
        var minutes = new[] { 15, 30, 60 }[rng.Next(3)];
        var hours = minutes / 60.0;
        var ids = Enumerable.Range(0, n).Select(i => $"p{i}").ToList();
        double Price() => Math.Round((rng.NextDouble() * 350) - 50, rng.Next(0, 5));
        double Kw() => Math.Round((rng.NextDouble() * 40) - 20, rng.Next(0, 4));

        var wholesaleImport = Enumerable.Range(0, slots).Select(_ => Price()).ToArray();
        var wholesaleExport = wholesaleImport.Select(p => p - Math.Round(rng.NextDouble() * 20, 2)).ToArray();
        var market = new OutsideMarket(
            new SlotSeries(wholesaleImport),
            new SlotSeries(wholesaleExport),
            new SlotSeries(Enumerable.Range(0, slots).Select(_ => Math.Round(0.2 + (rng.NextDouble() * 0.2), 4))),
            new SlotSeries(Enumerable.Range(0, slots).Select(_ => Math.Round(rng.NextDouble() * 0.1, 4))),
            null,
            null,
            null);

        var bilateral = rng.NextDouble() < 0.5;
        const string outside = "outside-market";
        var kw = ids.ToDictionary(id => id, _ => new double[slots]);
        var prices = ids.ToDictionary(id => id, _ => Enumerable.Range(0, slots).Select(_ => Price()).ToArray());
        var trades = new List<ClearingTrade>();
        var import = new double[slots];
        var export = new double[slots];
        if (bilateral)
        {
            var parties = ids.Append(outside).ToList();
            var count = rng.Next(0, 12);
            for (var k = 0; k < count; k++)
            {
                var seller = parties[rng.Next(parties.Count)];
                var buyer = parties[rng.Next(parties.Count)];
                if (seller == buyer || (seller == outside && buyer == outside))
                {
                    continue;
                }

                var t = rng.Next(slots);
                var kwh = Math.Round(rng.NextDouble() * 10, rng.Next(0, 5));
                trades.Add(new ClearingTrade(buyer, seller, t, kwh, Price()));
                if (seller == outside)
                {
                    import[t] += kwh / hours;
                }
                else
                {
                    kw[seller][t] += kwh / hours;
                }

                if (buyer == outside)
                {
                    export[t] += kwh / hours;
                }
                else
                {
                    kw[buyer][t] -= kwh / hours;
                }
            }

            // Now and then a position not covered by the trades (settled at the position price).
            if (rng.NextDouble() < 0.3)
            {
                kw[ids[rng.Next(n)]][rng.Next(slots)] += Kw();
            }
        }
        else
        {
            foreach (var id in ids)
            {
                for (var t = 0; t < slots; t++)
                {
                    kw[id][t] = rng.NextDouble() < 0.2 ? 0 : Kw();
                }
            }

            for (var t = 0; t < slots; t++)
            {
                var net = ids.Sum(id => kw[id][t]);
                import[t] = Math.Max(0, -net);
                export[t] = Math.Max(0, net);

                // Sometimes the exchange does not match the positions (losses, an ADMM that stopped early).
                if (rng.NextDouble() < 0.2)
                {
                    import[t] += Math.Round(rng.NextDouble(), 3);
                }
            }
        }

        var readings = new List<(ParticipantId, int, double)>();
        foreach (var id in ids)
        {
            for (var t = 0; t < slots; t++)
            {
                if (rng.NextDouble() < 0.3)
                {
                    readings.Add((new ParticipantId(id), t, Math.Round((kw[id][t] * hours) + (rng.NextDouble() * 4) - 2, rng.Next(0, 4))));
                }
            }
        }

        var request = new SettlementRequest(
            ScenarioName: "random",
            Horizon: SettlementCases.Horizon(slots, minutes),
            OutsideMarket: market,
            Settings: RandomSettings(rng, slots),
            Participants: [.. ids.Select(id => new BilledParticipant(new ParticipantId(id), rng.NextDouble() < 0.5 ? null : $"Name <{id}> & \"co\"", ParticipantRole.Prosumer))],
            Clearing: new ClearingResult
            {
                Mechanism = bilateral ? "p2p" : "pool",
                SlotCount = slots,
                Positions = [.. ids.Select(id => new ClearingPosition(new ParticipantId(id), kw[id], prices[id]))],
                Bilateral = bilateral,
                Trades = trades,
                OutsideMarketId = outside,
                ImportKw = import,
                ExportKw = export,
                WelfareEur = (decimal)Math.Round(rng.NextDouble() * 100, 2),
            })
        {
            Meters = new MeterReadings(readings),
            DistanceFactor = (a, b) => (((a.Value.Sum(c => c) * 31) + b.Value.Sum(c => c)) % 256) / 128.0,
        };
        return new RandomSettlementCase(seed, request);
    }

    private static SettlementSettings RandomSettings(Random rng, int slots)
    {
        bool On() => rng.NextDouble() < 0.5;
        decimal Rate(double max) => On() ? Math.Round((decimal)(rng.NextDouble() * max), rng.Next(1, 6)) : 0m;
        var periods = new List<TariffPeriod>();
        if (On())
        {
            periods.Add(new TariffPeriod("night", 0, 60 * rng.Next(1, 3), Rate(0.2)));
        }

        if (On())
        {
            periods.Add(new TariffPeriod("late", 180 + (15 * rng.Next(0, 4)), 20 * 60, Rate(0.2)));
        }

        return new SettlementSettings
        {
            IsSpecified = true,
            OutsideCounterparty = On() ? SettlementCounterparty.Supplier : SettlementCounterparty.Wholesale,
            Grid = new TariffGrid
            {
                FixedEurPerPeriod = Rate(2),
                VolumetricEurPerKwh = Rate(0.2),
                NetMetering = rng.NextDouble() < 0.3,
                TimeOfUse = periods,
                Capacity = On() ? new TariffCapacity { DefaultSubscribedKw = Math.Round(rng.NextDouble() * 10, 2), EurPerKw = Rate(1), ExcessEurPerKw = Rate(0.5) } : null,
                MeasuredPeakEurPerKw = Rate(1),
                Distance = On() ? new TariffDistance { EurPerMwh = Rate(30), Split = (TariffChargeSplit)rng.Next(3) } : null,
                LocalDiscountFraction = On() ? Math.Round((decimal)rng.NextDouble(), 3) : 0m,
            },
            Taxes = new TariffTaxes { LeviesEurPerKwh = Rate(0.1), FixedEurPerPeriod = Rate(1), VatPercent = On() ? 19m : 0m },
            OperatorFee = new TariffOperatorFee { EurPerKwh = Rate(0.02), FixedEurPerPeriod = Rate(0.5) },
            Imbalance = new SettlementImbalance
            {
                Rule = On() ? SettlementImbalanceRule.Dual : SettlementImbalanceRule.Single,
                PriceEurPerMwh = On() ? new SlotSeries(Enumerable.Range(0, slots).Select(_ => Math.Round(rng.NextDouble() * 300, 2))) : null,
                WholesaleFactor = Math.Round((decimal)(0.5 + rng.NextDouble()), 3),
            },
            Compensation = On() ? SettlementCompensationRule.Proportional : SettlementCompensationRule.None,
        };
    }

    /// <summary>A number for messages.</summary>
    public static string F(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Registers <see cref="RandomSettlementCase.Arbitrary"/> with FsCheck.</summary>
public static class RandomSettlementCaseArbitrary
{
    /// <summary>The arbitrary random case.</summary>
    public static Arbitrary<RandomSettlementCase> Case() => RandomSettlementCase.Arbitrary();
}
