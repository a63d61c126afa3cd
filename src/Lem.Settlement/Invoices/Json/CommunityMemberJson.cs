using System.Text.Json.Serialization;

namespace Lem.Settlement.Invoices.Json;

/// <summary>One participant in the community summary (amounts in EUR with two decimals).</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Name">Its name, or null (written as null).</param>
/// <param name="Role">Its role's JSON name.</param>
/// <param name="InvoiceJson">Its invoice's JSON file, or null (left out).</param>
/// <param name="InvoiceHtml">Its invoice's HTML file, or null (left out).</param>
/// <param name="TotalEur">Its bill.</param>
/// <param name="BaselineEur">Its retail baseline.</param>
/// <param name="SavingsBeforeCompensationEur">Its savings before compensation.</param>
/// <param name="SavingsEur">Its savings.</param>
public sealed record CommunityMemberJson(
    string Id,
    string? Name,
    string Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InvoiceJson,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InvoiceHtml,
    decimal TotalEur,
    decimal BaselineEur,
    decimal SavingsBeforeCompensationEur,
    decimal SavingsEur);
