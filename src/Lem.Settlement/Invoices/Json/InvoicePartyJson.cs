namespace Lem.Settlement.Invoices.Json;

/// <summary>The <c>participant</c> of an invoice.</summary>
/// <param name="Id">The participant's id.</param>
/// <param name="Name">Its name, or null (written as null).</param>
/// <param name="Role">Its role's JSON name.</param>
public sealed record InvoicePartyJson(string Id, string? Name, string Role);
