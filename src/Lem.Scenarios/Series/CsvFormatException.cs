namespace Lem.Scenarios.Series;

/// <summary>
/// The CSV text breaks the dialect (<see cref="CsvDialect"/>) so that no further record can be read: a quoted cell is
/// never closed (<c>file.malformed</c>), or a record is longer than <see cref="CsvDialect.MaxRecordChars"/>
/// (<c>size.too_large</c>); <see cref="Code"/> says which.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for the record starting on <paramref name="line"/>.</summary>
    public CsvFormatException(int line, string message)
        : this(line, ValidationCodes.FileMalformed, message)
    {
    }

    /// <summary>Creates the exception for the record starting on <paramref name="line"/>, with the validation code to report.</summary>
    public CsvFormatException(int line, string code, string message)
        : base(message)
    {
        Line = line;
        Code = code;
    }

    /// <summary>Creates the exception (line 1).</summary>
    public CsvFormatException()
        : this(1, "The CSV text is malformed.")
    {
    }

    /// <summary>Creates the exception (line 1) with a message.</summary>
    public CsvFormatException(string message)
        : this(1, message)
    {
    }

    /// <summary>Creates the exception (line 1) with a message and the exception that caused it.</summary>
    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Code = ValidationCodes.FileMalformed;
    }

    /// <summary>The 1-based line on which the faulty record starts.</summary>
    public int Line { get; }

    /// <summary>The validation code to report: <c>file.malformed</c>, or <c>size.too_large</c> for a record over the length limit.</summary>
    public string Code { get; }
}
