using Lem.Settlement.Billing;

namespace Lem.Settlement.Invoices;

/// <summary>
/// The wording of the budget check in text and HTML outputs (docs/settlement.md#budget-identity): whether the identity
/// holds, and who bears the operator's residual. The identity holds whatever the residual is, because the residual is
/// the term that closes it; the wording keeps the two apart so a non-zero residual never reads as an imbalance.
/// </summary>
public static class BudgetText
{
    /// <summary>Whether the identity holds: "Budget identity holds to the cent" or "Budget identity does NOT hold".</summary>
    public static string Identity(BudgetBalance budget) => "Budget identity " + IdentityStatus(budget);

    /// <summary>Whether the identity holds, without the subject: "holds to the cent" or "does NOT hold".</summary>
    public static string IdentityStatus(BudgetBalance budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return budget.IsBalanced ? "holds to the cent" : "does NOT hold";
    }

    /// <summary>The operator's residual with who bears it: "−1.81 EUR (paid by the operator)", "0.42 EUR (kept by the operator)" or "0.00 EUR".</summary>
    public static string Residual(decimal residualEur) => residualEur switch
    {
        < 0 => $"{SettlementHtml.Money(residualEur)} EUR (paid by the operator)",
        > 0 => $"{SettlementHtml.Money(residualEur)} EUR (kept by the operator)",
        _ => $"{SettlementHtml.Money(residualEur)} EUR",
    };
}
