namespace Lem.Settlement.Billing;

/// <summary>The groups of invoice lines.</summary>
public enum InvoiceCategory
{
    /// <summary>Energy bought and sold at the cleared prices.</summary>
    Energy,

    /// <summary>The DSO's grid tariff: energy, capacity, peak, distance and fixed charges, local discount.</summary>
    GridTariff,

    /// <summary>Levies and electricity tax on consumption, fixed levies.</summary>
    TaxesAndLevies,

    /// <summary>The market operator's fee.</summary>
    OperatorFee,

    /// <summary>Imbalance: metered minus scheduled energy at the imbalance prices.</summary>
    Imbalance,

    /// <summary>Value added tax on the net amount.</summary>
    Vat,

    /// <summary>Transfers among participants by the compensation rule (they sum to zero over the community).</summary>
    Compensation,
}
