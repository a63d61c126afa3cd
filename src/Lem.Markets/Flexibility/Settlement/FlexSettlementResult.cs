namespace Lem.Markets.Flexibility.Settlement;

/// <summary>The settlement of a flexibility market's orders against metered data (docs/mechanisms/flexibility.md#settlement).</summary>
/// <param name="BaselineMethod">The baseline method used.</param>
/// <param name="Lines">One line per order and slot, by slot, then offer id.</param>
/// <param name="Statements">One statement per FSP and month, by FSP, then month.</param>
public sealed record FlexSettlementResult(string BaselineMethod, IReadOnlyList<FlexOrderSettlement> Lines, IReadOnlyList<FlexStatement> Statements);
