using System.Collections.Concurrent;
using Lem.Domain.Progress;

namespace Lem.Testing;

/// <summary>A thread-safe progress sink that records every report in arrival order.</summary>
public sealed class RecordingProgress : IProgress<ProgressUpdate>
{
    private readonly ConcurrentQueue<ProgressUpdate> _reports = new();

    /// <summary>The reports so far, in arrival order.</summary>
    public IReadOnlyList<ProgressUpdate> Reports => [.. _reports];

    /// <summary>The reports of one phase, in arrival order.</summary>
    public IReadOnlyList<ProgressUpdate> Of(string phase) => [.. _reports.Where(r => r.Phase == phase)];

    /// <inheritdoc />
    public void Report(ProgressUpdate value) => _reports.Enqueue(value);
}
