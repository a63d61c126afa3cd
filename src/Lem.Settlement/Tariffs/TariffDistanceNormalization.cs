namespace Lem.Settlement.Tariffs;

/// <summary>The normalisation d̄ of a distance-based charge.</summary>
public enum TariffDistanceNormalization
{
    /// <summary>The largest distance between two members' buses: the most distant pair pays γ.</summary>
    Max,

    /// <summary>The mean distance over the pairs of members' buses: an average pair pays γ.</summary>
    Mean,
}
