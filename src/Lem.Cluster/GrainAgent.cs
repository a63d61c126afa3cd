using System.Diagnostics;
using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// The coordination's handle on an agent grain: <see cref="Respond"/> is a grain call (the agent is opened, built in
/// its grain, on the first message) and a round of them is sent at once (<see cref="IRemoteAgent"/>), so the ADMM
/// loops run unchanged over Orleans (docs/cluster.md#the-transport).
/// </summary>
/// <remarks>
/// Recovery (docs/cluster.md#recovery): the handle logs the messages it has sent since the agent was built (the
/// coordinator wrote them, so nothing private leaves the grain) and sends its count with each message. When a call
/// fails because the grain's silo is gone, the call timed out, or the grain answers that it lost its activation or
/// counts differently, the handle rebuilds the agent (Orleans reactivates the grain on a live silo), replays the log in
/// one call and sends the message again. The agents are deterministic, so the run's result is unchanged. One handle
/// serves one message at a time, as the ADMM rounds use it.
/// </remarks>
internal sealed class GrainAgent(IAgentGrain grain, AgentSpec spec, ReplayJournal journal) : IRemoteAgent
{
    private List<CoordinatorMessage>? _log = journal.Dropped ? null : [];
    private long _answered;
    private bool _opened;
    private bool _lost;

    /// <inheritdoc />
    public string AgentId => spec.AgentId;

    /// <summary>The messages in this handle's log (for the tests of docs/cluster.md#recovery).</summary>
    internal int Logged => _log?.Count ?? 0;

    /// <inheritdoc />
    public AgentMessage Respond(CoordinatorMessage message) => RespondAsync(message).GetAwaiter().GetResult();

    /// <inheritdoc />
    public async Task<AgentMessage> RespondAsync(CoordinatorMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var options = journal.Options;
        var clock = Stopwatch.StartNew();
        var failedAt = TimeSpan.Zero;
        var delay = options.FirstRetryDelay;
        while (true)
        {
            try
            {
                if (_lost)
                {
                    var replay = _log!.ToArray();
                    await grain.Reset(spec, replay).ConfigureAwait(false);
                    _lost = false;
                    _opened = true;
                    journal.Recovery(spec.AgentId, replay.Length, clock.Elapsed - failedAt);
                }
                else if (!_opened)
                {
                    await grain.Open(spec).ConfigureAwait(false);
                    _opened = true;
                }

                var answer = await RequestValue.With(AgentSequence.Key, _answered, () => grain.Respond(message)).ConfigureAwait(false);

                _answered++;
                if (_log is not null && !journal.TryLog(message))
                {
                    _log = null;
                }

                _log?.Add(message);
                return answer;
            }
            catch (Exception e) when (IsLoss(e) && _log is not null && clock.Elapsed < options.Timeout)
            {
                journal.Failed();
                if (!_lost)
                {
                    failedAt = clock.Elapsed;
                }

                _lost = true;
                await Task.Delay(delay).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// Whether a failed call may have lost the agent's state rather than failed in the agent: Orleans' own failures (a
    /// silo unavailable, a rejected or undeliverable message, a lost connection, the grain's
    /// <see cref="AgentActivationLostException"/>) and timeouts. An error of the agent itself (its local problem
    /// infeasible, say) is deterministic and fails the run as before.
    /// </summary>
    internal static bool IsLoss(Exception e) => e is OrleansException or TimeoutException or OperationCanceledException;
}
