using System.Collections.Concurrent;

namespace Lem.Cluster;

/// <summary>
/// The coordinator of a distributed clearing as a grain (docs/cluster.md#the-coordinator-as-a-grain): started by
/// <see cref="Start"/>, it finds the run's market (<see cref="CoordinationCatalog"/>) and runs the mechanism's ADMM loop,
/// unchanged, on a worker thread of its silo, reaching the agents through agent grains or silo hosts; the call filter
/// of its silo counts the messages. The caller polls for progress and the result, so no grain call lasts longer than a
/// poll. The state is the activation's: when its silo is lost, a poll reaches a new activation that knows no run, and
/// the caller starts the run again (<see cref="GrainCoordinatorHost"/>).
/// </summary>
/// <param name="counter">The silo's counts of grain messages (<see cref="MessageCountingFilter"/>).</param>
internal sealed class CoordinatorGrain(GrainMessageCounter counter) : Grain, ICoordinatorGrain
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(10);
    private readonly LatestProgress _progress = new();
    private readonly ConcurrentQueue<string> _notes = new();
    private CoordinationSpec? _spec;
    private Task<ClusterRun>? _run;

    /// <inheritdoc />
    public Task<string> Start(CoordinationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (_spec is null)
        {
            _spec = spec;
            var grains = GrainFactory;
            var silo = RuntimeIdentity;
            // The loop blocks on each round (IAgent.Respond is synchronous): it runs off the grain's scheduler, and its
            // grain calls leave the silo as calls from outside a grain do.
            _run = Task.Run(() => CoordinatorLoop.RunAsync(grains, spec, silo, counter, _progress, _notes.Enqueue));
        }
        else if (_spec != spec)
        {
            throw new ArgumentException($"Coordinator '{spec.AttemptId}' already runs another spec.", nameof(spec));
        }

        return Task.FromResult(RuntimeIdentity);
    }

    /// <inheritdoc />
    public async Task<CoordinationStatus> Poll(TimeSpan wait)
    {
        if (_run is not { } run)
        {
            return new CoordinationStatus(CoordinationState.Unknown);
        }

        if (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestPoll ? LongestPoll : wait));
        }

        var notes = new List<string>();
        while (_notes.TryDequeue(out var note))
        {
            notes.Add(note);
        }

        var progress = _progress.Latest;
        var status = new CoordinationStatus(CoordinationState.Running, Notes: [.. notes], Phase: progress?.Phase, Done: progress?.Done ?? 0, Total: progress?.Total, Measures: progress?.Measures is { } m ? new Dictionary<string, double>(m, StringComparer.Ordinal) : null);
        if (!run.IsCompleted)
        {
            return status;
        }

        if (run.IsCompletedSuccessfully)
        {
            return status with { State = CoordinationState.Completed, Run = await run };
        }

        var error = run.Exception?.GetBaseException() ?? new OperationCanceledException("The coordination was cancelled.");
        return status with { State = CoordinationState.Failed, Error = error.Message, ErrorIsArgument = error is ArgumentException };
    }

    /// <inheritdoc />
    public Task Forget()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
