using System.Globalization;

namespace Lem.Scenarios.Series;

/// <summary>
/// A CSV file of time series aligned to a horizon: a header row, a first column <c>time</c> (local time stamps in
/// the horizon's zone, optionally with offsets) or <c>slot</c> (0-based slot indices), and one numeric column per
/// series. Every problem is reported with <c>file:line</c>.
/// </summary>
public sealed class CsvSeriesTable
{
    private readonly Dictionary<string, double[]> _columns;

    private CsvSeriesTable(string displayPath, Dictionary<string, double[]> columns, bool valid, bool headerRead = false)
    {
        DisplayPath = displayPath;
        _columns = columns;
        IsValid = valid;
        HeaderRead = valid || headerRead;
    }

    /// <summary>The file as shown in error messages (relative to the scenario).</summary>
    public string DisplayPath { get; }

    /// <summary>Whether the file could be read and aligned to the horizon without problems.</summary>
    public bool IsValid { get; }

    /// <summary>
    /// Whether the header row was read, so that <see cref="ColumnNames"/> are the file's columns: false when the file is
    /// missing, refused for its size, or unreadable before its header; then column references are not checked (a
    /// missing column would only repeat the file's problem).
    /// </summary>
    public bool HeaderRead { get; }

    /// <summary>The names of the value columns.</summary>
    public IEnumerable<string> ColumnNames => _columns.Keys;

    /// <summary>The values of a column, or null when there is no such column.</summary>
    public double[]? Column(string name) => _columns.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// Reads a CSV file (plain or <c>.gz</c>) and checks its rows against the horizon's slots, under the default size
    /// limit <see cref="ScenarioLimits.MaxCsvBytes"/>. See <see cref="Read(string, string, Horizon, List{ValidationError}, long)"/>.
    /// </summary>
    public static CsvSeriesTable Read(string fullPath, string displayPath, Horizon horizon, List<ValidationError> errors) =>
        Read(fullPath, displayPath, horizon, errors, ScenarioLimits.MaxCsvBytes);

    /// <summary>
    /// Reads a CSV file (plain or <c>.gz</c>) and checks its rows against the horizon's slots.
    /// Problems go to <paramref name="errors"/>; the table is still returned (possibly invalid) so that column
    /// references can be checked too. A file of more than <paramref name="maxBytes"/> bytes (after decompression,
    /// measured while reading) or with a record longer than <see cref="CsvDialect.MaxRecordChars"/> is refused with one
    /// <c>size.too_large</c> problem and nothing else (docs/scenario-format.md#limits).
    /// </summary>
    public static CsvSeriesTable Read(string fullPath, string displayPath, Horizon horizon, List<ValidationError> errors, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        if (!File.Exists(fullPath))
        {
            errors.Add(new ValidationError(displayPath, ValidationCodes.FileMissing, $"The file '{displayPath}' does not exist."));
            return new CsvSeriesTable(displayPath, columns, false);
        }

        var info = new FileInfo(fullPath);
        if (info.Length > maxBytes)
        {
            errors.Add(new ValidationError(displayPath, ValidationCodes.SizeLimit, $"The file '{displayPath}' has {info.Length} bytes; at most {maxBytes} are allowed."));
            return new CsvSeriesTable(displayPath, columns, false);
        }

        var before = errors.Count;
        ValidationError? refusal = null;
        try
        {
            using var reader = InputFiles.OpenText(fullPath, maxBytes);
            ReadRecords(CsvRecordReader.Read(reader), displayPath, horizon, columns, errors);
        }
        catch (InputTooLargeException)
        {
            refusal = InputFiles.TooLarge(displayPath, maxBytes);
        }
        catch (CsvFormatException ex) when (ex.Code == ValidationCodes.SizeLimit)
        {
            refusal = new ValidationError($"{displayPath}:{ex.Line}", ex.Code, $"'{displayPath}': {ex.Message}");
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new ValidationError($"{displayPath}:{ex.Line}", ex.Code, $"'{displayPath}': {ex.Message}"));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            errors.Add(new ValidationError(displayPath, ValidationCodes.FileMalformed, $"The file '{displayPath}' cannot be read: {ex.Message}"));
        }

        if (refusal is not null)
        {
            // A refused file is not read: what was found in its first part is dropped, and only the refusal is reported.
            errors.RemoveRange(before, errors.Count - before);
            errors.Add(refusal);
            return new CsvSeriesTable(displayPath, [], false);
        }

        return new CsvSeriesTable(displayPath, columns, errors.Count == before, headerRead: columns.Count > 0);
    }

    private static void ReadRecords(IEnumerable<CsvRecord> records, string file, Horizon horizon, Dictionary<string, double[]> columns, List<ValidationError> errors)
    {
        using var e = records.GetEnumerator();
        if (!e.MoveNext())
        {
            errors.Add(new ValidationError($"{file}:1", ValidationCodes.FileMalformed, $"The file '{file}' is empty; it needs a header row such as 'time,load_kw'."));
            return;
        }

        var header = e.Current.Cells.ToList();
        header[0] = header[0].TrimStart('\uFEFF');
        if (header.Count > ScenarioLimits.MaxCsvColumns)
        {
            errors.Add(new ValidationError($"{file}:1", ValidationCodes.SizeLimit, $"The file '{file}' has {header.Count} columns; at most {ScenarioLimits.MaxCsvColumns} are allowed."));
            return;
        }

        var timeKind = header[0].Trim().ToLowerInvariant();
        if (timeKind is not ("time" or "timestamp" or "slot"))
        {
            errors.Add(new ValidationError($"{file}:1", ValidationCodes.FileMalformed, $"The first column of '{file}' must be 'time' (local time stamps) or 'slot' (slot indices), not '{header[0]}'."));
            return;
        }

        var names = new string[header.Count];
        for (var c = 1; c < header.Count; c++)
        {
            names[c] = header[c].Trim();
            if (names[c].Length == 0 || !columns.TryAdd(names[c], new double[horizon.Count]))
            {
                errors.Add(new ValidationError($"{file}:1", ValidationCodes.FileMalformed, names[c].Length == 0 ? $"Column {c + 1} of '{file}' has no name." : $"The column '{names[c]}' appears twice in '{file}'."));
                names[c] = string.Empty;
            }
        }

        var row = 0;
        const int maxRowErrors = 20;
        var rowErrors = 0;
        var at = 1;
        void RowError(string code, string message)
        {
            if (rowErrors++ < maxRowErrors)
            {
                errors.Add(new ValidationError($"{file}:{at}", code, message));
            }
        }

        while (e.MoveNext())
        {
            var record = e.Current;
            at = record.Line;
            if (record.IsBlank)
            {
                continue;
            }

            var cells = record.Cells;
            if (cells.Count != header.Count)
            {
                RowError(ValidationCodes.FileMalformed, $"Line {at} of '{file}' has {cells.Count} cells; the header has {header.Count}.");
                row++;
                continue;
            }

            if (row >= horizon.Count)
            {
                row++;
                continue;
            }

            CheckRowTime(cells[0].Trim(), timeKind, row, horizon, file, RowError);
            for (var c = 1; c < cells.Count; c++)
            {
                if (names[c].Length == 0)
                {
                    continue;
                }

                var text = cells[c].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    RowError(ValidationCodes.FileMalformed, $"'{text}' in column '{names[c]}' of '{file}' is not a number.");
                    v = double.NaN;
                }
                else if (!double.IsFinite(v))
                {
                    RowError(ValidationCodes.ValueNotFinite, $"The value '{text}' in column '{names[c]}' of '{file}' is not finite.");
                    v = double.NaN;
                }

                columns[names[c]][row] = v;
            }

            row++;
        }

        if (rowErrors > maxRowErrors)
        {
            errors.Add(new ValidationError(file, ValidationCodes.FileMalformed, $"{rowErrors - maxRowErrors} further problems in '{file}' are not listed."));
        }

        if (row != horizon.Count)
        {
            errors.Add(new ValidationError(file, ValidationCodes.SeriesLength, $"'{file}' has {row} data rows, but the horizon has {horizon.Count} slots."));
        }
    }

    private static void CheckRowTime(string text, string kind, int row, Horizon horizon, string file, Action<string, string> error)
    {
        if (kind == "slot")
        {
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var slot) || slot != row)
            {
                error(ValidationCodes.TimeMisaligned, $"The slot '{text}' in '{file}' should be {row}: rows must list slots 0, 1, 2, … in order.");
            }

            return;
        }

        var resolution = LocalTimeParser.Resolve(text, horizon.Zone);
        switch (resolution.Status)
        {
            case LocalTimeStatus.Resolved:
                var expected = horizon.Slots[row].Start;
                if (resolution.Instant != expected)
                {
                    var local = expected.InZone(horizon.Zone);
                    error(ValidationCodes.TimeMisaligned, $"The time '{text}' in '{file}' should be {local.ToString("uuuu-MM-dd'T'HH:mmo<g>", CultureInfo.InvariantCulture)}, the start of slot {row}.");
                }

                break;
            case LocalTimeStatus.InGap:
                error(ValidationCodes.TimeInDstGap, resolution.Message!);
                break;
            case LocalTimeStatus.Ambiguous:
                error(ValidationCodes.TimeAmbiguous, resolution.Message!);
                break;
            default:
                error(ValidationCodes.TimeInvalid, resolution.Message!);
                break;
        }
    }
}
