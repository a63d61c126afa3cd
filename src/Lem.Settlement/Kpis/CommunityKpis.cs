namespace Lem.Settlement.Kpis;

/// <summary>
/// Key figures of a settled market: welfare, self-sufficiency and self-consumption, local volume and price, peak import,
/// savings against the retail baseline with their fairness, and the participants who are worse off.
/// </summary>
/// <remarks>
/// Energy figures are computed on the participants' net meter positions (metered where metered, else scheduled), per
/// slot: withdrawals W_t, injections G_t, locally matched L_t = min(W_t, G_t), import W_t − L_t, export G_t − L_t.
/// Self-consumption inside a household behind its meter is not visible at this level. The local traded volume and the
/// average local price are market figures from the schedule. Ratios are null when their denominator is zero.
/// </remarks>
public sealed record CommunityKpis
{
    /// <summary>The clearing's social welfare, EUR.</summary>
    public required decimal WelfareEur { get; init; }

    /// <summary>The energy balance: withdrawals, injections, the locally matched part, import and export.</summary>
    public required CommunityEnergy Energy { get; init; }

    /// <summary>Self-sufficiency: the share of withdrawals supplied inside the community, L/W, or null.</summary>
    public required double? SelfSufficiency { get; init; }

    /// <summary>Self-consumption: the share of injections used inside the community, L/G, or null.</summary>
    public required double? SelfConsumption { get; init; }

    /// <summary>Energy traded between members in the market (P2P: member-to-member trades; otherwise the locally matched part of the schedule), kWh.</summary>
    public required double LocalTradedKwh { get; init; }

    /// <summary>The volume-weighted price of the local trades, EUR/MWh, or null without local trades.</summary>
    public required double? AverageLocalPriceEurPerMwh { get; init; }

    /// <summary>The highest net import of the community, kW.</summary>
    public required double PeakImportKw { get; init; }

    /// <summary>The slot of the peak import (the first if several), or null when the community never imports.</summary>
    public required int? PeakImportSlot { get; init; }

    /// <summary>Σ of the invoice totals before compensation, EUR.</summary>
    public required decimal TotalBillsEur { get; init; }

    /// <summary>Σ of the baselines, EUR.</summary>
    public required decimal TotalBaselineEur { get; init; }

    /// <summary>The community's total gain: Σ savings, EUR.</summary>
    public required decimal TotalSavingsEur { get; init; }

    /// <summary>Every participant's savings.</summary>
    public required IReadOnlyList<ParticipantSavings> Savings { get; init; }

    /// <summary>Jain's fairness index of the savings before compensation (docs/allocation.md#fairness-indices), or null without participants.</summary>
    public required double? JainIndex { get; init; }

    /// <summary>The Gini coefficient of the savings before compensation, or null when the mean saving is not positive.</summary>
    public required double? GiniCoefficient { get; init; }

    /// <summary>Jain's index of the savings after compensation, or null.</summary>
    public required double? JainIndexAfterCompensation { get; init; }

    /// <summary>The Gini coefficient of the savings after compensation, or null.</summary>
    public required double? GiniCoefficientAfterCompensation { get; init; }

    /// <summary>The participants whose bill is above their baseline (before compensation), largest loss first.</summary>
    public required IReadOnlyList<ParticipantSavings> WorseOff { get; init; }

    /// <summary>The participants still worse off after compensation.</summary>
    public required IReadOnlyList<ParticipantSavings> WorseOffAfterCompensation { get; init; }
}
