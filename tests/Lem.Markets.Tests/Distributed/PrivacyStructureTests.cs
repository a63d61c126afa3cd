using System.Reflection;
using Lem.Markets.Community;
using Lem.Markets.Distributed;
using Lem.Markets.Distributed.Grid;
using Lem.Markets.Exchange;
using Lem.Markets.PeerToPeer;

namespace Lem.Markets.Tests.Distributed;

/// <summary>Privacy by structure: coordinators see agents only through <see cref="IAgent"/>, and messages carry only ids, trades, prices and residual terms.</summary>
public class PrivacyStructureTests
{
    private static readonly Type[] AllowedFieldTypes = [typeof(int), typeof(double), typeof(string), typeof(IReadOnlyList<double>), typeof(IReadOnlyList<string>)];

    [Fact]
    public void Agent_interface_exposes_only_an_id_and_respond()
    {
        var members = typeof(IAgent).GetMembers().Select(m => m.Name).Where(n => !n.StartsWith("get_", StringComparison.Ordinal)).OrderBy(n => n).ToArray();
        Assert.Equal(["AgentId", "Respond"], members);
        var publicInstance = typeof(LocalAgent).GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Where(n => !n.StartsWith("get_", StringComparison.Ordinal)).OrderBy(n => n).ToArray();
        Assert.Equal(["AgentId", "Respond"], publicInstance);
    }

    [Fact]
    public void Messages_carry_only_numbers_ids_and_vectors_of_trades_prices_and_residual_terms()
    {
        Type[] messages = [typeof(ExchangeSignal), typeof(ExchangeProposal), typeof(CommunitySignal), typeof(CommunityProposal), typeof(P2pSignal), typeof(P2pProposal), typeof(CostRequest), typeof(CostReport), typeof(GridSignal), typeof(GridProposal)];
        var all = typeof(CoordinatorMessage).Assembly.GetTypes().Where(t => !t.IsAbstract && (typeof(CoordinatorMessage).IsAssignableFrom(t) || typeof(AgentMessage).IsAssignableFrom(t)));
        Assert.Equal(messages.OrderBy(t => t.Name), all.OrderBy(t => t.Name));
        foreach (var t in messages)
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
            {
                // The P2P signal's bus part with the grid agent is a group of the same kinds of fields.
                IEnumerable<Type> fields = p.PropertyType == typeof(BusSignal)
                    ? typeof(BusSignal).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(q => q.Name != "EqualityContract").Select(q => q.PropertyType)
                    : [p.PropertyType];
                Assert.All(fields, f => Assert.Contains(f, AllowedFieldTypes));
            }
        }
    }

    [Fact]
    public void Coordinator_entry_points_take_agents_only_as_IAgent()
    {
        foreach (var type in new[] { typeof(ExchangeAdmm), typeof(CommunityManager), typeof(PeerToPeerAdmm) })
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                foreach (var parameter in method.GetParameters())
                {
                    Assert.DoesNotContain(typeof(LocalAgent), new[] { parameter.ParameterType }.Concat(parameter.ParameterType.GetGenericArguments()));
                    Assert.False(parameter.ParameterType.Namespace?.StartsWith("Lem.Domain", StringComparison.Ordinal) ?? false, $"{type.Name}.{method.Name} takes {parameter.ParameterType}");
                }
            }
        }
    }
}
