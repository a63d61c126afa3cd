namespace Lem.Server.Store;

/// <summary>
/// Reads column values the same way from SQLite and PostgreSQL readers (whose providers may hand back text as bytes and
/// 64-bit integers as 32-bit ones): the reads of <see cref="LedgerTable"/> and <see cref="StoreVerifier"/>.
/// </summary>
internal static class DbValues
{
    /// <summary>A column value as text: strings as they are, bytes as UTF-8, <c>NULL</c> as empty, numbers in invariant culture.</summary>
    public static string Text(object value) => value switch
    {
        string s => s,
        byte[] b => Encoding.UTF8.GetString(b),
        DBNull => string.Empty,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A <c>seq</c> column value of a <paramref name="table"/> row as a 64-bit integer.</summary>
    /// <exception cref="InvalidDataException">The value is not an integer.</exception>
    public static long Sequence(object value, string table) => value switch
    {
        long l => l,
        int i => i,
        _ => throw new InvalidDataException($"A {table} row has the seq {Text(value)}, which is not an integer."),
    };
}
