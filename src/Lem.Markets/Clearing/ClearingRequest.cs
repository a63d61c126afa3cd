namespace Lem.Markets.Clearing;

/// <summary>What a mechanism clears: the market (participants with their assets and orders, horizon, outside market, grid), the grid formulation and the options.</summary>
/// <param name="Market">The market input.</param>
public sealed record ClearingRequest(MarketInput Market)
{
    /// <summary>The grid formulation: <c>auto</c> (the mechanism's choice for the grid) or a name of <c>GridFormulations</c>.</summary>
    public string Formulation { get; init; } = "auto";

    /// <summary>The options.</summary>
    public ClearingOptions Options { get; init; } = ClearingOptions.Default;
}
