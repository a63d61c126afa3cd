using System.Text.Json.Nodes;
using Lem.Scenarios;
using Lem.Server.Engine;
using Lem.Server.Engine.Markets;
using Lem.Server.Engine.Markets.Scenario;

namespace Lem.Server.Tests;

/// <summary>
/// A market kind registered from the test assembly: a scenario market over a scenario read from a file (with its CSV
/// series and grid file, which an inline scenario cannot reference), cleared by a registered mechanism through the
/// same <see cref="ScenarioServerMarket"/> as the built-in kinds. It lets a test run the village example as a server market.
/// </summary>
internal sealed class FileScenarioMarketKind(string mechanism, string clearingMechanism, string scenarioPath) : IServerMarketKind
{
    public string Mechanism => mechanism;

    public IServerMarket Create(MarketSpec spec, JsonObject payload, IMarketHost host)
    {
        var read = ScenarioReader.Load(scenarioPath);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return new ScenarioServerMarket(spec, host, read.Scenario!, clearingMechanism);
    }
}
