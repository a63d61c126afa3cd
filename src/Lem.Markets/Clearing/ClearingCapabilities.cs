namespace Lem.Markets.Clearing;

/// <summary>What a clearing mechanism can do; front ends use it to check options instead of naming mechanisms.</summary>
public sealed record ClearingCapabilities
{
    /// <summary>The grid formulations the mechanism clears on (names of <c>GridFormulations</c>); copper plate only for most.</summary>
    public IReadOnlyList<string> GridFormulations { get; init; } = ["copperplate"];

    /// <summary>Whether assets that couple slots (storage, EVs, flexible loads) are scheduled over the horizon.</summary>
    public bool MultiPeriodAssets { get; init; }

    /// <summary>Whether the result has bilateral trades between participants.</summary>
    public bool BilateralTrades { get; init; }

    /// <summary>Whether participants keep their costs and constraints private (only trades, prices and residuals are exchanged).</summary>
    public bool Private { get; init; }

    /// <summary>Whether the mechanism takes a limit on trading partners (<see cref="ClearingOptions.PartnersPerAgent"/>).</summary>
    public bool TradingPartners { get; init; }

    /// <summary>Whether the mechanism prices bilateral trades with network charges (<see cref="ClearingOptions.NetworkCharges"/>).</summary>
    public bool NetworkCharges { get; init; }

    /// <summary>Whether the mechanism applies a tie rule for an indeterminate uniform price (<see cref="ClearingOptions.PriceRule"/>).</summary>
    public bool PriceRule { get; init; }

    /// <summary>Whether the mechanism adds per-meter tariff charges to its objective (<see cref="ClearingOptions.Tariffs"/>).</summary>
    public bool TariffAware { get; init; }

    /// <summary>Whether the clearing is an iterative distributed algorithm (ADMM) with residuals and iterations.</summary>
    public bool Iterative { get; init; }

    /// <summary>The names of <see cref="ClearingOptions.Parameters"/> the mechanism reads (empty: it reads none).</summary>
    public IReadOnlyList<string> ParameterNames { get; init; } = [];

    /// <summary>Whether the mechanism honours <see cref="MarketInput.BidLimits"/> (docs/mechanisms/redispatch.md#bid-limits).</summary>
    public bool BidLimits { get; init; }
}
