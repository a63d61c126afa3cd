using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lem.Settlement.Invoices.Json;

/// <summary>
/// Source-generated JSON for the settlement's documents: snake_case names from the records' property names, indented,
/// and non-ASCII text and offsets such as <c>+02:00</c> written as they are (<see cref="Documents"/>).
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(InvoiceJson))]
[JsonSerializable(typeof(CommunitySummaryJson))]
[JsonSerializable(typeof(KpisJson))]
public sealed partial class SettlementJsonContext : JsonSerializerContext
{
    private static SettlementJsonContext? documents;

    /// <summary>The context the documents are written with: the generated options and relaxed escaping.</summary>
    public static SettlementJsonContext Documents => documents ??= new(new JsonSerializerOptions(Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
