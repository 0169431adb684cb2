using Npgsql;

namespace Daihuo.Tests.Support;

/// <summary>
/// Drops a test database. <c>WITH (FORCE)</c> ends the tests' own connections, but the database refuses
/// to end an autovacuum worker for a role that is not a superuser (42501), so the drop is tried again
/// while the worker finishes; a database that still cannot be dropped is left behind (it is only a
/// test's, and the next run uses new names) rather than failing the tests that used it.
/// Shared by the test projects (linked into Daihuo.Server.Tests).
/// </summary>
public static class PostgresCleanup
{
    public static async Task DropAsync(string serverConnectionString, string database)
    {
        NpgsqlConnection.ClearAllPools();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(serverConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                if (attempt == 10)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt));
            }
        }
    }
}
