using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Series;
using Lem.Domain.Time;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;
using Lem.Settlement.Metering;
using NodaTime;

namespace Lem.Settlement.Tests.Billing;

/// <summary>Builds small settlement requests directly (without a clearing) for hand-checked tests.</summary>
internal static class SettlementCases
{
    /// <summary>Midnight UTC of the test day: in the UTC zone, slot k of 60 minutes starts at k:00 local time.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 6, 21, 0, 0);

    public static Horizon Horizon(int slots, int minutes = 60) =>
        Lem.Domain.Time.Horizon.Create(DateTimeZone.Utc, Start, Start + Duration.FromMinutes((long)slots * minutes), SlotLength.FromMinutes(minutes));

    public static OutsideMarket Market(int slots, double[]? wholesaleImport = null, double[]? wholesaleExport = null, double retail = 0.30, double feedIn = 0.05) => new(
        new SlotSeries(wholesaleImport ?? Enumerable.Repeat(100.0, slots)),
        new SlotSeries(wholesaleExport ?? wholesaleImport ?? Enumerable.Repeat(100.0, slots)),
        SlotSeries.Constant(retail, slots),
        SlotSeries.Constant(feedIn, slots),
        null,
        null,
        null);

    public static ParticipantId Id(string id) => new(id);

    /// <summary>
    /// A request in which every participant's net position (kW per slot) is settled at its price (EUR/MWh per slot) and the
    /// community's import and export balance the positions.
    /// </summary>
    public static SettlementRequest Positions(
        SettlementSettings settings,
        int minutes,
        IReadOnlyList<(string Id, double[] Kw, double[] Price)> positions,
        OutsideMarket? market = null,
        MeterReadings? meters = null)
    {
        var slots = positions[0].Kw.Length;
        var net = Enumerable.Range(0, slots).Select(t => positions.Sum(p => p.Kw[t])).ToArray();
        return new SettlementRequest(
            ScenarioName: "case",
            Horizon: Horizon(slots, minutes),
            OutsideMarket: market ?? Market(slots),
            Settings: settings,
            Participants: [.. positions.Select(p => new BilledParticipant(Id(p.Id), null, ParticipantRole.Prosumer))],
            Clearing: new ClearingResult
            {
                Mechanism = "pool",
                SlotCount = slots,
                Positions = [.. positions.Select(p => new ClearingPosition(Id(p.Id), p.Kw, p.Price))],
                ImportKw = [.. net.Select(v => Math.Max(0, -v))],
                ExportKw = [.. net.Select(v => Math.Max(0, v))],
            })
        {
            Meters = meters ?? MeterReadings.None,
        };
    }

    /// <summary>A request settled by bilateral trades (seller, buyer, slot, kWh, EUR/MWh); positions follow from the trades.</summary>
    public static SettlementRequest Trades(
        SettlementSettings settings,
        int slots,
        IReadOnlyList<string> participants,
        IReadOnlyList<(string Seller, string Buyer, int Slot, double Kwh, double Price)> trades,
        Func<ParticipantId, ParticipantId, double>? distance = null,
        OutsideMarket? market = null)
    {
        const string outside = "outside-market";
        var kw = participants.ToDictionary(p => p, _ => new double[slots]);
        var import = new double[slots];
        var export = new double[slots];
        foreach (var (seller, buyer, slot, kwh, _) in trades)
        {
            if (seller == outside)
            {
                import[slot] += kwh;
            }
            else
            {
                kw[seller][slot] += kwh;
            }

            if (buyer == outside)
            {
                export[slot] += kwh;
            }
            else
            {
                kw[buyer][slot] -= kwh;
            }
        }

        return new SettlementRequest(
            ScenarioName: "case",
            Horizon: Horizon(slots),
            OutsideMarket: market ?? Market(slots),
            Settings: settings,
            Participants: [.. participants.Select(p => new BilledParticipant(Id(p), null, ParticipantRole.Prosumer))],
            Clearing: new ClearingResult
            {
                Mechanism = "p2p",
                SlotCount = slots,
                Positions = [.. participants.Select(p => new ClearingPosition(Id(p), kw[p], new double[slots]))],
                Bilateral = true,
                Trades = [.. trades.Select(x => new ClearingTrade(x.Buyer, x.Seller, x.Slot, x.Kwh, x.Price))],
                OutsideMarketId = outside,
                ImportKw = import,
                ExportKw = export,
            })
        {
            DistanceFactor = distance,
        };
    }

    public static Invoice Of(SettlementResult result, string id) => result.Invoices.Single(i => i.Participant.Id.Value == id);

    public static InvoiceLine Line(Invoice invoice, string code) => invoice.Lines.Single(l => l.Code == code);

    public static decimal Amount(Invoice invoice, string code) => Line(invoice, code).AmountEur;
}
