using Xunit;

namespace Lem.Testing;

/// <summary>Approximate assertions for floating-point results.</summary>
public static class Approx
{
    /// <summary>Asserts |actual - expected| &lt;= absTol + relTol * |expected|.</summary>
    public static void Equal(double expected, double actual, double absTol = 1e-9, double relTol = 0, string? what = null)
    {
        var tol = absTol + relTol * Math.Abs(expected);
        Assert.True(
            Math.Abs(actual - expected) <= tol,
            $"{what ?? "value"}: expected {expected:R} ± {tol:G3}, got {actual:R} (difference {actual - expected:G3}).");
    }
}
