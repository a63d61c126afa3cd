namespace Lem.Settlement.Billing;

/// <summary>What the compensation rule did.</summary>
public enum CompensationStatus
{
    /// <summary>The scenario asks for no compensation.</summary>
    Disabled,

    /// <summary>Nobody is worse off than on the retail tariff; nothing to transfer.</summary>
    NotNeeded,

    /// <summary>The losses were made good by the winners.</summary>
    Applied,

    /// <summary>The community's total gain is smaller than the losses; nothing was transferred.</summary>
    InsufficientGain,
}
