namespace Lem.Server.LoadTest;

/// <summary>The load test could not run: the server is unreachable, refused the operator key, or the market is unusable. The message says which.</summary>
public sealed class LoadTestException : Exception
{
    /// <summary>Creates the exception with a message for the user.</summary>
    public LoadTestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and its cause.</summary>
    public LoadTestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public LoadTestException()
    {
    }
}
