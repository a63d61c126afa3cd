namespace Lem.Settlement.LocalPricing;

/// <summary>The registry of local price rules by name (docs/settlement.md#local-price-rules).</summary>
public static class LocalPriceRules
{
    private static readonly ILocalPriceRule[] All = [new MidMarketRate(), new SupplyDemandRatio()];

    /// <summary>The registered names, in registration order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Name)];

    /// <summary>The rule registered under <paramref name="name"/>, or null.</summary>
    public static ILocalPriceRule? Find(string name) => All.FirstOrDefault(r => r.Name == name);
}
