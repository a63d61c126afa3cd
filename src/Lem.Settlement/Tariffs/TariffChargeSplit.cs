namespace Lem.Settlement.Tariffs;

/// <summary>Who pays a charge on a bilateral trade.</summary>
public enum TariffChargeSplit
{
    /// <summary>The buyer pays all of it.</summary>
    Buyer,

    /// <summary>The seller pays all of it.</summary>
    Seller,

    /// <summary>Buyer and seller pay half each.</summary>
    Half,
}
