using Lem.Markets.Flexibility.Baselines;

namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// Everything a flexibility clearing needs apart from the grid: the rules, the FSPs and their registered assets, the
/// congestion points, the offers and requests, and the baseline (prognoses added to the grid's own loads and generators).
/// </summary>
public sealed record FlexMarket
{
    /// <summary>The market rules.</summary>
    public FlexMarketRules Rules { get; init; } = FlexMarketRules.Default;

    /// <summary>The FSPs.</summary>
    public IReadOnlyList<FlexibilityServiceProvider> Fsps { get; init; } = [];

    /// <summary>The asset registry.</summary>
    public FlexibleAssetRegistry Assets { get; init; } = new();

    /// <summary>The congestion points.</summary>
    public IReadOnlyList<CongestionPoint> CongestionPoints { get; init; } = [];

    /// <summary>The offers.</summary>
    public IReadOnlyList<FlexOffer> Offers { get; init; } = [];

    /// <summary>The DSO's requests (in addition to the grid limits).</summary>
    public IReadOnlyList<FlexRequest> Requests { get; init; } = [];

    /// <summary>
    /// Whether the DSO's requests are derived from the AC power flow of the baseline before clearing
    /// (docs/mechanisms/flexibility.md#the-dsos-needs; scenario <c>"requests": "auto"</c>), in addition to <see cref="Requests"/>.
    /// </summary>
    public bool AutomaticRequests { get; init; }

    /// <summary>
    /// Whether the prognoses replace the grid file's own loads and generators instead of adding to them (a day-ahead
    /// schedule of every participant, docs/mechanisms/flexibility.md#the-dsos-needs).
    /// </summary>
    public bool PrognosesReplaceGridInjections { get; init; }

    /// <summary>The prognoses per bus, added to the grid's loads and generators.</summary>
    public IReadOnlyList<FlexPrognosis> Prognoses { get; init; } = [];

    /// <summary>How each FSP's settlement baseline is computed (docs/mechanisms/flexibility.md#baselines); the prognosis by default.</summary>
    public FlexBaselineSpec Baseline { get; init; } = FlexBaselineSpec.Default;

    /// <summary>The FSPs' nominated baselines (used by the <c>nomination</c> method).</summary>
    public IReadOnlyList<FlexNomination> Nominations { get; init; } = [];

    /// <summary>The FSPs' metered past days (used by the <c>x_of_y</c> method).</summary>
    public IReadOnlyList<FlexMeterDay> MeterHistory { get; init; } = [];

    /// <summary>The number of slots.</summary>
    public required int SlotCount { get; init; }

    /// <summary>The slot length in hours.</summary>
    public required double SlotHours { get; init; }

    /// <summary>The start of each slot, or empty when times are not known (validity and gate closure are then not checked).</summary>
    public IReadOnlyList<DateTimeOffset> SlotStarts { get; init; } = [];
}
