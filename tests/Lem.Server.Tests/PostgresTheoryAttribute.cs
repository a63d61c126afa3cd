using Lem.Testing;

namespace Lem.Server.Tests;

/// <summary>
/// A theory that needs the test PostgreSQL server: skipped when <c>LEM_TEST_POSTGRES_CS</c> is not set, except in CI,
/// where it runs and fails (as <see cref="PostgresFactAttribute"/>).
/// </summary>
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no server is configured and this is not a CI run.</summary>
    public PostgresTheoryAttribute()
    {
        if (!TestPostgres.IsConfigured && !TestPostgres.IsCi)
        {
            Skip = $"PostgreSQL test: {TestPostgres.ConnectionStringVariable} is not set; run LEM_TEST_POSTGRES=1 ./scripts/test.sh (or scripts/postgres.sh start).";
        }
    }
}
