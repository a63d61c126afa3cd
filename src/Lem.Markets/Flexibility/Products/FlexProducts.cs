namespace Lem.Markets.Flexibility.Products;

/// <summary>The registry of flexibility products by name.</summary>
public static class FlexProducts
{
    private static readonly IReadOnlyList<IFlexProduct> All = [new ActivationProduct(), new AvailabilityProduct(), new CapacityLimitationProduct()];

    /// <summary>The product names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    /// <summary>The activation product (the default).</summary>
    public static IFlexProduct Activation => All[0];

    /// <summary>Finds a product by name.</summary>
    public static bool TryGet(string name, out IFlexProduct product)
    {
        product = All.FirstOrDefault(p => p.Name == name)!;
        return product is not null;
    }
}
