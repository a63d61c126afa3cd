namespace Lem.Markets.Assets;

/// <summary>Which requirement of a heat pump cannot be met.</summary>
internal enum HeatPumpProblemKind
{
    /// <summary>The thermal demand drains the store below the comfort minimum even at maximum power.</summary>
    TooCold,

    /// <summary>The minimum power fills the store above the comfort maximum.</summary>
    TooWarm,

    /// <summary>The store cannot hold the final heat at the end of the horizon.</summary>
    FinalUnreachable,
}
