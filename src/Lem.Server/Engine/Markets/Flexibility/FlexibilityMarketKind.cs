using System.Text.Json.Nodes;

namespace Lem.Server.Engine.Markets.Flexibility;

/// <summary>
/// The <c>flexibility</c> kind (docs/server-flexibility.md): a DSO flexibility market. DSOs declare congestion points and
/// post requests per slot, flexibility service providers (participants) post and revoke offers, DSOs order offers, and
/// at each slot's gate closure the open requests are met from the cheapest open offers of their congestion point.
/// </summary>
internal sealed class FlexibilityMarketKind : IServerMarketKind
{
    /// <summary>The mechanism name.</summary>
    public const string Name = "flexibility";

    /// <inheritdoc />
    public string Mechanism => Name;

    /// <inheritdoc />
    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host) => new FlexibilityServerMarket(spec, host);
}
