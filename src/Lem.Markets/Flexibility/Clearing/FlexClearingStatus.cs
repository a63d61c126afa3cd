namespace Lem.Markets.Flexibility.Clearing;

/// <summary>How a flexibility clearing ended.</summary>
public enum FlexClearingStatus
{
    /// <summary>The AC power flow of the result shows no violation.</summary>
    Cleared,

    /// <summary>The offers cannot meet every limit or request even in the linear model; the best selection is reported with what remains.</summary>
    InsufficientFlexibility,

    /// <summary>The linear problem was met, but the AC check still shows violations after the last round.</summary>
    ViolationsRemain,

    /// <summary>The AC power flow did not converge in some slot.</summary>
    PowerFlowFailed,
}
