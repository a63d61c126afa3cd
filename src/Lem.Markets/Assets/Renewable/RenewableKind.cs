namespace Lem.Markets.Assets;

/// <summary>The primary energy source of a variable renewable generator.</summary>
public enum RenewableKind
{
    /// <summary>Photovoltaic (solar) generation.</summary>
    Pv,

    /// <summary>Wind generation.</summary>
    Wind,
}
