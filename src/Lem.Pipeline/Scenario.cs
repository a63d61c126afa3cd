using Lem.Domain.Markets;
using Lem.Domain.Participants;
using Lem.Domain.Time;
using Lem.Grid.Network;
using Lem.Markets.Clearing;
using Lem.Settlement.Tariffs;

namespace Lem.Pipeline;

/// <summary>
/// A validated scenario: who takes part, with which assets and orders, over which horizon, on which grid (the
/// <see cref="MarketInput"/> every mechanism clears), plus how the result is settled.
/// </summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Description">A description, or null.</param>
/// <param name="Horizon">The delivery slots the scenario covers.</param>
/// <param name="Participants">The participants in file order.</param>
/// <param name="OutsideMarket">Wholesale prices and supplier tariffs.</param>
/// <param name="Grid">The distribution grid, or null for a copper-plate scenario.</param>
/// <param name="SourcePath">The file the scenario was read from, or null.</param>
public sealed record Scenario(
    string Name,
    string? Description,
    Horizon Horizon,
    IReadOnlyList<Participant> Participants,
    OutsideMarket OutsideMarket,
    GridNetwork? Grid,
    string? SourcePath) : MarketInput(Name, Horizon, Participants, OutsideMarket, Grid)
{
    /// <summary>How clearing results are settled (the optional <c>settlement</c> section); all zero when absent.</summary>
    public SettlementSettings Settlement { get; init; } = SettlementSettings.Default;

    /// <summary>Whether the scenario has its own <c>settlement</c> section (rather than the all-zero default).</summary>
    public bool HasSettlement => !ReferenceEquals(Settlement, SettlementSettings.Default);

    /// <summary>The DSO flexibility market of the optional <c>flexibility</c> section, or null.</summary>
    public Lem.Markets.Flexibility.Domain.FlexMarket? Flexibility { get; init; }

    /// <summary>The sensitivity model the <c>flexibility</c> section asks for (<c>auto</c>, <c>lindistflow</c>, <c>dc</c>).</summary>
    public string FlexibilitySensitivities { get; init; } = "auto";
}
