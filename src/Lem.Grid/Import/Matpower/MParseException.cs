namespace Lem.Grid.Import.Matpower;

/// <summary>A syntax error at a line; <see cref="ResumeAt"/> is the token index where parsing can resume, when known.</summary>
internal sealed class MParseException(int line, string message, int? resumeAt = null) : Exception(message)
{
    public int Line { get; } = line;

    public int? ResumeAt { get; } = resumeAt;
}
