using Lem.Domain.Validation;
using Lem.Scenarios.Reading;
using Lem.Settlement.Metering;

namespace Lem.Settlement.Tests.Metering;

/// <summary>Quoted cells in meter files (the CSV dialect of docs/scenario-format.md).</summary>
public sealed class MeterCsvQuotingTests
{
    private static readonly ParticipantId[] Known = [new("anna"), new("ben")];

    private static MeterReadResult Read(string text) => MeterCsvReader.Read(new StringReader(text), "meters.csv", Known, slotCount: 4);

    [Fact]
    public void QuotedCells_AreUnquoted_AndAQuotedLineBreakStaysInItsCell()
    {
        var ok = Read("participant,slot,energy_kwh\n\"anna\",\"0\",\"-1.5\"\nben,1,2\n");
        Assert.True(ok.IsValid, string.Join("\n", ok.Errors));
        Assert.Equal(-1.5, ok.Readings!.EnergyKwh(new ParticipantId("anna"), 0));
        Assert.Equal(2.0, ok.Readings.EnergyKwh(new ParticipantId("ben"), 1));

        // Lines 3-4 are one record whose participant holds the line break; line 5 keeps its number.
        var r = Read("participant,slot,energy_kwh\nanna,0,1\n\"zoe\nzack\",1,2\nben,9,1\n");
        Assert.Equal(
            [("meters.csv:3", ValidationCodes.UnknownParticipant), ("meters.csv:5", ValidationCodes.ValueOutOfRange)],
            r.Errors.Select(e => (e.Path, e.Code)));
        Assert.Contains("'zoe\nzack'", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedQuote_IsAMalformedFileError_AtFileAndLine()
    {
        var r = Read("participant,slot,energy_kwh\nanna,0,1\nben,\"1,2\nanna,2,3\n");

        Assert.False(r.IsValid);
        Assert.Null(r.Readings);
        var e = Assert.Single(r.Errors);
        Assert.Equal(("meters.csv:3", ValidationCodes.FileMalformed), (e.Path, e.Code));
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);

        var header = Assert.Single(Read("participant,\"slot,energy_kwh\n").Errors);
        Assert.Equal(("meters.csv:1", ValidationCodes.FileMalformed), (header.Path, header.Code));
    }
}
