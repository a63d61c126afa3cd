using FsCheck.Xunit;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Tests.Billing;

/// <summary>
/// Budget balance to the cent on random clearing results (FsCheck), checked against an independent recomputation of the
/// flows that are not pass-through: the energy paid by participants (trade by trade or position by position), the
/// outside-market payment and the imbalance.
/// </summary>
public sealed class BudgetPropertyTests
{
    [Property(Arbitrary = [typeof(RandomSettlementCaseArbitrary)], MaxTest = 300)]
    public void Settle_IsBudgetBalancedToTheCent_AndTheResidualIsExplained(RandomSettlementCase random)
    {
        var request = random.Request;
        var r = SettlementEngine.Settle(request);
        var b = r.Budget;

        // Every line is rounded to the cent from its exact amount; every total is the sum of its lines.
        foreach (var invoice in r.Invoices)
        {
            foreach (var line in invoice.Lines)
            {
                Assert.Equal(Math.Round(line.ExactAmountEur, 2, MidpointRounding.AwayFromZero), line.AmountEur);
            }

            Assert.Equal(invoice.Lines.Sum(l => l.AmountEur), invoice.TotalEur);
        }

        // The identity, with the counterparties' side recomputed here.
        var (energy, outside, imbalance, imbalanceOutside) = Flows(request);
        var outsideCents = Math.Round(outside, 2, MidpointRounding.AwayFromZero);
        var imbalanceOutsideCents = Math.Round(imbalanceOutside, 2, MidpointRounding.AwayFromZero);
        var totals = r.Invoices.Select(i => i.TotalEur).ToList();
        var paid = totals.Where(x => x > 0).Sum();
        var received = -totals.Where(x => x < 0).Sum();
        decimal Lines(InvoiceCategory c) => r.Invoices.SelectMany(i => i.Lines).Where(l => l.Category == c).Sum(l => l.AmountEur);
        var residual = paid - received - Lines(InvoiceCategory.GridTariff) - Lines(InvoiceCategory.TaxesAndLevies) - Lines(InvoiceCategory.Vat) - Lines(InvoiceCategory.OperatorFee) - outsideCents - imbalanceOutsideCents;

        Assert.Equal(paid, b.PaidByBuyersEur);
        Assert.Equal(received, b.ReceivedBySellersEur);
        Assert.Equal(outsideCents, b.OutsideMarketEur);
        Assert.Equal(imbalanceOutsideCents, b.ImbalanceOutsideEur);
        Assert.Equal(residual, b.OperatorResidualEur);
        Assert.Equal(0m, Lines(InvoiceCategory.Compensation));
        Assert.True(b.IsBalanced, random.ToString());

        // The residual is the merchandising surplus plus the imbalance spread, up to half a cent per rounded amount.
        var rounded = r.Invoices.Sum(i => i.Lines.Count(l => l.Category is InvoiceCategory.Energy or InvoiceCategory.Imbalance)) + 2;
        var unexplained = residual - (energy - outside) - (imbalance - imbalanceOutside);
        Assert.True(Math.Abs(unexplained) <= 0.005m * rounded, $"{random}: residual {residual} EUR, surplus {energy - outside}, spread {imbalance - imbalanceOutside}, unexplained {unexplained}");
        Assert.Equal(energy - outside, b.MerchandisingSurplusEur);
        Assert.Equal(imbalance - imbalanceOutside, b.ImbalanceSpreadEur);
        Assert.Equal(b.Slots.Sum(s => s.ResidualEur), b.MerchandisingSurplusEur + b.ImbalanceSpreadEur);
    }

    [Property(Arbitrary = [typeof(RandomSettlementCaseArbitrary)], MaxTest = 300)]
    public void Compensation_WhenTheTotalGainIsNotNegative_LeavesNobodyWorseOff(RandomSettlementCase random)
    {
        var request = random.Request with { Settings = random.Request.Settings with { Compensation = SettlementCompensationRule.Proportional } };
        var r = SettlementEngine.Settle(request);
        var before = r.Invoices.Select(i => i.SavingsBeforeCompensationEur).ToList();

        Assert.Equal(0m, r.Compensation.Transfers.Sum(t => t.AmountEur));
        Assert.True(r.Budget.IsBalanced, random.ToString());
        if (before.Sum() >= 0)
        {
            Assert.All(r.Invoices, i => Assert.True(i.SavingsEur >= 0, $"{random}: {i.Participant.Id} saves {i.SavingsEur} after compensation"));
            Assert.Empty(r.Kpis.WorseOffAfterCompensation);
            Assert.Equal(before.Any(s => s < 0) ? CompensationStatus.Applied : CompensationStatus.NotNeeded, r.Compensation.Status);

            // Winners pay at most their savings and in proportion to them (to the cent).
            foreach (var t in r.Compensation.Transfers.Where(t => t.AmountEur < 0))
            {
                var saving = r.Invoices.Single(i => i.Participant.Id == t.Participant).SavingsBeforeCompensationEur;
                var share = r.Compensation.DeficitEur * saving / r.Compensation.GainEur;
                Assert.True(Math.Abs(-t.AmountEur - share) < 0.01m, $"{random}: {t.Participant} pays {-t.AmountEur}, its share is {share}");
            }
        }
        else
        {
            Assert.Equal(CompensationStatus.InsufficientGain, r.Compensation.Status);
            Assert.Empty(r.Compensation.Transfers);
        }
    }

    /// <summary>
    /// Exact energy paid by participants, outside payment, imbalance paid by participants and community imbalance payment,
    /// computed here from the request: energy trade by trade (member-to-member trades cancel) or position by position.
    /// </summary>
    private static (decimal Energy, decimal Outside, decimal Imbalance, decimal ImbalanceOutside) Flows(SettlementRequest request)
    {
        static decimal Q(double v) => Math.Round((decimal)v, 6, MidpointRounding.ToEven);
        var c = request.Clearing;
        var h = request.Horizon.SlotHours;
        var slots = request.Horizon.Count;
        decimal energy = 0;
        var net = c.Positions.ToDictionary(p => p.Participant.Value, _ => new decimal[slots]);
        var count = c.Positions.ToDictionary(p => p.Participant.Value, _ => new int[slots]);
        if (c.Bilateral)
        {
            foreach (var x in c.Trades)
            {
                var eur = Q(x.QuantityKwh) * Q(x.PriceEurPerMwh) / 1000m;
                if (x.SellerId == c.OutsideMarketId)
                {
                    energy += eur;
                }
                else if (x.BuyerId == c.OutsideMarketId)
                {
                    energy -= eur;
                }

                if (x.SellerId != c.OutsideMarketId)
                {
                    net[x.SellerId][x.Slot] += Q(x.QuantityKwh);
                    count[x.SellerId][x.Slot]++;
                }

                if (x.BuyerId != c.OutsideMarketId)
                {
                    net[x.BuyerId][x.Slot] -= Q(x.QuantityKwh);
                    count[x.BuyerId][x.Slot]++;
                }
            }
        }

        decimal imbalance = 0, imbalanceOutside = 0, outside = 0;
        var settings = request.Settings;
        var market = request.OutsideMarket;
        for (var t = 0; t < slots; t++)
        {
            var reference = settings.Imbalance.PriceEurPerMwh is { } series
                ? Q(series[t])
                : Math.Round(Q(market.WholesaleImportEurPerMwh[t]) * settings.Imbalance.WholesaleFactor, 6, MidpointRounding.ToEven);
            foreach (var p in c.Positions)
            {
                var scheduled = Q(p.NetInjectionKw[t] * h);
                var price = Q(p.PriceEurPerMwh[t]);
                // Bilateral: a position beyond its trades by more than their rounding (½·1e-6 kWh each) is settled at its price.
                var rest = scheduled - net[p.Participant.Value][t];
                if (!c.Bilateral || Math.Abs(rest) > 0.0000005m * (count[p.Participant.Value][t] + 1))
                {
                    energy += -rest * price / 1000m;
                }
                var physical = request.Meters.EnergyKwh(p.Participant, t) is { } m ? Q(m) : scheduled;
                var e = physical - scheduled;
                var own = settings.Imbalance.Rule == SettlementImbalanceRule.Single || e == 0 ? reference : e > 0 ? Math.Min(reference, price) : Math.Max(reference, price);
                imbalance += -e * own / 1000m;
                imbalanceOutside += -e * reference / 1000m;
            }

            var import = Q(c.ImportKw[t] * h);
            var export = Q(c.ExportKw[t] * h);
            outside += settings.OutsideCounterparty == SettlementCounterparty.Supplier
                ? (import * Q(market.RetailEurPerKwh[t])) - (export * Q(market.FeedInEurPerKwh[t]))
                : ((import * Q(market.WholesaleImportEurPerMwh[t])) - (export * Q(market.WholesaleExportEurPerMwh[t]))) / 1000m;
        }

        return (energy, outside, imbalance, imbalanceOutside);
    }
}
