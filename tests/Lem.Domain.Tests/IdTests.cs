using Lem.Domain.Ids;

namespace Lem.Domain.Tests;

public sealed class IdTests
{
    [Theory]
    [InlineData("h1")]
    [InlineData("house-42_pv.1")]
    [InlineData("grid:bus/7")]
    [InlineData("a@b")]
    public void Ids_AcceptTheAllowedCharacters(string value)
    {
        Assert.Null(IdRules.Problem(value));
        Assert.Equal(value, new ParticipantId(value).Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ümlaut")]
    [InlineData("semi;colon")]
    public void Ids_RejectEmptyOrForbiddenCharacters(string value)
    {
        Assert.NotNull(IdRules.Problem(value));
        Assert.Throws<ArgumentException>(() => new AssetId(value));
        Assert.False(OrderId.TryCreate(value, out _));
    }

    [Fact]
    public void Ids_RejectTooLongValues()
    {
        var s = new string('x', IdRules.MaxLength + 1);
        Assert.Contains("at most 64", IdRules.Problem(s), StringComparison.Ordinal);
        Assert.Null(IdRules.Problem(new string('x', IdRules.MaxLength)));
    }

    [Fact]
    public void Ids_CompareOrdinallyAndCaseSensitively()
    {
        Assert.NotEqual(new BusId("A1"), new BusId("a1"));
        Assert.Equal(new BusId("7"), new BusId("7"));
        Assert.True(new ParticipantId("B").CompareTo(new ParticipantId("a")) < 0);
        var set = new HashSet<ParticipantId> { new("x"), new("x") };
        Assert.Single(set);
    }
}
