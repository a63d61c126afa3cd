namespace Lem.Markets.Assets;

/// <summary>What an asset kind needs from the scenario reader besides the JSON entry: the horizon, series and time stamps.</summary>
public interface IAssetReadContext
{
    /// <summary>The horizon, once it was read without problems; null otherwise.</summary>
    Horizon? Horizon { get; }

    /// <summary>
    /// Reads a time series property (a number, an array with one number per slot, or a CSV reference), checked against
    /// <paramref name="range"/>; problems go to the owner's diagnostics and give null.
    /// </summary>
    SlotSeries? Series(ObjectReader owner, string name, bool required, NumberRange range, string unit);

    /// <summary>Reads a time stamp property in the horizon's zone, reporting DST gaps and ambiguous times.</summary>
    Instant? Time(ObjectReader owner, string name, bool required);
}
