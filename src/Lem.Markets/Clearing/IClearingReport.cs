using System.Text.Json.Nodes;

namespace Lem.Markets.Clearing;

/// <summary>
/// A mechanism's own part of the outputs of a run: summary fields, files and text tables beyond the common ones
/// (status, welfare, prices, the AC check), which <c>lem run</c> and the server write for every mechanism.
/// </summary>
public interface IClearingReport
{
    /// <summary>The mechanism's own fields of <c>summary.json</c> (after the common ones), serialised from its source-generated records.</summary>
    JsonObject SummaryFields(ClearingReportContext context);

    /// <summary>Files beside the common <c>prices.csv</c> and <c>summary.json</c>.</summary>
    IReadOnlyList<ReportFile> Files(ClearingReportContext context);

    /// <summary>The title of the text output.</summary>
    string Title(ClearingReportContext context);

    /// <summary>Rows of the text output's main table (before the AC check's rows).</summary>
    IReadOnlyList<KeyValuePair<string, string>> TextRows(ClearingReportContext context);

    /// <summary>Further text tables after the main one.</summary>
    IReadOnlyList<ReportTable> TextTables(ClearingReportContext context);
}
