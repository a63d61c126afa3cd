using nietras.SeparatedValues;

namespace Lem.Scenarios.Series;

/// <summary>
/// The one CSV dialect of Lem's input files (time series, meter readings, auction orders), as described in
/// <c>docs/scenario-format.md</c>: RFC 4180 with a comma separator; a cell may be enclosed in double quotes, and then
/// holds commas, line breaks and quotes written twice (<c>""</c>); a quote that is never closed is an error. Records
/// are read by <see cref="CsvRecordReader"/> (on the Sep library); cells are returned unquoted and untrimmed.
/// </summary>
public static class CsvDialect
{
    /// <summary>The cell separator.</summary>
    public const char Separator = ',';

    /// <summary>The quote character; written twice inside a quoted cell it stands for itself.</summary>
    public const char Quote = '"';

    /// <summary>The longest record accepted, in characters (Sep's buffer limit); a longer one is reported, not read.</summary>
    public const int MaxRecordChars = 16 * 1024 * 1024;

    /// <summary>The Sep reader options of this dialect: no header handling (the readers check their headers), unescaped cells, rows of any width.</summary>
    internal static SepReaderOptions ReaderOptions { get; } = new SepReaderOptions(new Sep(Separator))
    {
        HasHeader = false,
        Unescape = true,
        DisableColCountCheck = true,
    };
}
