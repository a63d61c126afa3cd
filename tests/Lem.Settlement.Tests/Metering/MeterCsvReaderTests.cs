using Lem.Domain.Validation;
using Lem.Scenarios.Reading;
using Lem.Settlement.Metering;

namespace Lem.Settlement.Tests.Metering;

public sealed class MeterCsvReaderTests
{
    private static readonly ParticipantId[] Known = [new("anna"), new("ben")];

    private static MeterReadResult Read(string text) => MeterCsvReader.Read(new StringReader(text), "meters.csv", Known, slotCount: 4);

    [Fact]
    public void Read_ValidFile_ReturnsEveryReading_AndNothingForUnlistedSlots()
    {
        var r = Read("participant,slot,energy_kwh\nanna,0,-1.25\nben,3,2\n\nanna,1,-0.5e0\n");

        Assert.True(r.IsValid, string.Join("\n", r.Errors));
        Assert.Equal(3, r.Readings!.Count);
        Assert.Equal(-1.25, r.Readings.EnergyKwh(new ParticipantId("anna"), 0));
        Assert.Equal(-0.5, r.Readings.EnergyKwh(new ParticipantId("anna"), 1));
        Assert.Equal(2.0, r.Readings.EnergyKwh(new ParticipantId("ben"), 3));
        Assert.Null(r.Readings.EnergyKwh(new ParticipantId("ben"), 0));
    }

    [Fact]
    public void Read_BadRows_ReportsEveryProblemWithFileAndLine()
    {
        var r = Read(string.Join('\n',
            "participant,slot,energy_kwh",
            "anna,0,-1",           // 2: fine
            "zoe,1,-1",            // 3: unknown participant
            "ben,4,1",             // 4: slot out of range
            "ben,x,1",             // 5: slot not a number
            "anna,0,-2",           // 6: duplicate of line 2
            "ben,2,lots",          // 7: not a number
            "ben,3,NaN",           // 8: not finite
            "ben,1",               // 9: missing cell
            "ben,1,2e9"));         // 10: out of range

        Assert.False(r.IsValid);
        Assert.Null(r.Readings);
        Assert.Equal(
            [
                ("meters.csv:3", ValidationCodes.UnknownParticipant),
                ("meters.csv:4", ValidationCodes.ValueOutOfRange),
                ("meters.csv:5", ValidationCodes.FileMalformed),
                ("meters.csv:6", ValidationCodes.FileMalformed),
                ("meters.csv:7", ValidationCodes.FileMalformed),
                ("meters.csv:8", ValidationCodes.ValueNotFinite),
                ("meters.csv:9", ValidationCodes.FileMalformed),
                ("meters.csv:10", ValidationCodes.ValueOutOfRange),
            ],
            r.Errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("'zoe'", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", r.Errors[3].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("participant,energy_kwh,slot\n")]
    [InlineData("time,anna,ben\n")]
    public void Read_WrongHeader_IsRefusedAtLineOne(string text)
    {
        var r = Read(text);
        var error = Assert.Single(r.Errors);
        Assert.Equal("meters.csv:1", error.Path);
        Assert.Equal(ValidationCodes.FileMalformed, error.Code);
        Assert.Contains(MeterCsvReader.Header, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_SaysSo()
    {
        var r = MeterCsvReader.Read(Path.Combine(Path.GetTempPath(), "lem-no-such-meters.csv"), Known, 4);
        Assert.Equal(ValidationCodes.FileMissing, Assert.Single(r.Errors).Code);
    }
}
