using Lem.Settlement.Allocation;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Kpis;

/// <summary>Computes the <see cref="CommunityKpis"/> of a settlement (definitions in <see cref="CommunityKpis"/> and docs/settlement.md).</summary>
internal static class KpiCalculator
{
    public static CommunityKpis Compute(SettlementRequest request, IReadOnlyList<SettlementAccount> accounts, IReadOnlyList<Invoice> invoices, decimal perHour)
    {
        var slots = request.Horizon.Count;
        decimal withdrawn = 0, injected = 0, matched = 0, peakKwh = 0;
        int? peakSlot = null;
        for (var t = 0; t < slots; t++)
        {
            decimal w = 0, g = 0;
            foreach (var a in accounts)
            {
                w += a.WithdrawalKwh(t);
                g += a.InjectionKwh(t);
            }

            var local = Math.Min(w, g);
            withdrawn += w;
            injected += g;
            matched += local;
            if (w - local > peakKwh)
            {
                peakKwh = w - local;
                peakSlot = t;
            }
        }

        // Market figures from the schedule: member-to-member trades (P2P) or the locally matched withdrawals.
        decimal tradedKwh = 0, tradedEur = 0;
        var clearing = request.Clearing;
        if (clearing.Bilateral)
        {
            foreach (var x in clearing.Trades.Where(x => x.BuyerId != clearing.OutsideMarketId && x.SellerId != clearing.OutsideMarketId))
            {
                var q = Exact.Of(x.QuantityKwh, "A trade quantity");
                tradedKwh += q;
                tradedEur += q * Exact.Of(x.PriceEurPerMwh, "A trade price") / 1000m;
            }
        }
        else
        {
            foreach (var a in accounts)
            {
                for (var t = 0; t < slots; t++)
                {
                    tradedKwh += a.LocalBoughtKwh[t];
                    tradedEur += a.LocalBoughtKwh[t] * a.PriceEurPerMwh[t] / 1000m;
                }
            }
        }

        var savings = invoices.Select(i => new ParticipantSavings(i.Participant.Id, i.TotalBeforeCompensationEur, i.BaselineEur, i.SavingsBeforeCompensationEur, i.SavingsEur)).ToList();
        var before = savings.Select(s => (double)s.SavingsEur).ToList();
        var after = savings.Select(s => (double)s.SavingsAfterCompensationEur).ToList();
        return new CommunityKpis
        {
            WelfareEur = clearing.WelfareEur,
            Energy = new CommunityEnergy((double)withdrawn, (double)injected, (double)matched, (double)(withdrawn - matched), (double)(injected - matched)),
            SelfSufficiency = withdrawn > 0 ? (double)(matched / withdrawn) : null,
            SelfConsumption = injected > 0 ? (double)(matched / injected) : null,
            LocalTradedKwh = (double)tradedKwh,
            AverageLocalPriceEurPerMwh = tradedKwh > 0 ? (double)(tradedEur / tradedKwh * 1000m) : null,
            PeakImportKw = (double)(peakKwh * perHour),
            PeakImportSlot = peakSlot,
            TotalBillsEur = savings.Sum(s => s.BillEur),
            TotalBaselineEur = savings.Sum(s => s.BaselineEur),
            TotalSavingsEur = savings.Sum(s => s.SavingsEur),
            Savings = savings,
            JainIndex = Jain(before),
            GiniCoefficient = Gini(before),
            JainIndexAfterCompensation = Jain(after),
            GiniCoefficientAfterCompensation = Gini(after),
            WorseOff = [.. savings.Where(s => s.SavingsEur < 0).OrderBy(s => s.SavingsEur).ThenBy(s => s.Participant)],
            WorseOffAfterCompensation = [.. savings.Where(s => s.SavingsAfterCompensationEur < 0).OrderBy(s => s.SavingsAfterCompensationEur).ThenBy(s => s.Participant)],
        };
    }

    private static double? Jain(IReadOnlyList<double> values) => values.Count == 0 ? null : FairnessIndex.Jain(values);

    private static double? Gini(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var g = FairnessIndex.Gini(values);
        return double.IsFinite(g) ? g : null;
    }
}
