using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data;

public static class DbErrors
{
    /// <summary>A unique index refused the write (SQLite constraint 19 "UNIQUE", PostgreSQL 23505), on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) =>
        ex.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite && sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal)
        || ex.InnerException is Npgsql.PostgresException { SqlState: "23505" };
}
