namespace Lem.Markets.Flexibility.Pricing;

/// <summary>The registry of pricing rules by name: <c>pay-as-bid</c> (the default) and <c>uniform</c> (locational).</summary>
public static class FlexPricingRules
{
    private static readonly IReadOnlyList<IFlexPricingRule> All = [new PayAsBidPricing(), new LocationalUniformPricing()];

    /// <summary>The names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(r => r.Name)];

    /// <summary>The default rule: pay-as-bid.</summary>
    public static IFlexPricingRule Default => All[0];

    /// <summary>The rule of a name.</summary>
    /// <exception cref="ArgumentException">When the name is unknown.</exception>
    public static IFlexPricingRule ByName(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"Unknown pricing rule '{name}'; use one of {string.Join(", ", Names)}.", nameof(name));
}
