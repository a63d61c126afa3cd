using Microsoft.Data.Sqlite;

namespace Lem.Server.Store;

/// <summary>The files of a server data folder: the SQLite database <c>lem.db</c> and the server key.</summary>
public static class DataFolder
{
    /// <summary>The database file name.</summary>
    public const string DatabaseFileName = "lem.db";

    /// <summary>The path of the SQLite database of <paramref name="dataDir"/>: <c>&lt;data&gt;/lem.db</c>.</summary>
    public static string DatabasePath(string dataDir)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDir);
        return Path.Combine(dataDir, DatabaseFileName);
    }

    /// <summary>
    /// Opens (creating folder and file when missing) the database of <paramref name="dataDir"/> for writing, in WAL mode
    /// with <c>synchronous = FULL</c>, so a committed record survives a power cut.
    /// </summary>
    public static SqliteConnection OpenDatabase(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath(dataDir),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens the existing database of <paramref name="dataDir"/> read-only (for verification).</summary>
    /// <exception cref="FileNotFoundException">The folder has no <c>lem.db</c>.</exception>
    public static SqliteConnection OpenDatabaseReadOnly(string dataDir)
    {
        var path = DatabasePath(dataDir);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data folder {dataDir} has no database {DatabaseFileName}.", path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
