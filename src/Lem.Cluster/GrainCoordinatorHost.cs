using System.Diagnostics;
using System.Globalization;
using Lem.Domain.Progress;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using Orleans.Serialization;

namespace Lem.Cluster;

/// <summary>
/// Runs the coordination of a distributed clearing as a grain (docs/cluster.md#the-coordinator-as-a-grain): the caller
/// starts an <see cref="ICoordinatorGrain"/> on the cluster and polls it every second, forwarding its progress and its
/// notes. In the silos' process the run's market and options are registered for the grain (<see cref="CoordinationCatalog"/>);
/// with <see cref="ScenarioPath"/> a silo of another process rebuilds them from the scenario file. When the
/// coordinator is lost with its silo (a poll reaches a new activation that knows no run), or the run lost agents it
/// could not rebuild (the silo of a silo host), the run starts again under a new attempt id on the live silos: the
/// agents are deterministic, so the result is the same.
/// </summary>
/// <param name="client">The cluster client.</param>
/// <param name="transport">How the coordinator reaches the agents.</param>
public sealed class GrainCoordinatorHost(IClusterClient client, GrainTransport transport = GrainTransport.AgentGrains) : ICoordinatorHost
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);

    /// <summary>The largest part of a result read in one call, well below Orleans' largest message (100 MB).</summary>
    private const int ResultPartBytes = 8 << 20;
    private int _attempts;

    /// <summary>The run's id: the key of the first attempt's coordinator and the run id of its agent grains.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The scenario file every silo can read (silos of other processes rebuild the market and agents from it), or null for silos in this process.</summary>
    public string? ScenarioPath { get; init; }

    /// <summary>
    /// How long the coordinator may go without answering (its silo or gateway lost, no other accepting it), and how long
    /// the run may keep losing its coordinator or agents on every start, before the run fails.
    /// </summary>
    public TimeSpan RestartTimeout { get; init; } = AgentRecoveryOptions.Default.Timeout;

    /// <summary>The silo the current attempt's coordinator runs on, once started.</summary>
    public SiloAddress? CoordinatorSilo { get; private set; }

    /// <summary>The last completed run (its figures and the coordinator's silo), or null.</summary>
    public ClusterRun? LastRun { get; private set; }

    /// <summary>Raised with one line for each thing worth telling: where the coordinator runs, agents recovered, a coordinator lost and the run restarted.</summary>
    public event Action<string>? Note;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the run fails in the mechanism, or the coordinator does not answer for <see cref="RestartTimeout"/>.</exception>
    public DistributedResult Coordinate(AdmmMechanism mechanism, MarketInput market, DistributedOptions options) =>
        CoordinateAsync(mechanism, market, options).GetAwaiter().GetResult().Result;

    /// <summary>Runs the coordination of <paramref name="mechanism"/> on <paramref name="market"/> as a grain and returns the run with its figures.</summary>
    /// <exception cref="InvalidOperationException">When the run fails in the mechanism, or the coordinator does not answer for <see cref="RestartTimeout"/>.</exception>
    /// <exception cref="ArgumentException">When the mechanism rejects the market or options.</exception>
    public async Task<ClusterRun> CoordinateAsync(AdmmMechanism mechanism, MarketInput market, DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Admm.Progress ?? options.P2pAdmm.Progress;
        using var registration = ScenarioPath is null ? CoordinationCatalog.Register(RunId, market, options with { CoordinatorHost = null }) : null;
        var restarts = 0;
        var spec = NextAttempt(mechanism, options);
        var grain = client.GetGrain<ICoordinatorGrain>(spec.AttemptId);
        SiloAddress? silo = null;
        Stopwatch? unanswered = null;
        var delay = AgentRecoveryOptions.Default.FirstRetryDelay;
        Stopwatch? restarting = null;
        var restartDelay = AgentRecoveryOptions.Default.FirstRetryDelay;
        while (true)
        {
            try
            {
                if (silo is null)
                {
                    silo = await grain.Start(spec).ConfigureAwait(false);
                    CoordinatorSilo = silo;
                    Note?.Invoke($"coordinator {spec.AttemptId} runs on silo {silo}.");
                }

                // Should the grain directory lose the coordinator's entry with another silo, the poll activates the grain
                // again on the coordinator's silo (the placement hint), where the run goes on; if that silo is gone, the
                // new activation is elsewhere and knows no run.
                var status = await RequestValue.With(IPlacementDirector.PlacementHintKey, silo, () => grain.Poll(PollWait)).ConfigureAwait(false);

                unanswered = null;
                delay = AgentRecoveryOptions.Default.FirstRetryDelay;
                foreach (var note in status.Notes ?? [])
                {
                    Note?.Invoke(note);
                }

                if (progress is not null && status.Phase is { } phase)
                {
                    progress.Report(new ProgressUpdate(phase, status.Done, status.Total, status.Measures));
                }

                switch (status.State)
                {
                    case CoordinationState.Completed:
                        var completed = await ReadResultAsync(grain, status.ResultBytes).ConfigureAwait(false);
                        await ForgetAsync(grain).ConfigureAwait(false);
                        LastRun = completed with { Restarts = restarts };
                        return LastRun;
                    case CoordinationState.Failed:
                        await ForgetAsync(grain).ConfigureAwait(false);
                        throw status.ErrorIsArgument ? new ArgumentException(status.Error) : new InvalidOperationException(status.Error);
                    case CoordinationState.Unknown:
                    case CoordinationState.Lost:
                        // The coordinator was lost with its silo, or the run lost agents it could not rebuild (a silo
                        // host's silo): the run starts again under a new attempt id on the live silos.
                        if (status.State == CoordinationState.Lost)
                        {
                            await ForgetAsync(grain).ConfigureAwait(false);
                        }

                        restarting ??= Stopwatch.StartNew();
                        if (restarting.Elapsed > RestartTimeout)
                        {
                            throw new InvalidOperationException($"The run lost its coordinator or agents on every start for {RestartTimeout.TotalSeconds:F0} s: {status.Error ?? "coordinator lost"}");
                        }

                        restarts++;
                        var lost = spec.AttemptId;
                        spec = NextAttempt(mechanism, options);
                        grain = client.GetGrain<ICoordinatorGrain>(spec.AttemptId);
                        silo = null;
                        Note?.Invoke(status.State == CoordinationState.Lost
                            ? $"run {lost} lost agents it could not rebuild ({status.Error}); the run starts again as {spec.AttemptId} on the live silos."
                            : $"coordinator {lost} was lost with its silo; the run starts again as {spec.AttemptId} on the live silos.");
                        await Task.Delay(restartDelay).ConfigureAwait(false);
                        restartDelay = TimeSpan.FromTicks(Math.Min(restartDelay.Ticks * 2, AgentRecoveryOptions.Default.MaxRetryDelay.Ticks));
                        break;
                    case CoordinationState.Running when status.Phase is not null:
                        // The attempt is iterating: later losses get the full time again.
                        restarting = null;
                        restartDelay = AgentRecoveryOptions.Default.FirstRetryDelay;
                        break;
                }
            }
            catch (Exception e) when (GrainAgent.IsLoss(e))
            {
                // No answer (a gateway or the coordinator's silo gone, a timeout): ask again; a lost coordinator shows as
                // an activation that knows no run once the cluster has declared its silo dead.
                unanswered ??= Stopwatch.StartNew();
                if (unanswered.Elapsed > RestartTimeout)
                {
                    throw new InvalidOperationException($"The run's coordinator {spec.AttemptId} did not answer for {RestartTimeout.TotalSeconds:F0} s: {e.Message}", e);
                }

                Note?.Invoke($"coordinator {spec.AttemptId} did not answer ({e.GetType().Name}); asking again.");
                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, AgentRecoveryOptions.Default.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>The spec of the run's next attempt: the run id first, then "run.1", "run.2" ….</summary>
    private CoordinationSpec NextAttempt(AdmmMechanism mechanism, DistributedOptions options)
    {
        var attempt = _attempts++;
        var id = attempt == 0 ? RunId : string.Create(CultureInfo.InvariantCulture, $"{RunId}.{attempt}");
        return new CoordinationSpec(RunId, id, mechanism.Name, ScenarioPath, options.GridFormulation, options.Tariffs is not null, options.PartnersPerAgent, transport);
    }

    /// <summary>Reads a completed run's encoding in parts of at most <see cref="ResultPartBytes"/> and decodes it.</summary>
    private async Task<ClusterRun> ReadResultAsync(ICoordinatorGrain grain, long size)
    {
        var encoded = new byte[size];
        for (long offset = 0; offset < size; offset += ResultPartBytes)
        {
            var part = await grain.ResultPart(offset, (int)Math.Min(ResultPartBytes, size - offset)).ConfigureAwait(false);
            part.CopyTo(encoded, offset);
        }

        return client.ServiceProvider.GetRequiredService<Serializer>().Deserialize<ClusterRun>(encoded) ?? throw new InvalidOperationException("The coordinator's result decoded to nothing.");
    }

    /// <summary>Lets a finished coordinator's activation go; a failure to reach it changes nothing.</summary>
    private static async Task ForgetAsync(ICoordinatorGrain grain)
    {
        try
        {
            await grain.Forget().ConfigureAwait(false);
        }
        catch (Exception e) when (GrainAgent.IsLoss(e))
        {
            // The result is read; the activation goes with idle collection instead.
        }
    }
}
