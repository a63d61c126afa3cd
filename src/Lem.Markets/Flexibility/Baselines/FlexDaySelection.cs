namespace Lem.Markets.Flexibility.Baselines;

/// <summary>Which X of the Y most recent comparable days the "X of Y days" baseline averages.</summary>
public enum FlexDaySelection
{
    /// <summary>The X days with the highest mean consumption (lowest mean net injection) over the horizon (PJM's "High X of Y").</summary>
    Highest,

    /// <summary>The X most recent days.</summary>
    MostRecent,
}
