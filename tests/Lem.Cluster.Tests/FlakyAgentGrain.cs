using Lem.Cluster;
using Lem.Markets.Distributed;

namespace Lem.Cluster.Tests;

/// <summary>
/// A stand-in for <c>AgentGrain</c> without a silo (docs/cluster.md#recovery): it builds its agent, checks the
/// coordinator's message count as the grain does, and fails on cue: <see cref="Failure.SiloLost"/> wipes the agent
/// (the activation is gone, later calls answer "not opened") and fails the call; <see cref="Failure.ReplyLost"/> lets
/// the agent answer (its state advances) and then fails the call, as a reply lost on the wire or a timeout does.
/// </summary>
internal sealed class FlakyAgentGrain(Func<IAgent> build, IReadOnlyDictionary<long, FlakyAgentGrain.Failure> failures) : IAgentGrain
{
    private IAgent? _agent;
    private long _answered;
    private long _calls;

    /// <summary>How a call fails.</summary>
    public enum Failure
    {
        /// <summary>The silo dies before answering: the activation and its state are gone.</summary>
        SiloLost,

        /// <summary>The agent answers, but the reply never arrives.</summary>
        ReplyLost,
    }

    /// <summary>The resets (rebuilds with replay) the grain received.</summary>
    public int Resets { get; private set; }

    public Task Open(AgentSpec spec)
    {
        _agent ??= build();
        return Task.CompletedTask;
    }

    public Task<AgentMessage> Respond(CoordinatorMessage message)
    {
        var call = _calls++;
        var agent = _agent ?? throw new AgentActivationLostException("not opened (or lost its activation)");
        if (RequestContext.Get(AgentSequence.Key) is long expected && expected != _answered)
        {
            throw new AgentActivationLostException($"answered {_answered}, coordinator counts {expected}");
        }

        if (failures.TryGetValue(call, out var failure))
        {
            if (failure == Failure.SiloLost)
            {
                _agent = null;
                _answered = 0;
                throw new OrleansException("silo unavailable (test)");
            }

            agent.Respond(message);
            _answered++;
            throw new TimeoutException("response timed out (test)");
        }

        var answer = agent.Respond(message);
        _answered++;
        return Task.FromResult(answer);
    }

    public Task Reset(AgentSpec spec, CoordinatorMessage[] replay)
    {
        Resets++;
        var agent = build();
        foreach (var m in replay)
        {
            agent.Respond(m);
        }

        _agent = agent;
        _answered = replay.Length;
        return Task.CompletedTask;
    }

    public Task<long> Answered() => Task.FromResult(_answered);

    public Task<string> Silo() => Task.FromResult("test");
}
