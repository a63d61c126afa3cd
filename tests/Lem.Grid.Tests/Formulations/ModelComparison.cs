using Lem.Optimization;

namespace Lem.Grid.Tests.Formulations;

/// <summary>Asserts that two optimisation models are the same: variables, rows, cones, nonlinear rows and start values.</summary>
internal static class ModelComparison
{
    /// <summary>Every part of <paramref name="actual"/> equals the same part of <paramref name="expected"/>, coefficient by coefficient.</summary>
    public static void AssertSame(OptimizationModel expected, OptimizationModel actual)
    {
        Assert.Equal(expected.Variables.Count, actual.Variables.Count);
        for (var j = 0; j < expected.Variables.Count; j++)
        {
            Assert.Equal(expected.Variables[j], actual.Variables[j]);
        }

        Assert.Equal(expected.Constraints.Count, actual.Constraints.Count);
        for (var r = 0; r < expected.Constraints.Count; r++)
        {
            var (e, a) = (expected.Constraints[r], actual.Constraints[r]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Lower, a.Lower);
            Assert.Equal(e.Upper, a.Upper);
            AssertSame(e.Expression, a.Expression, e.Name);
        }

        Assert.Equal(expected.Cones.Count, actual.Cones.Count);
        for (var c = 0; c < expected.Cones.Count; c++)
        {
            var (e, a) = (expected.Cones[c], actual.Cones[c]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.Head, a.Head);
            Assert.Equal(e.SecondHead, a.SecondHead);
            Assert.Equal(e.Terms.Count, a.Terms.Count);
            for (var t = 0; t < e.Terms.Count; t++)
            {
                AssertSame(e.Terms[t], a.Terms[t], e.Name);
            }
        }

        Assert.Equal(expected.NonlinearConstraints.Count, actual.NonlinearConstraints.Count);
        for (var c = 0; c < expected.NonlinearConstraints.Count; c++)
        {
            var (e, a) = (expected.NonlinearConstraints[c], actual.NonlinearConstraints[c]);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Lower, a.Lower);
            Assert.Equal(e.Upper, a.Upper);
            AssertSame(e.Function, a.Function, e.Name);
        }

        Assert.Equal(expected.StartValues.OrderBy(kv => kv.Key), actual.StartValues.OrderBy(kv => kv.Key));
    }

    private static void AssertSame(LinearExpression expected, LinearExpression actual, string? row)
    {
        Assert.True(expected.Indices.SequenceEqual(actual.Indices), $"{row}: the variables differ");
        Assert.True(expected.Coefficients.SequenceEqual(actual.Coefficients), $"{row}: the coefficients differ");
        Assert.Equal(expected.Constant, actual.Constant);
    }

    /// <summary>Same variables and Hessian structure, and the same value and gradient at two points.</summary>
    private static void AssertSame(INonlinearFunction expected, INonlinearFunction actual, string? row)
    {
        Assert.Equal(expected.Variables, actual.Variables);
        Assert.Equal(expected.HessianStructure, actual.HessianStructure);
        var n = expected.Variables.Count;
        foreach (var seed in new[] { 1, 2 })
        {
            var x = new double[n];
            for (var k = 0; k < n; k++)
            {
                x[k] = 1.0 + (0.05 * Math.Sin((seed * 7.0) + (k * 1.3)));
            }

            Assert.True(expected.Value(x) == actual.Value(x), $"{row}: the values differ");
            var ge = new double[n];
            var ga = new double[n];
            expected.Gradient(x, ge);
            actual.Gradient(x, ga);
            Assert.True(ge.SequenceEqual(ga), $"{row}: the gradients differ");
        }
    }
}
