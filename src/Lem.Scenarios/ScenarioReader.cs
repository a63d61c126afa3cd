using Lem.Domain.Markets;
using Lem.Grid.Indexing;
using Lem.Grid.Topology;
using Lem.Pipeline;
using Lem.Scenarios.Reading;
using Lem.Settlement.Tariffs;

namespace Lem.Scenarios;

/// <summary>
/// Reads scenario files (docs/scenario-format.md) and validates them completely: every problem is reported at once
/// with its JSON path or file:line, a code and a sentence. Never throws for a user mistake.
/// </summary>
public static class ScenarioReader
{
    /// <summary>The format version this reader understands.</summary>
    public const int FormatVersion = 1;

    /// <summary>Reads and validates a scenario file under the default limits.</summary>
    public static ScenarioLoadResult Load(string path) => Load(path, ScenarioReadOptions.Default);

    /// <summary>Reads and validates a scenario file under the limits of <paramref name="options"/>.</summary>
    public static ScenarioLoadResult Load(string path, ScenarioReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var display = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return Fail(new ValidationError(path, ValidationCodes.FileMissing, $"The scenario file '{path}' does not exist."));
        }

        var length = new FileInfo(path).Length;
        if (length > ScenarioLimits.MaxScenarioBytes)
        {
            return Fail(new ValidationError(display, ValidationCodes.SizeLimit, $"The scenario file has {length} bytes; at most {ScenarioLimits.MaxScenarioBytes} are allowed."));
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Fail(new ValidationError(display, ValidationCodes.FileMissing, $"The scenario file '{path}' cannot be read: {ex.Message}"));
        }

        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(bytes, baseDir, display, Path.GetFullPath(path), options);
    }

    /// <summary>Reads and validates scenario JSON held in memory; relative file references resolve against <paramref name="baseDirectory"/>.</summary>
    public static ScenarioLoadResult Parse(ReadOnlyMemory<byte> json, string baseDirectory, string displayName = "scenario.json", string? sourcePath = null, ScenarioReadOptions? options = null)
    {
        if (json.Length > ScenarioLimits.MaxScenarioBytes)
        {
            return Fail(new ValidationError(displayName, ValidationCodes.SizeLimit, $"The scenario has {json.Length} bytes; at most {ScenarioLimits.MaxScenarioBytes} are allowed."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = ScenarioLimits.MaxJsonDepth, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.');
            var code = reason.Contains("depth", StringComparison.OrdinalIgnoreCase) ? ValidationCodes.SizeLimit : ValidationCodes.JsonMalformed;
            return Fail(new ValidationError($"{displayName}:{line}:{column}", code, $"The file is not valid JSON at line {line}, column {column}: {reason}."));
        }

        using (document)
        {
            var diagnostics = new Diagnostics();
            var scenario = Read(document.RootElement, new ReadContext(baseDirectory, diagnostics, options), sourcePath);
            if (scenario is not null && !diagnostics.HasErrors)
            {
                PlausibilityCheck.Run(scenario, diagnostics);
            }

            return diagnostics.HasErrors
                ? new ScenarioLoadResult(null, diagnostics.Errors, diagnostics.Warnings) { WarningDetails = diagnostics.WarningDetails }
                : new ScenarioLoadResult(scenario, [], diagnostics.Warnings) { WarningDetails = diagnostics.WarningDetails };
        }
    }

    private static ScenarioLoadResult Fail(ValidationError error) => new(null, [error], []);

    private static Scenario? Read(JsonElement root, ReadContext c, string? sourcePath)
    {
        var d = c.Diagnostics;
        if (root.ValueKind != JsonValueKind.Object)
        {
            d.Error("$", ValidationCodes.FieldType, $"A scenario must be a JSON object, not {ObjectReader.KindName(root)}.");
            return null;
        }

        var r = new ObjectReader(root, "$", d);
        var version = r.Integer("format_version", required: true, 1, int.MaxValue);
        if (version is not null && version != FormatVersion)
        {
            d.Error(r.PathOf("format_version"), ValidationCodes.ValueInvalid, $"format_version {version} is not supported; this version of Lem reads format {FormatVersion}.");
        }

        var name = r.String("name", required: true);
        var description = r.String("description", required: false, maxLength: 10_000);
        var horizonReader = r.Object("horizon", required: true);
        c.Horizon = horizonReader is null ? null : HorizonReader.Read(horizonReader);

        var gridReader = r.Object("grid", required: false);
        var grid = gridReader is null ? null : GridSpecReader.Read(gridReader, c);

        var marketReader = r.Object("outside_market", required: true);
        string? connectionBusPath = null;
        var market = marketReader is null ? null : OutsideMarketReader.Read(marketReader, c, out connectionBusPath);

        var participants = ReadParticipants(r, c, out var busPaths);
        var settlementReader = r.Object("settlement", required: false);
        var settlement = settlementReader is null ? SettlementSettings.Default : SettlementReader.Read(settlementReader, c, participants, grid, gridReader is not null);
        var flexibilityReader = r.Object("flexibility", required: false);
        string? flexSensitivities = null;
        var flexibility = flexibilityReader is null || (gridReader is not null && grid is null) ? null : FlexibilityReader.Read(flexibilityReader, c, participants, grid, out flexSensitivities);
        r.ReportUnknown();

        // When a grid was given but could not be read, its problems are reported already; checking bus references
        // against no grid would only repeat them.
        if (grid is not null || gridReader is null)
        {
            CheckGridReferences(grid, gridReader?.Path ?? "$.grid", participants, busPaths, market, connectionBusPath, d);
        }

        if (d.HasErrors || name is null || c.Horizon is null || market is null)
        {
            return null;
        }

        return new Scenario(name, description, c.Horizon, participants, market, grid, sourcePath)
        {
            Settlement = settlement ?? SettlementSettings.Default,
            Flexibility = flexibility,
            FlexibilitySensitivities = flexSensitivities ?? "auto",
        };
    }

    private static List<Participant> ReadParticipants(ObjectReader r, ReadContext c, out List<string?> busPaths)
    {
        busPaths = [];
        var participants = new List<Participant>();
        var array = r.Array("participants", required: true, ScenarioLimits.MaxParticipants);
        if (array is null)
        {
            return participants;
        }

        var ids = new IdRegistry();
        var i = 0;
        foreach (var item in array.Value.EnumerateArray())
        {
            var path = JsonPaths.Index(r.PathOf("participants"), i++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                c.Diagnostics.Error(path, ValidationCodes.FieldType, $"Each participant must be an object, not {ObjectReader.KindName(item)}.");
                continue;
            }

            var p = ParticipantReader.Read(new ObjectReader(item, path, c.Diagnostics), c, ids, out var busPath);
            if (p is not null)
            {
                participants.Add(p);
                busPaths.Add(busPath ?? JsonPaths.Property(path, "bus"));
            }
        }

        foreach (var (id, path) in ids.ParticipantReferences)
        {
            if (!ids.Participants.ContainsKey(id))
            {
                c.Diagnostics.Error(path, ValidationCodes.UnknownParticipant, $"'{id}' is not a participant of the scenario.");
            }
        }

        if (i == 0)
        {
            c.Diagnostics.Error(r.PathOf("participants"), ValidationCodes.ValueOutOfRange, "A scenario needs at least one participant.");
        }

        return participants;
    }

    private static void CheckGridReferences(GridNetwork? grid, string gridPath, List<Participant> participants, List<string?> busPaths, OutsideMarket? market, string? connectionBusPath, Diagnostics d)
    {
        HashSet<string>? unreachable = null;
        if (grid is not null)
        {
            var gridErrors = GridTopology.Validate(grid, gridPath);
            d.AddRange(gridErrors);
            if (gridErrors.Any(e => e.Code != ValidationCodes.GridIslanded))
            {
                return; // no slack or bad elements: the buses cannot be checked one by one
            }

            unreachable = [.. GridTopology.Analyze(NetworkIndex.Build(grid)).UnreachableBusIds.Select(b => b.Value)];
        }

        for (var i = 0; i < participants.Count; i++)
        {
            var p = participants[i];
            var path = busPaths[i]!;
            if (p.Bus is null)
            {
                if (grid is not null && p.Role is not (ParticipantRole.MarketOperator or ParticipantRole.Dso or ParticipantRole.Aggregator))
                {
                    d.Error(path, ValidationCodes.FieldMissing, $"Participant '{p.Id}' needs a 'bus': the scenario has a grid, and a {p.Role} must be connected to it.");
                }

                continue;
            }

            CheckBus(grid, p.Bus.Value.Value, path, $"Participant '{p.Id}'", unreachable, d);
        }

        if (market?.ConnectionBus is { } cb)
        {
            CheckBus(grid, cb.Value, connectionBusPath!, "The connection bus of the outside market", unreachable, d);
        }
    }

    private static void CheckBus(GridNetwork? grid, string bus, string path, string who, HashSet<string>? unreachable, Diagnostics d)
    {
        if (grid is null)
        {
            d.Error(path, ValidationCodes.UnknownBus, $"{who} names bus '{bus}', but the scenario has no grid.");
            return;
        }

        var found = grid.Buses.FirstOrDefault(b => b.Id.Value == bus);
        if (found is null)
        {
            d.Error(path, ValidationCodes.UnknownBus, $"{who} names bus '{bus}', which the grid does not have.");
        }
        else if (!found.InService || (unreachable?.Contains(bus) ?? false))
        {
            d.Error(path, ValidationCodes.GridIslanded, $"{who} is connected at bus '{bus}', which is {(found.InService ? "not connected to the slack bus (islanded)" : "out of service")}.");
        }
    }
}
