using Orleans.Serialization;

namespace Lem.Cluster;

/// <summary>
/// The coordinator of a distributed clearing as a grain (docs/cluster.md#the-coordinator-as-a-grain): started by
/// <see cref="Start"/>, it runs the mechanism's ADMM loop (<see cref="CoordinatorLoop"/>), unchanged, on a worker
/// thread of its silo, reaching the agents through agent grains or silo hosts; the call filter of its silo counts the
/// messages. The caller polls for progress and the result, so no grain call lasts longer than a poll. The run is kept
/// in the silo's <see cref="CoordinationRegistry"/>: an activation created again on the same silo finds it; when the
/// silo is lost, a poll reaches a new activation elsewhere that knows no run, and the caller starts the run again
/// (<see cref="GrainCoordinatorHost"/>).
/// </summary>
/// <param name="registry">The silo's coordinations.</param>
/// <param name="counter">The silo's counts of grain messages (<see cref="MessageCountingFilter"/>).</param>
/// <param name="silo">The silo's address.</param>
/// <param name="serializer">The silo's serializer, which encodes the result for <see cref="ResultPart"/>.</param>
[Orleans.Placement.RandomPlacementAttribute]
internal sealed class CoordinatorGrain(CoordinationRegistry registry, GrainMessageCounter counter, ILocalSiloDetails silo, Serializer serializer) : Grain, ICoordinatorGrain
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(10);

    /// <inheritdoc />
    public Task<SiloAddress> Start(CoordinationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.AttemptId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"Coordinator '{this.GetPrimaryKeyString()}' cannot run attempt '{spec.AttemptId}'.", nameof(spec));
        }

        var grains = GrainFactory;
        var identity = RuntimeIdentity;
        var coordination = registry.GetOrStart(spec.AttemptId, () => new Coordination(spec, c => CoordinatorLoop.RunAsync(grains, spec, identity, counter, c.Progress, c.Notes.Enqueue)));
        if (coordination.Spec != spec)
        {
            throw new ArgumentException($"Coordinator '{spec.AttemptId}' already runs another spec.", nameof(spec));
        }

        return Task.FromResult(silo.SiloAddress);
    }

    /// <inheritdoc />
    public async Task<CoordinationStatus> Poll(TimeSpan wait)
    {
        if (registry.Find(this.GetPrimaryKeyString()) is not { } coordination)
        {
            return new CoordinationStatus(CoordinationState.Unknown);
        }

        var run = coordination.Run;
        if (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestPoll ? LongestPoll : wait));
        }

        var notes = new List<string>();
        while (coordination.Notes.TryDequeue(out var note))
        {
            notes.Add(note);
        }

        var progress = coordination.Progress.Latest;
        var status = new CoordinationStatus(CoordinationState.Running, Notes: [.. notes], Phase: progress?.Phase, Done: progress?.Done ?? 0, Total: progress?.Total, Measures: progress?.Measures is { } m ? new Dictionary<string, double>(m, StringComparer.Ordinal) : null);
        if (!run.IsCompleted)
        {
            return status;
        }

        if (run.IsCompletedSuccessfully)
        {
            return status with { State = CoordinationState.Completed, ResultBytes = coordination.Encoded(serializer).LongLength };
        }

        // Orleans' failures and timeouts lost agents (docs/cluster.md#recovery); the mechanism's own errors are final.
        var error = run.Exception?.GetBaseException() ?? new OperationCanceledException("The coordination was cancelled.");
        return status with { State = GrainAgent.IsLoss(error) ? CoordinationState.Lost : CoordinationState.Failed, Error = error.Message, ErrorIsArgument = error is ArgumentException };
    }

    /// <inheritdoc />
    public Task<byte[]> ResultPart(long offset, int count)
    {
        if (registry.Find(this.GetPrimaryKeyString()) is not { Run.IsCompletedSuccessfully: true } coordination)
        {
            throw new InvalidOperationException($"Coordinator '{this.GetPrimaryKeyString()}' has no completed run on this silo.");
        }

        var encoded = coordination.Encoded(serializer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = (int)Math.Clamp(encoded.LongLength - offset, 0, count);
        return Task.FromResult(encoded.AsSpan((int)Math.Min(offset, encoded.LongLength), length).ToArray());
    }

    /// <inheritdoc />
    public Task Forget()
    {
        registry.Remove(this.GetPrimaryKeyString());
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
