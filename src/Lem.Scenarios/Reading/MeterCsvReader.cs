using System.Globalization;
using Lem.Scenarios.Series;
using Lem.Settlement.Metering;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads meter readings from a CSV file in long format: a header <c>participant,slot,energy_kwh</c> and one row per
/// participant and slot with the metered net energy in kWh (injection positive, <c>.</c> as decimal point; <c>.gz</c>
/// files are decompressed). Every problem — unknown participant, slot out of range, repeated participant and slot,
/// a value that is not a finite number, a malformed row — is reported with <c>file:line</c>.
/// </summary>
public static class MeterCsvReader
{
    /// <summary>The header the file must start with.</summary>
    public const string Header = "participant,slot,energy_kwh";

    /// <summary>The largest file accepted (after decompression), bytes.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>The largest absolute reading accepted, kWh per slot.</summary>
    public const double MaxAbsKwh = 1_000_000;

    private const int MaxErrors = 200;

    /// <summary>Reads a meter file against the participants that are settled and the number of slots.</summary>
    public static MeterReadResult Read(string path, IReadOnlyCollection<ParticipantId> participants, int slotCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(participants);
        var display = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return Fail(new ValidationError(path, ValidationCodes.FileMissing, $"The meter file '{path}' does not exist."));
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            return Fail(new ValidationError(display, ValidationCodes.SizeLimit, $"The meter file '{display}' is larger than {MaxBytes} bytes, the limit."));
        }

        try
        {
            using var reader = InputFiles.OpenText(path, MaxBytes);
            return Read(reader, display, participants, slotCount);
        }
        catch (InputTooLargeException)
        {
            return Fail(InputFiles.TooLarge(display, MaxBytes));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return Fail(new ValidationError(display, ValidationCodes.FileMalformed, $"The meter file '{display}' cannot be read: {ex.Message}"));
        }
    }

    /// <summary>Reads meter CSV text; <paramref name="display"/> names the file in messages.</summary>
    public static MeterReadResult Read(TextReader reader, string display, IReadOnlyCollection<ParticipantId> participants, int slotCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(participants);
        var errors = new List<ValidationError>();
        void Error(int line, string code, string message)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add(new ValidationError($"{display}:{line}", code, message));
            }
            else if (errors.Count == MaxErrors)
            {
                errors.Add(new ValidationError(display, ValidationCodes.SizeLimit, $"More than {MaxErrors} problems were found in '{display}'; only the first {MaxErrors} are listed."));
            }
        }

        using var records = CsvRecordReader.Read(reader).GetEnumerator();
        try
        {
            if (!records.MoveNext())
            {
                return Fail(new ValidationError($"{display}:1", ValidationCodes.FileMalformed, $"The meter file '{display}' is empty; it needs the header '{Header}'."));
            }
        }
        catch (CsvFormatException ex)
        {
            return Fail(new ValidationError($"{display}:{ex.Line}", ex.Code, ex.Message));
        }

        var columns = records.Current.Cells.Select(c => c.Trim().TrimStart('\uFEFF').Trim()).ToList();
        if (!columns.SequenceEqual(Header.Split(','), StringComparer.Ordinal))
        {
            return Fail(new ValidationError($"{display}:1", ValidationCodes.FileMalformed, $"The header of '{display}' is '{string.Join(',', records.Current.Cells).Trim()}'; it must be '{Header}'."));
        }

        var known = participants.Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var seen = new Dictionary<(string, int), int>();
        var readings = new List<(ParticipantId, int, double)>();
        while (true)
        {
            try
            {
                if (!records.MoveNext())
                {
                    break;
                }
            }
            catch (CsvFormatException ex) when (ex.Code == ValidationCodes.SizeLimit)
            {
                // A refused file: its one problem, not what was found before the refusal.
                return Fail(new ValidationError($"{display}:{ex.Line}", ex.Code, ex.Message));
            }
            catch (CsvFormatException ex)
            {
                Error(ex.Line, ex.Code, ex.Message);
                break;
            }

            var record = records.Current;
            var lineNo = record.Line;
            if (record.IsBlank)
            {
                continue;
            }

            var cells = record.Cells;
            if (cells.Count != 3)
            {
                Error(lineNo, ValidationCodes.FileMalformed, $"The row has {cells.Count} cells; it needs 3 ({Header}).");
                continue;
            }

            var who = cells[0].Trim();
            var slotText = cells[1].Trim();
            var valueText = cells[2].Trim();
            var ok = true;
            if (!known.Contains(who))
            {
                Error(lineNo, ValidationCodes.UnknownParticipant, who.Length == 0 ? "The participant is empty." : $"'{who}' is not a settled participant of the scenario.");
                ok = false;
            }

            if (!int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
            {
                Error(lineNo, ValidationCodes.FileMalformed, $"The slot '{slotText}' is not a whole number ≥ 0.");
                ok = false;
            }
            else if (slot >= slotCount)
            {
                Error(lineNo, ValidationCodes.ValueOutOfRange, $"Slot {slot} is out of range; the horizon has slots 0 to {slotCount - 1}.");
                ok = false;
            }

            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var kwh))
            {
                Error(lineNo, ValidationCodes.FileMalformed, $"energy_kwh '{valueText}' is not a number.");
                ok = false;
            }
            else if (!double.IsFinite(kwh))
            {
                Error(lineNo, ValidationCodes.ValueNotFinite, $"energy_kwh is '{valueText}'; it must be a finite number.");
                ok = false;
            }
            else if (Math.Abs(kwh) > MaxAbsKwh)
            {
                Error(lineNo, ValidationCodes.ValueOutOfRange, $"energy_kwh = {valueText} is out of range; it must be in [-{MaxAbsKwh}, {MaxAbsKwh}] kWh.");
                ok = false;
            }

            if (!ok)
            {
                continue;
            }

            if (seen.TryGetValue((who, slot), out var first))
            {
                Error(lineNo, ValidationCodes.FileMalformed, $"'{who}' already has a reading for slot {slot} (line {first}).");
                continue;
            }

            seen[(who, slot)] = lineNo;
            readings.Add((new ParticipantId(who), slot, kwh));
        }

        return errors.Count > 0 ? new MeterReadResult(null, errors) : new MeterReadResult(new MeterReadings(readings), []);
    }

    private static MeterReadResult Fail(ValidationError error) => new(null, [error]);
}
