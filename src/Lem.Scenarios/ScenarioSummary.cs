using Lem.Domain.Orders;
using Lem.Domain.Series;
using Lem.Markets.Assets;
using Lem.Pipeline;

namespace Lem.Scenarios;

/// <summary>Headline figures of a scenario, for <c>lem info</c> and reports.</summary>
public sealed record ScenarioSummary
{
    /// <summary>Participants per role, in role order.</summary>
    public required IReadOnlyDictionary<ParticipantRole, int> ParticipantsByRole { get; init; }

    /// <summary>Assets per kind (<c>pv</c>, <c>battery</c>, ...).</summary>
    public required IReadOnlyDictionary<string, int> AssetsByKind { get; init; }

    /// <summary>Energy the inflexible and curtailable loads consume over the horizon, in kWh.</summary>
    public double DemandKwh { get; init; }

    /// <summary>The highest sum of inflexible and curtailable demand in one slot, in kW.</summary>
    public double PeakDemandKw { get; init; }

    /// <summary>The slot in which <see cref="PeakDemandKw"/> occurs.</summary>
    public int PeakDemandSlot { get; init; }

    /// <summary>The figures the asset kinds add up: PV and wind capacity and energy, battery capacity and power, EV, flexible-load and heat-pump energy.</summary>
    public required AssetFigures Assets { get; init; }

    /// <summary>Number of bids (buy orders).</summary>
    public int Bids { get; init; }

    /// <summary>Number of offers (sell orders).</summary>
    public int Offers { get; init; }

    /// <summary>Lowest, mean and highest wholesale import price in EUR/MWh.</summary>
    public (double Min, double Mean, double Max) WholesaleImportEurPerMwh { get; init; }

    /// <summary>Mean retail tariff in EUR/kWh.</summary>
    public double RetailMeanEurPerKwh { get; init; }

    /// <summary>Mean feed-in tariff in EUR/kWh.</summary>
    public double FeedInMeanEurPerKwh { get; init; }

    /// <summary>Computes the summary of a scenario.</summary>
    public static ScenarioSummary Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var h = scenario.Horizon.SlotHours;
        var assets = scenario.Participants.SelectMany(p => p.Assets).ToList();
        var figures = new AssetFigures(scenario.Horizon.Count);
        foreach (var a in assets)
        {
            AssetKinds.Of(a).AddFigures(a, figures, h);
        }

        var demand = figures.DemandKw;
        var peakSlot = demand.Length == 0 ? 0 : Array.IndexOf(demand, demand.Max());
        var orders = scenario.Participants.SelectMany(p => p.Orders).ToList();
        var import = scenario.OutsideMarket.WholesaleImportEurPerMwh;
        return new ScenarioSummary
        {
            ParticipantsByRole = Enum.GetValues<ParticipantRole>().ToDictionary(r => r, r => scenario.Participants.Count(p => p.Role == r)),
            AssetsByKind = assets.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            DemandKwh = demand.Sum() * h,
            PeakDemandKw = demand.Length == 0 ? 0 : demand[peakSlot],
            PeakDemandSlot = peakSlot,
            Assets = figures,
            Bids = orders.Count(o => o.Side == OrderSide.Buy),
            Offers = orders.Count(o => o.Side == OrderSide.Sell),
            WholesaleImportEurPerMwh = (import.Min(), Mean(import), import.Max()),
            RetailMeanEurPerKwh = Mean(scenario.OutsideMarket.RetailEurPerKwh),
            FeedInMeanEurPerKwh = Mean(scenario.OutsideMarket.FeedInEurPerKwh),
        };
    }

    private static double Mean(SlotSeries s) => s.Count == 0 ? 0 : s.Sum() / s.Count;
}
