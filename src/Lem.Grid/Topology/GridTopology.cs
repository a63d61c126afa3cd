using System.Collections.Immutable;
using Lem.Domain.Validation;

namespace Lem.Grid.Topology;

/// <summary>Connectivity analysis (islands, reachability from slack buses, radiality) and grid consistency checks.</summary>
public static class GridTopology
{
    private const int NamedBusLimit = 5;

    /// <summary>Finds the islands of the solver network, which contain a slack bus, and whether each is a tree.</summary>
    /// <exception cref="ArgumentException">When <paramref name="index"/> is null.</exception>
    public static TopologyReport Analyze(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var n = index.BusCount;
        var sets = new DisjointSets(n);

        for (var k = 0; k < index.BranchCount; k++)
        {
            sets.Union(index.FromIndex[k], index.ToIndex[k]);
        }

        var islandOfRoot = new Dictionary<int, int>();
        var islandOfBus = new int[n];
        var members = new List<List<int>>();
        for (var i = 0; i < n; i++)
        {
            var root = sets.Find(i);
            if (!islandOfRoot.TryGetValue(root, out var island))
            {
                island = members.Count;
                islandOfRoot[root] = island;
                members.Add([]);
            }

            islandOfBus[i] = island;
            members[island].Add(i);
        }

        var branchCounts = new int[members.Count];
        for (var k = 0; k < index.BranchCount; k++)
        {
            branchCounts[islandOfBus[index.FromIndex[k]]]++;
        }

        var hasSlack = new bool[members.Count];
        foreach (var s in index.SlackIndices)
        {
            hasSlack[islandOfBus[s]] = true;
        }

        var islands = members.Select((m, i) => new Island(i, [.. m], branchCounts[i], hasSlack[i])).ToImmutableArray();
        var unreachable = Enumerable.Range(0, n).Where(i => !hasSlack[islandOfBus[i]]).Select(i => index.BusIds[i]).ToImmutableArray();
        return new TopologyReport(islands, [.. islandOfBus], unreachable);
    }

    /// <summary>
    /// Checks a network for problems a solver cannot work around: elements referring to unknown buses, duplicate ids,
    /// non-finite branch data (<c>grid.invalid</c>, <c>id.duplicate</c>, <c>value.not_finite</c>), then no in-service
    /// slack (<c>grid.no_slack</c>) and buses unreachable from every slack (<c>grid.islanded</c>).
    /// </summary>
    /// <param name="network">The network to check.</param>
    /// <param name="pathPrefix">The location reported with every problem, for example <c>case9.m</c> or <c>$.grid</c>.</param>
    /// <exception cref="ArgumentException">When an argument is null.</exception>
    public static IReadOnlyList<ValidationError> Validate(GridNetwork network, string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var errors = new List<ValidationError>();
        if (!(network.BaseMva > 0) || !double.IsFinite(network.BaseMva))
        {
            errors.Add(new ValidationError(pathPrefix, ValidationCodes.ValueOutOfRange, $"The grid's base power is {network.BaseMva} MVA; it must be a finite positive number."));
        }

        foreach (var problem in FindDanglingReferences(network))
        {
            errors.Add(new ValidationError(pathPrefix, ValidationCodes.GridInvalid, problem));
        }

        AddDuplicates(errors, pathPrefix, "bus", network.Buses.Select(b => b.Id.Value));
        AddDuplicates(errors, pathPrefix, "line", network.Lines.Select(l => l.Id));
        AddDuplicates(errors, pathPrefix, "transformer", network.Transformers.Select(t => t.Id));
        foreach (var line in network.Lines)
        {
            if (!double.IsFinite(line.RPu) || !double.IsFinite(line.XPu) || !double.IsFinite(line.BPu) || !double.IsFinite(line.GPu))
            {
                errors.Add(new ValidationError(pathPrefix, ValidationCodes.ValueNotFinite, $"Line {line.Id} has a non-finite impedance or admittance."));
            }
        }

        foreach (var trafo in network.Transformers)
        {
            if (!double.IsFinite(trafo.RPu) || !double.IsFinite(trafo.XPu) || !double.IsFinite(trafo.BPu) || !double.IsFinite(trafo.GPu) ||
                !double.IsFinite(trafo.TapRatio) || !double.IsFinite(trafo.ShiftDegree))
            {
                errors.Add(new ValidationError(pathPrefix, ValidationCodes.ValueNotFinite, $"Transformer {trafo.Id} has a non-finite impedance, admittance, ratio or shift."));
            }
            else if (trafo.TapRatio <= 0)
            {
                errors.Add(new ValidationError(pathPrefix, ValidationCodes.ValueOutOfRange, $"Transformer {trafo.Id} has tap ratio {trafo.TapRatio}; it must be positive."));
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var index = NetworkIndex.Build(network);
        if (index.SlackIndices.IsEmpty)
        {
            errors.Add(new ValidationError(pathPrefix, ValidationCodes.GridNoSlack, "The grid has no in-service slack bus (no reference bus and no external grid)."));
            return errors;
        }

        var report = Analyze(index);
        if (!report.UnreachableBusIds.IsEmpty)
        {
            var count = report.UnreachableBusIds.Length;
            var named = string.Join(", ", report.UnreachableBusIds.Take(NamedBusLimit).Select(id => id.Value));
            var more = count > NamedBusLimit ? $" and {count - NamedBusLimit} more" : string.Empty;
            errors.Add(new ValidationError(
                pathPrefix,
                ValidationCodes.GridIslanded,
                $"{count} bus{(count == 1 ? " is" : "es are")} not connected to any slack bus: {named}{more}."));
        }

        return errors;
    }

    /// <summary>Describes every element that refers to a bus, line or transformer the network does not have.</summary>
    internal static IEnumerable<string> FindDanglingReferences(GridNetwork network)
    {
        bool Known(BusId id) => id.Value is not null && network.TryGetBus(id, out _);
        foreach (var l in network.Lines)
        {
            if (!Known(l.FromBus) || !Known(l.ToBus))
            {
                yield return $"Line {l.Id} connects bus {l.FromBus} to bus {l.ToBus}, but {(Known(l.FromBus) ? l.ToBus : l.FromBus)} is not a bus of the grid.";
            }
        }

        foreach (var t in network.Transformers)
        {
            if (!Known(t.HvBus) || !Known(t.LvBus))
            {
                yield return $"Transformer {t.Id} connects bus {t.HvBus} to bus {t.LvBus}, but {(Known(t.HvBus) ? t.LvBus : t.HvBus)} is not a bus of the grid.";
            }
        }

        foreach (var (kind, id, bus) in network.Loads.Select(e => ("Load", e.Id, e.Bus))
                     .Concat(network.StaticGenerators.Select(e => ("Static generator", e.Id, e.Bus)))
                     .Concat(network.Generators.Select(e => ("Generator", e.Id, e.Bus)))
                     .Concat(network.ExternalGrids.Select(e => ("External grid", e.Id, e.Bus)))
                     .Concat(network.Shunts.Select(e => ("Shunt", e.Id, e.Bus)))
                     .Concat(network.Switches.Select(e => ("Switch", e.Id, e.Bus))))
        {
            if (!Known(bus))
            {
                yield return $"{kind} {id} is connected to bus {bus}, which is not a bus of the grid.";
            }
        }

        var lineIds = network.Lines.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
        var trafoIds = network.Transformers.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var sw in network.Switches)
        {
            var ok = sw.ElementType switch
            {
                SwitchElementType.Bus => !string.IsNullOrEmpty(sw.Element) && Known(new BusId(sw.Element)),
                SwitchElementType.Line => lineIds.Contains(sw.Element),
                _ => trafoIds.Contains(sw.Element),
            };
            if (!ok)
            {
                yield return $"Switch {sw.Id} refers to {sw.ElementType.ToString().ToLowerInvariant()} {sw.Element}, which the grid does not have.";
            }
        }
    }

    private static void AddDuplicates(List<ValidationError> errors, string path, string kind, IEnumerable<string> ids)
    {
        foreach (var group in ids.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new ValidationError(path, ValidationCodes.IdDuplicate, $"The {kind} id '{group.Key}' is used {group.Count()} times."));
        }
    }
}
