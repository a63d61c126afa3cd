namespace Lem.Markets.Assets;

/// <summary>
/// The registry of asset kinds, keyed by the scenario <c>type</c> name (docs/scenario-format.md#assets). The order is
/// the order in which the types are listed in messages and in which storage rows are written.
/// </summary>
public static class AssetKinds
{
    private static readonly AssetKind[] Kinds =
    [
        new InflexibleLoadKind(),
        new RenewableGeneratorKind(),
        new BatteryKind(),
        new ElectricVehicleKind(),
        new FlexibleLoadKind(),
        new CurtailableLoadKind(),
        new HeatPumpKind(),
    ];

    private static readonly Dictionary<string, AssetKind> ByName = Kinds.SelectMany(k => k.TypeNames.Select(n => (n, k))).ToDictionary(x => x.n, x => x.k, StringComparer.Ordinal);

    private static readonly Dictionary<Type, AssetKind> ByType = Kinds.ToDictionary(k => k.AssetType);

    /// <summary>Every registered kind, in registry order.</summary>
    public static IReadOnlyList<AssetKind> All => Kinds;

    /// <summary>Every scenario <c>type</c> name, in registry order.</summary>
    public static IReadOnlyList<string> TypeNames { get; } = [.. Kinds.SelectMany(k => k.TypeNames)];

    /// <summary>The kind of a scenario <c>type</c> name, or null when none is registered under it.</summary>
    public static AssetKind? Find(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        return ByName.GetValueOrDefault(typeName);
    }

    /// <summary>The kind of an asset record.</summary>
    /// <exception cref="ArgumentException">When no registered kind handles the asset's record type.</exception>
    public static AssetKind Of(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return ByType.TryGetValue(asset.GetType(), out var kind)
            ? kind
            : throw new ArgumentException($"Asset '{asset.Id}' is of a kind ({asset.Kind}, {asset.GetType().Name}) that no registered asset kind handles; known types: {string.Join(", ", TypeNames)}.", nameof(asset));
    }

    /// <summary>The position of a <c>type</c> name in the registry (int.MaxValue when unknown), for ordering outputs by kind.</summary>
    public static int OrderOf(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        for (var i = 0; i < Kinds.Length; i++)
        {
            if (Kinds[i].TypeNames.Contains(typeName, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
