using Lem.Settlement.Tariffs;
using Lem.Settlement.Billing;
using Lem.Testing;
using static Lem.Settlement.Tests.Billing.SettlementCases;

namespace Lem.Settlement.Tests.Kpis;

/// <summary>The KPIs of a three-participant, two-slot example worked by hand.</summary>
public sealed class KpiHandExampleTests
{
    // Half-hour slots (kWh = kW / 2), prices 100 and 200 EUR/MWh, retail 0.30 and feed-in 0.05 EUR/kWh.
    //   slot 0: a −4 kW (2 kWh), b +8 kW (4 kWh), c −2 kW (1 kWh): W = 3, G = 4, matched 3, export 1 kWh.
    //   slot 1: a −10 kW (5 kWh), b +4 kW (2 kWh), c 0:          W = 5, G = 2, matched 2, import 3 kWh = 6 kW.
    private static readonly SettlementResult Result = SettlementEngine.Settle(Positions(
        SettlementSettings.Default,
        30,
        [("a", [-4, -10], [100, 200]), ("b", [8, 4], [100, 200]), ("c", [-2, 0], [100, 200])]));

    [Fact]
    public void Kpis_EnergyFigures_MatchTheHandCalculation()
    {
        var k = Result.Kpis;
        Approx.Equal(8, k.Energy.WithdrawalKwh, 1e-12);
        Approx.Equal(6, k.Energy.InjectionKwh, 1e-12);
        Approx.Equal(5, k.Energy.LocalMatchedKwh, 1e-12);
        Approx.Equal(5.0 / 8, k.SelfSufficiency!.Value, 1e-12, what: "self-sufficiency");
        Approx.Equal(5.0 / 6, k.SelfConsumption!.Value, 1e-12, what: "self-consumption");
        Approx.Equal(3, k.Energy.ImportKwh, 1e-12);
        Approx.Equal(1, k.Energy.ExportKwh, 1e-12);
        Approx.Equal(6, k.PeakImportKw, 1e-12);
        Assert.Equal(1, k.PeakImportSlot);
        Assert.Equal(Start + NodaTime.Duration.FromMinutes(30), Result.SlotStarts[k.PeakImportSlot!.Value]);
        Approx.Equal(5, k.LocalTradedKwh, 1e-12);
        Approx.Equal(((3 * 100) + (2 * 200)) / 5.0, k.AverageLocalPriceEurPerMwh!.Value, 1e-9, what: "average local price");
    }

    [Fact]
    public void Kpis_SavingsAndTheirFairness_MatchTheHandCalculation()
    {
        // a: bill 2·0.1 + 5·0.2 = 1.20, baseline 7·0.30 = 2.10 → 0.90
        // b: bill −(4·0.1 + 2·0.2) = −0.80, baseline −6·0.05 = −0.30 → 0.50
        // c: bill 0.10, baseline 0.30 → 0.20
        var k = Result.Kpis;
        Assert.Equal([0.90m, 0.50m, 0.20m], k.Savings.Select(s => s.SavingsEur));
        Assert.Equal(1.60m, k.TotalSavingsEur);
        Assert.Empty(k.WorseOff);

        // Jain = 1.6² / (3 · (0.81 + 0.25 + 0.04)) = 2.56 / 3.3; Gini = Σ|zi − zj| / (2 n² z̄) = 2.8 / (18 · 1.6/3).
        Approx.Equal(2.56 / 3.3, k.JainIndex!.Value, 1e-12, what: "Jain");
        Approx.Equal(2.8 / (18 * 1.6 / 3), k.GiniCoefficient!.Value, 1e-12, what: "Gini");
    }

    [Fact]
    public void Kpis_WithoutWithdrawalsOrInjections_HaveNullRatios()
    {
        var r = SettlementEngine.Settle(Positions(SettlementSettings.Default, 60, [("a", [0, 0], [100, 100])]));
        Assert.Null(r.Kpis.SelfSufficiency);
        Assert.Null(r.Kpis.SelfConsumption);
        Assert.Null(r.Kpis.PeakImportSlot);
        Assert.Null(r.Kpis.AverageLocalPriceEurPerMwh);
        Assert.Null(r.Kpis.GiniCoefficient); // mean saving 0: undefined
        Assert.Equal(1.0, r.Kpis.JainIndex);
    }
}
