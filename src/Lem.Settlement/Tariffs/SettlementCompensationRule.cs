namespace Lem.Settlement.Tariffs;

/// <summary>How the community makes good the loss of participants whose bill is above their retail baseline.</summary>
public enum SettlementCompensationRule
{
    /// <summary>No compensation: the participants who are worse off are only listed.</summary>
    None,

    /// <summary>
    /// When the community's total gain allows it, every participant who is worse off receives exactly its loss, paid by
    /// the participants who gain in proportion to their savings; otherwise nothing is transferred.
    /// </summary>
    Proportional,
}
