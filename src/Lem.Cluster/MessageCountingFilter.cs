using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// An outgoing grain call filter on the coordinator's side (its silo, or a client running the coordination itself): every <see cref="IAgentGrain.Respond"/> call, and every
/// message of an <see cref="IAgentHostGrain.Respond"/> batch, is counted in <see cref="GrainMessageCounter"/> under its
/// run as <see cref="MessageAccounting"/> counts it (docs/cluster.md#message-accounting): a batch counts the messages of
/// its agents, one grain call for all of them.
/// </summary>
internal sealed class MessageCountingFilter(GrainMessageCounter counter) : IOutgoingGrainCallFilter
{
    /// <inheritdoc />
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // The request's arguments are read before the call: a call to an activation on the caller's own silo (a
        // coordinator grain's call to a local agent) releases them once it completes.
        var type = context.InterfaceMethod?.DeclaringType;
        var argument = context.Request.GetArgumentCount() > 0 ? context.Request.GetArgument(0) : null;
        await context.Invoke();
        if (type == typeof(IAgentGrain) && context.MethodName == nameof(IAgentGrain.Respond) && argument is CoordinatorMessage request)
        {
            var (messages, bytes) = MessageAccounting.Of(request, context.Result as AgentMessage);
            counter.Add(RunOf(context), 1, messages, bytes);
        }
        else if (type == typeof(IAgentHostGrain) && context.MethodName == nameof(IAgentHostGrain.Respond) && argument is AgentBatch batch)
        {
            var answers = (context.Result as AgentBatchAnswers)?.Answers;
            long messages = 0, bytes = 0;
            for (var i = 0; i < batch.Messages.Count; i++)
            {
                var (m, b) = MessageAccounting.Of(batch.Messages[i], answers is not null && i < answers.Count ? answers[i] : null);
                messages += m;
                bytes += b;
            }

            counter.Add(RunOf(context), 1, messages, bytes);
        }
    }

    private static string RunOf(IOutgoingGrainCallContext context)
    {
        var key = context.TargetId.Key.ToString() ?? string.Empty;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? key[..slash] : key;
    }
}
