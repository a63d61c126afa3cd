using Lem.Optimization.Ipopt;

namespace Lem.Optimization.Tests;

/// <summary>
/// <see cref="IpoptStatus"/> is declared in ascending order with implicit values inside each run of codes; these are the
/// values of <c>ApplicationReturnStatus</c> in Ipopt's <c>IpReturnCodes_inc.h</c>, written out one by one.
/// </summary>
public sealed class IpoptStatusTests
{
    [Theory]
    [InlineData(IpoptStatus.SolveSucceeded, 0)]
    [InlineData(IpoptStatus.SolvedToAcceptableLevel, 1)]
    [InlineData(IpoptStatus.InfeasibleProblemDetected, 2)]
    [InlineData(IpoptStatus.SearchDirectionBecomesTooSmall, 3)]
    [InlineData(IpoptStatus.DivergingIterates, 4)]
    [InlineData(IpoptStatus.UserRequestedStop, 5)]
    [InlineData(IpoptStatus.FeasiblePointFound, 6)]
    [InlineData(IpoptStatus.MaximumIterationsExceeded, -1)]
    [InlineData(IpoptStatus.RestorationFailed, -2)]
    [InlineData(IpoptStatus.ErrorInStepComputation, -3)]
    [InlineData(IpoptStatus.MaximumCpuTimeExceeded, -4)]
    [InlineData(IpoptStatus.NotEnoughDegreesOfFreedom, -10)]
    [InlineData(IpoptStatus.InvalidProblemDefinition, -11)]
    [InlineData(IpoptStatus.InvalidOption, -12)]
    [InlineData(IpoptStatus.InvalidNumberDetected, -13)]
    [InlineData(IpoptStatus.UnrecoverableException, -100)]
    [InlineData(IpoptStatus.NonIpoptExceptionThrown, -101)]
    [InlineData(IpoptStatus.InsufficientMemory, -102)]
    [InlineData(IpoptStatus.InternalError, -199)]
    public void Status_HasTheValueOfTheCHeader(IpoptStatus status, int expected) =>
        Assert.Equal(expected, (int)status);

    [Fact]
    public void EveryStatus_IsPinnedByACaseAbove() =>
        Assert.Equal(19, Enum.GetValues<IpoptStatus>().Distinct().Count());
}
