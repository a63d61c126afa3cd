namespace Lem.Cluster;

/// <summary>
/// The coordinator of one attempt of a distributed clearing as a grain, keyed by <see cref="CoordinationSpec.AttemptId"/>
/// (docs/cluster.md#the-coordinator-as-a-grain): it runs the mechanism's ADMM loop on its silo, talking to the run's
/// agent grains, while the caller polls it; a run lasts minutes, longer than any grain call may.
/// </summary>
public interface ICoordinatorGrain : IGrainWithStringKey
{
    /// <summary>Starts the run of <paramref name="spec"/> (the same spec again does nothing) and returns the silo the coordinator runs on.</summary>
    /// <exception cref="ArgumentException">When the spec is not this grain's attempt, or the silo already runs another spec under its id.</exception>
    Task<SiloAddress> Start(CoordinationSpec spec);

    /// <summary>Waits up to <paramref name="wait"/> (at most 10 s) for the run to end and returns where it stands, with what happened since the last poll.</summary>
    [ResponseTimeout("00:00:15")]
    Task<CoordinationStatus> Poll(TimeSpan wait);

    /// <summary>
    /// Bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> of the completed run's
    /// encoding (Orleans' serializer of <see cref="ClusterRun"/>), whose size the completed poll gave.
    /// </summary>
    /// <exception cref="InvalidOperationException">When the run has not completed on this silo.</exception>
    Task<byte[]> ResultPart(long offset, int count);

    /// <summary>Lets the activation go once its result has been read.</summary>
    Task Forget();
}
