namespace Lem.Domain.Reading;

/// <summary>
/// An input file (or the text decompressed from it) is longer than the limit it is read under; thrown by
/// <see cref="SizeLimitedStream"/> as soon as the limit is passed, so that no more than the limit is ever read
/// (docs/scenario-format.md#limits). Readers report it as <c>size.too_large</c>.
/// </summary>
public sealed class InputTooLargeException : IOException
{
    /// <summary>Creates the exception for a limit of <paramref name="limitBytes"/> bytes.</summary>
    public InputTooLargeException(long limitBytes)
        : base($"The data is larger than {limitBytes} bytes, the limit.")
    {
        LimitBytes = limitBytes;
    }

    /// <summary>Creates the exception without a known limit.</summary>
    public InputTooLargeException()
        : this("The data is larger than the limit.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InputTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public InputTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit that was passed, bytes (0 when not known).</summary>
    public long LimitBytes { get; }
}
