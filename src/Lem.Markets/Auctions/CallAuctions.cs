namespace Lem.Markets.Auctions;

/// <summary>The call auctions by name (docs/mechanisms/auctions.md): <c>uniform</c>, <c>pay-as-bid</c>, <c>mcafee</c>.</summary>
public static class CallAuctions
{
    private static readonly Dictionary<string, Func<CallAuctionParameters, ICallAuction>> Factories = new(StringComparer.Ordinal)
    {
        ["uniform"] = p => new UniformPriceAuction { K = p.K, PriceRule = p.PriceRule },
        ["pay-as-bid"] = _ => new PayAsBidAuction(),
        ["mcafee"] = p => new McAfeeAuction { LotKwh = p.LotKwh },
    };

    /// <summary>The auction names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Factories.Keys];

    /// <summary>Every auction with default settings.</summary>
    public static IReadOnlyList<ICallAuction> All => [.. Factories.Values.Select(f => f(CallAuctionParameters.Default))];

    /// <summary>The auction named <paramref name="name"/> with <paramref name="parameters"/>.</summary>
    /// <exception cref="KeyNotFoundException">When no auction has that name.</exception>
    public static ICallAuction Create(string name, CallAuctionParameters? parameters = null) =>
        Factories.TryGetValue(name, out var f) ? f(parameters ?? CallAuctionParameters.Default) : throw new KeyNotFoundException($"No call auction is named '{name}'; known: {string.Join(", ", Names)}.");
}
