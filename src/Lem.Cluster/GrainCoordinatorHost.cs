using System.Diagnostics;
using System.Globalization;
using Lem.Domain.Progress;
using Lem.Markets.Clearing;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// Runs the coordination of a distributed clearing as a grain (docs/cluster.md#the-coordinator-as-a-grain): the caller
/// starts an <see cref="ICoordinatorGrain"/> on the cluster and polls it every second, forwarding its progress and its
/// notes. In the silos' process the run's market and options are registered for the grain (<see cref="CoordinationCatalog"/>);
/// with <see cref="ScenarioPath"/> a silo of another process rebuilds them from the scenario file. When the
/// coordinator is lost with its silo (a poll fails, or reaches a new activation that knows no run), the run starts
/// again under a new attempt id on the live silos: the agents are deterministic, so the result is the same.
/// </summary>
/// <param name="grains">The cluster client (or a grain factory).</param>
/// <param name="transport">How the coordinator reaches the agents.</param>
public sealed class GrainCoordinatorHost(IGrainFactory grains, GrainTransport transport = GrainTransport.AgentGrains) : ICoordinatorHost
{
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);
    private int _attempts;

    /// <summary>The run's id: the key of the first attempt's coordinator and the run id of its agent grains.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The scenario file every silo can read (silos of other processes rebuild the market and agents from it), or null for silos in this process.</summary>
    public string? ScenarioPath { get; init; }

    /// <summary>How long the run may go without a live coordinator (its silo lost, no other accepting it) before it fails.</summary>
    public TimeSpan RestartTimeout { get; init; } = AgentRecoveryOptions.Default.Timeout;

    /// <summary>The last completed run (its figures and the coordinator's silo), or null.</summary>
    public ClusterRun? LastRun { get; private set; }

    /// <summary>Raised with one line for each thing worth telling: where the coordinator runs, agents recovered, a coordinator lost and the run restarted.</summary>
    public event Action<string>? Note;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">When the run fails in the mechanism, or no coordinator can be kept alive for <see cref="RestartTimeout"/>.</exception>
    public DistributedResult Coordinate(AdmmMechanism mechanism, MarketInput market, DistributedOptions options) =>
        CoordinateAsync(mechanism, market, options).GetAwaiter().GetResult().Result;

    /// <summary>Runs the coordination of <paramref name="mechanism"/> on <paramref name="market"/> as a grain and returns the run with its figures.</summary>
    /// <exception cref="InvalidOperationException">When the run fails in the mechanism, or no coordinator can be kept alive for <see cref="RestartTimeout"/>.</exception>
    /// <exception cref="ArgumentException">When the mechanism rejects the market or options.</exception>
    public async Task<ClusterRun> CoordinateAsync(AdmmMechanism mechanism, MarketInput market, DistributedOptions options)
    {
        ArgumentNullException.ThrowIfNull(mechanism);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(options);
        var progress = options.Admm.Progress ?? options.P2pAdmm.Progress;
        using var registration = ScenarioPath is null ? CoordinationCatalog.Register(RunId, market, options with { CoordinatorHost = null }) : null;
        var restarts = 0;
        Stopwatch? lost = null;
        var delay = AgentRecoveryOptions.Default.FirstRetryDelay;
        while (true)
        {
            var attempt = _attempts++;
            var spec = new CoordinationSpec(RunId, attempt == 0 ? RunId : string.Create(CultureInfo.InvariantCulture, $"{RunId}.{attempt}"), mechanism.Name, ScenarioPath, options.GridFormulation, options.Tariffs is not null, options.PartnersPerAgent, transport);
            var grain = grains.GetGrain<ICoordinatorGrain>(spec.AttemptId);
            try
            {
                var silo = await grain.Start(spec).ConfigureAwait(false);
                Note?.Invoke($"coordinator {spec.AttemptId} runs on silo {silo}.");
                while (true)
                {
                    var status = await grain.Poll(PollWait).ConfigureAwait(false);
                    lost = null;
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
                            await ForgetAsync(grain).ConfigureAwait(false);
                            LastRun = status.Run! with { Restarts = restarts };
                            return LastRun;
                        case CoordinationState.Failed:
                            await ForgetAsync(grain).ConfigureAwait(false);
                            throw status.ErrorIsArgument ? new ArgumentException(status.Error) : new InvalidOperationException(status.Error);
                        case CoordinationState.Unknown:
                            throw new CoordinatorLostException($"coordinator {spec.AttemptId} has no run: its activation was lost with its silo.");
                    }
                }
            }
            catch (Exception e) when (e is CoordinatorLostException || GrainAgent.IsLoss(e))
            {
                lost ??= Stopwatch.StartNew();
                if (lost.Elapsed > RestartTimeout)
                {
                    throw new InvalidOperationException($"The run's coordinator was lost and none could be started again within {RestartTimeout.TotalSeconds:F0} s: {e.Message}", e);
                }

                restarts++;
                Note?.Invoke($"coordinator {spec.AttemptId} lost ({e.GetType().Name}: {e.Message}); the run starts again on the live silos.");
                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, AgentRecoveryOptions.Default.MaxRetryDelay.Ticks));
            }
        }
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
