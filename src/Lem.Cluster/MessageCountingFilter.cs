using Lem.Markets.Distributed;

namespace Lem.Cluster;

/// <summary>
/// An outgoing grain call filter on the coordinator's side: every <see cref="IAgentGrain.Respond"/> call is counted in
/// <see cref="GrainMessageCounter"/> under its run as <see cref="MessageAccounting"/> counts it (docs/cluster.md#message-accounting).
/// </summary>
internal sealed class MessageCountingFilter(GrainMessageCounter counter) : IOutgoingGrainCallFilter
{
    /// <inheritdoc />
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (context.InterfaceMethod?.DeclaringType != typeof(IAgentGrain) || context.MethodName != nameof(IAgentGrain.Respond) || context.Request.GetArgumentCount() != 1 || context.Request.GetArgument(0) is not CoordinatorMessage request)
        {
            return;
        }

        var key = context.TargetId.Key.ToString() ?? string.Empty;
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (messages, bytes) = MessageAccounting.Of(request, context.Result as AgentMessage);
        counter.Add(slash > 0 ? key[..slash] : key, messages, bytes);
    }
}
