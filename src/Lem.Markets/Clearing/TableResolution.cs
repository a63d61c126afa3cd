namespace Lem.Markets.Clearing;

/// <summary>The rows of a run's period table (docs/mechanisms/README.md#the-period-table): one per local hour, or one per slot.</summary>
public enum TableResolution
{
    /// <summary>One row per local clock hour: energy summed over the hour's slots, prices averaged over them.</summary>
    Hour,

    /// <summary>One row per slot.</summary>
    Slot,
}
