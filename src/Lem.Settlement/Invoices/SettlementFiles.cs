using System.Text;
using Lem.Settlement.Billing;

namespace Lem.Settlement.Invoices;

/// <summary>
/// Writes a settlement to a folder: <c>invoices/&lt;participant&gt;.json</c> and <c>.html</c> for every invoice,
/// <c>invoices/summary.json</c> and <c>.html</c> for the community, and <c>kpis.json</c>.
/// </summary>
public static class SettlementFiles
{
    /// <summary>The sub-folder of the invoices.</summary>
    public const string InvoiceFolder = "invoices";

    /// <summary>The name of the KPI file.</summary>
    public const string KpiFile = "kpis.json";

    /// <summary>Writes the files (creating the folders) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, SettlementResult result)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(result);
        var folder = Path.Combine(directory, InvoiceFolder);
        Directory.CreateDirectory(folder);
        var utf8 = new UTF8Encoding(false);
        var stems = InvoiceFileNames.Assign(result.Invoices.Select(i => i.Participant.Id));
        var written = new List<string>();
        void Save(string path, string text)
        {
            File.WriteAllText(path, text, utf8);
            written.Add(path);
        }

        foreach (var invoice in result.Invoices)
        {
            var stem = stems[invoice.Participant.Id];
            Save(Path.Combine(folder, stem + ".json"), SettlementJson.Invoice(result, invoice));
            Save(Path.Combine(folder, stem + ".html"), SettlementHtml.Invoice(result, invoice));
        }

        Save(Path.Combine(folder, InvoiceFileNames.SummaryStem + ".json"), SettlementJson.Summary(result, stems));
        Save(Path.Combine(folder, InvoiceFileNames.SummaryStem + ".html"), SettlementHtml.Summary(result, stems));
        Save(Path.Combine(directory, KpiFile), SettlementJson.Kpis(result));
        return written;
    }
}
