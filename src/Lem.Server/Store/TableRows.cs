namespace Lem.Server.Store;

/// <summary>The rows of one table that a batch writes: one positional-parameter statement and its parameter values per row.</summary>
/// <param name="Sql">The statement, with parameters <c>$1</c>, <c>$2</c>, ... in the order of each row's values.</param>
/// <param name="Rows">The parameter values of each row (null stands for SQL NULL).</param>
internal sealed record TableRows(string Sql, IReadOnlyList<object?[]> Rows);
