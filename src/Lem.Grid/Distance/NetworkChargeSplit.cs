namespace Lem.Grid.Distance;

/// <summary>Who pays a P2P trade's network charge.</summary>
public enum NetworkChargeSplit
{
    /// <summary>Buyer and seller pay half each (the default).</summary>
    Half,

    /// <summary>The buyer pays all of it.</summary>
    Buyer,
}
