namespace Lem.Markets.Flexibility.Domain;

/// <summary>
/// The one registry that maps each flexible asset to its connection, bus, congestion point and FSP
/// (docs/mechanisms/flexibility.md#registry). Offers that name an asset take their bus and FSP from here, so an asset
/// cannot be offered by two FSPs or at two places.
/// </summary>
public sealed class FlexibleAssetRegistry
{
    private readonly Dictionary<AssetId, FlexibleAsset> _assets = [];
    private readonly List<FlexibleAsset> _order = [];

    /// <summary>The registered assets in registration order.</summary>
    public IReadOnlyList<FlexibleAsset> Assets => _order;

    /// <summary>Registers an asset.</summary>
    /// <exception cref="ArgumentException">When the asset is registered already.</exception>
    public void Register(FlexibleAsset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        if (!_assets.TryAdd(asset.Id, asset))
        {
            throw new ArgumentException($"The flexible asset '{asset.Id}' is registered already (to FSP '{_assets[asset.Id].Fsp}').", nameof(asset));
        }

        _order.Add(asset);
    }

    /// <summary>Finds a registered asset.</summary>
    public bool TryGet(AssetId id, out FlexibleAsset asset) => _assets.TryGetValue(id, out asset!);

    /// <summary>The assets registered at a congestion point.</summary>
    public IEnumerable<FlexibleAsset> AtCongestionPoint(string congestionPoint) => _order.Where(a => a.CongestionPoint == congestionPoint);

    /// <summary>The assets of an FSP.</summary>
    public IEnumerable<FlexibleAsset> Of(ParticipantId fsp) => _order.Where(a => a.Fsp == fsp);
}
