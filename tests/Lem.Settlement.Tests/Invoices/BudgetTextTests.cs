using Lem.Settlement.Invoices;

namespace Lem.Settlement.Tests.Invoices;

/// <summary>The budget wording (docs/settlement.md#budget-identity): who bears the operator's residual, never "balanced" beside it.</summary>
public sealed class BudgetTextTests
{
    [Theory]
    [InlineData("-1.81", "-1.81 EUR (paid by the operator)")]
    [InlineData("0.42", "0.42 EUR (kept by the operator)")]
    [InlineData("0", "0.00 EUR")]
    public void Residual_SaysWhoBearsIt(string residual, string expected)
    {
        var text = BudgetText.Residual(decimal.Parse(residual, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, text);
        Assert.DoesNotContain("balanced", text, StringComparison.OrdinalIgnoreCase);
    }
}
