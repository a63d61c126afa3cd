using Lem.Settlement.Allocation;
using Lem.Testing;

namespace Lem.Settlement.Tests.Allocation;

/// <summary>Jain's index and the Gini coefficient (docs/allocation.md#fairness-indices), including their documented edge cases.</summary>
public sealed class FairnessIndexTests
{
    [Theory]
    [InlineData(new[] { 70.0 / 3, 40.0 / 3, 70.0 / 3 }, 0.947368421052631, 0.111111111111111)]
    [InlineData(new[] { 25.0, 10.0, 25.0 }, 0.888888888888889, 0.166666666666667)]
    [InlineData(new[] { 20.0, 20.0, 20.0 }, 1.0, 0.0)]
    public void JainAndGini_Section11Savings_MatchTable(double[] savings, double jain, double gini)
    {
        Approx.Equal(jain, FairnessIndex.Jain(savings), 1e-12, what: "Jain");
        Approx.Equal(gini, FairnessIndex.Gini(savings), 1e-12, what: "Gini");
    }

    [Fact]
    public void Jain_OneNonZeroValue_IsOneOverN()
    {
        Approx.Equal(0.25, FairnessIndex.Jain([0, 0, 7, 0]), 1e-15);
    }

    [Fact]
    public void Gini_OneHolderOfEverything_IsOneMinusOneOverN()
    {
        // Σ|z_i − z_j| = 2(N−1)a, mean a/N → G = (N−1)/N.
        Approx.Equal(0.75, FairnessIndex.Gini([0, 0, 7, 0]), 1e-15);
    }

    [Fact]
    public void Gini_MatchesDoubleSumDefinition_OnRandomVectors()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 50; trial++)
        {
            var z = Enumerable.Range(0, 1 + rng.Next(12)).Select(_ => rng.NextDouble() * 10 - 1).ToArray();
            var absoluteMean = z.Average(Math.Abs);
            double pairs = 0;
            foreach (var a in z)
            {
                foreach (var b in z)
                {
                    pairs += Math.Abs(a - b);
                }
            }

            // docs/allocation.md: the mean absolute value in place of the mean (the same for non-negative z).
            var expected = absoluteMean > 0 ? pairs / (2.0 * z.Length * z.Length * absoluteMean) : double.NaN;
            var actual = FairnessIndex.Gini(z);
            if (double.IsNaN(expected))
            {
                Assert.True(double.IsNaN(actual));
            }
            else
            {
                Approx.Equal(expected, actual, 1e-12, 1e-12);
                Assert.InRange(actual, 0.0, 1.0);
            }
        }
    }

    [Fact]
    public void Jain_AllZero_IsOne()
    {
        Assert.Equal(1.0, FairnessIndex.Jain([0, 0, 0]));
    }

    [Fact]
    public void Gini_AllZero_IsNaN()
    {
        Assert.True(double.IsNaN(FairnessIndex.Gini([0, 0, 0])));
    }

    [Fact]
    public void Gini_NegativeSavings_IsNormalisedByTheMeanAbsoluteValue()
    {
        // z = (−10, 1, 12): Σ_i Σ_j |z_i − z_j| = 2·(11 + 22 + 11) = 88, Σ|z| = 23 → G = 88 / (2·3·23) = 0.6377.
        // The mean 1 in the denominator would give 88 / (2·9·1) = 4.89, outside [0, 1].
        Approx.Equal(88.0 / 138, FairnessIndex.Gini([-10, 1, 12]), 1e-12, what: "Gini with a negative saving");

        // Mean not positive: still defined. (−3, 1, 1): 2·(4 + 4 + 0) = 16, Σ|z| = 5 → 16 / 30.
        Approx.Equal(16.0 / 30, FairnessIndex.Gini([-3, 1, 1]), 1e-12, what: "Gini with a negative mean");
        Assert.StartsWith("1 of 3 savings negative", FairnessIndex.NegativeValuesCaveat([-3, 1, 1], "savings"), StringComparison.Ordinal);
        Assert.Null(FairnessIndex.NegativeValuesCaveat([0, 1, 1], "savings"));
    }

    [Fact]
    public void Indices_EmptyOrNonFinite_Throw()
    {
        Assert.Throws<ArgumentException>(() => FairnessIndex.Jain([]));
        Assert.Throws<ArgumentException>(() => FairnessIndex.Gini([]));
        Assert.Throws<ArgumentException>(() => FairnessIndex.Jain([1, double.NaN]));
        Assert.Throws<ArgumentException>(() => FairnessIndex.Gini([1, double.PositiveInfinity]));
    }
}
