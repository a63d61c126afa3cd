namespace Lem.Simulation.Compare;

/// <summary>
/// The comparison metrics of one market design over the compared days (docs/comparison.md#metrics). Money in EUR,
/// prices in EUR/MWh, times in seconds.
/// </summary>
public sealed record DesignMetrics
{
    /// <summary>The design's name as asked for (<c>auction</c>, <c>pool</c>, ...).</summary>
    public required string Design { get; init; }

    /// <summary>The registered mechanism that cleared it.</summary>
    public required string Mechanism { get; init; }

    /// <summary>Days simulated.</summary>
    public required int Days { get; init; }

    /// <summary>Participants with a bill or a baseline other than zero.</summary>
    public required int Participants { get; init; }

    /// <summary>Welfare over the days, evaluated ex post on the delivered schedules (EUR).</summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>Gap to the pool's welfare, (W_pool − W)/|W_pool|·100 (%); null without a pool run.</summary>
    public double? WelfareGapPercent { get; init; }

    /// <summary>Volume-weighted average price of the cleared positions, Σ|x|·p/Σ|x| (EUR/MWh); null when nothing cleared.</summary>
    public double? AveragePriceEurPerMwh { get; init; }

    /// <summary>Spread of the slot prices: the highest minus the lowest volume-weighted slot price (EUR/MWh); null when nothing cleared.</summary>
    public double? PriceSpreadEurPerMwh { get; init; }

    /// <summary>Total of the participants' bills (EUR).</summary>
    public required decimal TotalBillEur { get; init; }

    /// <summary>Total of the no-market baseline bills (EUR).</summary>
    public required decimal TotalBaselineEur { get; init; }

    /// <summary>Mean savings per participant against the baseline (EUR).</summary>
    public required decimal MeanSavingsEur { get; init; }

    /// <summary>Jain's index of the savings (1: equal).</summary>
    public required double JainIndex { get; init; }

    /// <summary>Gini coefficient of the savings (0: equal; NaN when every saving is zero).</summary>
    public required double GiniCoefficient { get; init; }

    /// <summary>Participants worse off than the baseline (savings below −1 cent).</summary>
    public required int WorseOffCount { get; init; }

    /// <summary>AC limit violations (slot × element) of the day-ahead clearings before redispatch.</summary>
    public required int ViolationsBefore { get; init; }

    /// <summary>AC limit violations after redispatch.</summary>
    public required int ViolationsAfter { get; init; }

    /// <summary>Redispatch rounds over all days.</summary>
    public required int RedispatchRounds { get; init; }

    /// <summary>Wall time of the clearings (day-ahead, redispatch, intraday), seconds.</summary>
    public required double ClearingSeconds { get; init; }

    /// <summary>Wall time of the whole simulation, seconds.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>Messages exchanged (docs/comparison.md#communication).</summary>
    public required long Messages { get; init; }

    /// <summary>Bytes of those messages.</summary>
    public required long Bytes { get; init; }

    /// <summary>What each party learns.</summary>
    public required IReadOnlyList<InformationExposure> Information { get; init; }

    /// <summary>Each participant's bill, baseline and savings, by participant id.</summary>
    public required IReadOnlyList<ParticipantOutcome> Outcomes { get; init; }

    /// <summary>Remarks (caveats of the fairness indices, failed days).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
