using Xunit;

namespace Lem.Testing;

/// <summary>
/// A fact that needs the test PostgreSQL server (<see cref="TestPostgres"/>). Without <c>LEM_TEST_POSTGRES_CS</c> it is
/// skipped, visibly, on a developer machine; in CI (<c>CI=true</c>) it runs anyway and fails with a message naming the
/// missing variable, so CI can never skip the PostgreSQL tests silently. <c>scripts/test.sh</c> starts the server
/// (<c>scripts/postgres.sh</c>) and sets the variable in CI or with <c>LEM_TEST_POSTGRES=1</c>.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when no server is configured and this is not a CI run.</summary>
    public PostgresFactAttribute()
    {
        if (!TestPostgres.IsConfigured && !TestPostgres.IsCi)
        {
            Skip = $"PostgreSQL test: {TestPostgres.ConnectionStringVariable} is not set; run LEM_TEST_POSTGRES=1 ./scripts/test.sh (or scripts/postgres.sh start).";
        }
    }
}
