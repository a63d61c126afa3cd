using Lem.Domain.Progress;

namespace Lem.Cluster;

/// <summary>Keeps the last progress report of a coordination running on a silo, for its caller's next poll (thread-safe).</summary>
internal sealed class LatestProgress : IProgress<ProgressUpdate>
{
    private ProgressUpdate? _latest;

    /// <summary>The last report, or null.</summary>
    public ProgressUpdate? Latest => Volatile.Read(ref _latest);

    /// <inheritdoc />
    public void Report(ProgressUpdate value) => Volatile.Write(ref _latest, value);
}
