using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data;

public static class DbErrors
{
    /// <summary>A unique index refused the write (SQLite constraint 19 "UNIQUE", PostgreSQL 23505), on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException is { } inner && IsUniqueViolation(inner);

    /// <summary>The same for a provider's exception itself (as bulk updates throw it).</summary>
    public static bool IsUniqueViolation(Exception ex) =>
        ex is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal)
        || ex is Npgsql.PostgresException { SqlState: "23505" };
}
