namespace Lem.Optimization;

/// <summary>Thrown when a back end's native library is missing; the message names the Debian package to install.</summary>
public sealed class SolverUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SolverUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SolverUnavailableException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SolverUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
