namespace Lem.Optimization;

/// <summary>Thrown when a back end is asked to solve a model it cannot represent (instead of silently dropping terms).</summary>
public sealed class SolverCapabilityException : Exception
{
    /// <summary>Creates the exception with a sentence naming the back end and the feature.</summary>
    public SolverCapabilityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SolverCapabilityException()
    {
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public SolverCapabilityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
