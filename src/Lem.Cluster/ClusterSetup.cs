using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Lem.Cluster;

/// <summary>The configuration every silo and client of a Lem cluster shares (docs/cluster.md).</summary>
public static class ClusterSetup
{
    /// <summary>The cluster id of Lem's silos and clients.</summary>
    public const string ClusterId = "lem";

    /// <summary>The service id of Lem's silos and clients.</summary>
    public const string ServiceId = "lem-agents";

    /// <summary>
    /// The JSON options of the coordination messages on the wire: the message records of Lem.Markets travel as
    /// System.Text.Json (their numbers round-trip exactly), infinities and NaN as named literals.
    /// </summary>
    public static JsonSerializerOptions MessageJson { get; } = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>
    /// Registers the message serializer, the agent catalog, the coordinations, and the message counter with its call filter in a silo: a
    /// coordinator grain's calls to its agents leave from its silo (docs/cluster.md#the-coordinator-as-a-grain).
    /// </summary>
    public static ISiloBuilder ConfigureLemSilo(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSerializer(Messages);
        silo.Services.AddSingleton<AgentCatalog>();
        silo.Services.AddSingleton<GrainMessageCounter>();
        silo.Services.AddSingleton<CoordinationRegistry>();
        silo.AddOutgoingGrainCallFilter<MessageCountingFilter>();
        return silo;
    }

    /// <summary>Registers the message serializer, the message counter and its call filter in a client.</summary>
    public static IClientBuilder ConfigureLemClient(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.Services.AddSerializer(Messages);
        client.Services.AddSingleton<GrainMessageCounter>();
        client.AddOutgoingGrainCallFilter<MessageCountingFilter>();
        return client;
    }

    /// <summary>
    /// The messages' serializer: System.Text.Json for Lem.Markets types, whose assembly is allowed on the wire (Orleans
    /// resolves only allowed type names).
    /// </summary>
    private static void Messages(ISerializerBuilder serializer)
    {
        serializer.AddJsonSerializer(IsMessageType, MessageJson);
        serializer.Configure(o => o.AddAllowedAssembly(typeof(Lem.Markets.Distributed.CoordinatorMessage).Assembly));
    }

    /// <summary>Whether a type is one of Lem's messages, serialized as JSON.</summary>
    private static bool IsMessageType(Type type) => type.Namespace?.StartsWith("Lem.Markets", StringComparison.Ordinal) == true;
}
