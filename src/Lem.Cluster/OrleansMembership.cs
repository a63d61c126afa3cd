using Npgsql;

namespace Lem.Cluster;

/// <summary>
/// Orleans' ADO.NET membership tables in PostgreSQL (docs/cluster.md#membership): Lem's own script, embedded as
/// <c>OrleansMembership.sql</c>, creates them when the database has none. <c>lem silo</c>, <c>lem run --cluster</c> and
/// <c>lem serve --cluster</c> all call it before joining, so a fresh database needs no manual step.
/// </summary>
public static class OrleansMembership
{
    /// <summary>Creates the membership tables when missing; processes starting together serialise on an advisory lock.</summary>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public static async Task EnsureTablesAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureTablesAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the membership tables when missing inside the caller's transaction, after taking the advisory lock every
    /// Lem process takes for its cluster tables (the caller may create its own tables under the same lock).
    /// </summary>
    public static async Task EnsureTablesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('lem cluster tables'))", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var probe = new NpgsqlCommand("SELECT to_regclass('orleansquery') IS NULL", connection, transaction);
        if ((bool)(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
        {
            await using var create = new NpgsqlCommand(Script(), connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The embedded script.</summary>
    internal static string Script()
    {
        using var stream = typeof(OrleansMembership).Assembly.GetManifestResourceStream("cluster/OrleansMembership.sql")
            ?? throw new InvalidOperationException("The embedded membership script is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
