using System.Text.Encodings.Web;
using System.Text.Json.Serialization.Metadata;

namespace Lem.Cli.Output.Records;

/// <summary>
/// Source-generated JSON for the CLI's <c>--format json</c> outputs: snake_case names from the records' property names
/// (an explicit <see cref="JsonPropertyNameAttribute"/> where the property's name carries a unit the JSON name does not),
/// indented, and non-ASCII text written as it is (<see cref="Relaxed"/>).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ValidationReportJson))]
[JsonSerializable(typeof(PowerFlowJson))]
[JsonSerializable(typeof(PowerFlowSeriesJson))]
[JsonSerializable(typeof(OpfJson))]
[JsonSerializable(typeof(GridJson))]
[JsonSerializable(typeof(InfoJson))]
[JsonSerializable(typeof(AuctionJson))]
[JsonSerializable(typeof(FlexJson))]
[JsonSerializable(typeof(FlexSettlementJson))]
[JsonSerializable(typeof(FlexStatementJson[]))]
[JsonSerializable(typeof(AllocationJson))]
[JsonSerializable(typeof(ProofCheckJson))]
[JsonSerializable(typeof(LoadTestJson))]
[JsonSerializable(typeof(BenchJson))]
[JsonSerializable(typeof(BenchReferenceJson))]
[JsonSerializable(typeof(BenchGoalJson[]))]
[JsonSerializable(typeof(double))]
public sealed partial class CliJsonContext : JsonSerializerContext
{
    private static CliJsonContext? relaxed;

    /// <summary>The context the outputs are written with: the generated options and relaxed escaping.</summary>
    public static CliJsonContext Relaxed => relaxed ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The metadata of a record registered here, with relaxed escaping.</summary>
    /// <exception cref="InvalidOperationException">When <typeparamref name="T"/> is not registered.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        Relaxed.GetTypeInfo(typeof(T)) as JsonTypeInfo<T> ?? throw new InvalidOperationException($"{typeof(T).Name} is not registered in {nameof(CliJsonContext)}.");
}
