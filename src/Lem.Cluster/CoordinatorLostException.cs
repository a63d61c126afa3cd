namespace Lem.Cluster;

/// <summary>A coordinator grain's activation no longer knows its run: it was lost with its silo (docs/cluster.md#the-coordinator-as-a-grain).</summary>
public sealed class CoordinatorLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CoordinatorLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CoordinatorLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public CoordinatorLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
