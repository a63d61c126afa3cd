namespace Lem.Grid.Network;

/// <summary>The winding of a transformer that carries the tap changer.</summary>
public enum TapSide
{
    /// <summary>The high-voltage winding.</summary>
    Hv,

    /// <summary>The low-voltage winding.</summary>
    Lv,
}
