using Npgsql;

namespace Daihuo.Baseline;

/// <summary>
/// The design most teams write: one PostgreSQL transaction per order. A retry with the same key finds
/// its order; otherwise a conditional UPDATE takes the units under the offer row's lock (so two orders
/// never both get the last unit) and the order is INSERTed; COMMIT waits for the WAL flush
/// (synchronous_commit on, PostgreSQL's default).
/// </summary>
public sealed class RowLockStore(NpgsqlDataSource data) : IBaselineStore
{
    public static async Task<RowLockStore> CreateAsync(string connectionString)
    {
        // A fresh database per run, made here if it is missing.
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await using (var server = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        await using (var exists = server.CreateCommand("SELECT 1 FROM pg_database WHERE datname = @name"))
        {
            exists.Parameters.AddWithValue("name", target.Database!);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = server.CreateCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "", StringComparison.Ordinal)}\"");
                await create.ExecuteNonQueryAsync();
            }
        }

        var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("""
            CREATE TABLE IF NOT EXISTS bench_offers (id uuid PRIMARY KEY, allocated integer NOT NULL, sold integer NOT NULL DEFAULT 0, price_fen bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS bench_orders (
                id uuid PRIMARY KEY, offer_id uuid NOT NULL REFERENCES bench_offers (id), buyer_id text NOT NULL, idempotency_key text NOT NULL,
                quantity integer NOT NULL, total_fen bigint NOT NULL, ship_name text, ship_phone text, ship_address text, placed_at timestamptz NOT NULL,
                UNIQUE (buyer_id, idempotency_key));
            CREATE INDEX IF NOT EXISTS bench_orders_offer ON bench_orders (offer_id);
            """);
        await command.ExecuteNonQueryAsync();
        return new RowLockStore(data);
    }

    public async Task<IReadOnlyList<Guid>> CreateOffersAsync(int count, int units, long priceFen)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToList();
        await using var command = data.CreateCommand("INSERT INTO bench_offers (id, allocated, price_fen) SELECT unnest(@ids), @units, @price");
        command.Parameters.AddWithValue("ids", ids.ToArray());
        command.Parameters.AddWithValue("units", units);
        command.Parameters.AddWithValue("price", priceFen);
        await command.ExecuteNonQueryAsync();
        return ids;
    }

    public async Task<Placed?> PlaceAsync(Guid offerId, string buyerId, string key, OrderRequest request)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var connection = await data.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            if (await ExistingAsync(connection, transaction, buyerId, key) is { } again)
            {
                return again;
            }

            await using var take = new NpgsqlCommand(
                "UPDATE bench_offers SET sold = sold + @q WHERE id = @id AND sold + @q <= allocated RETURNING price_fen", connection, transaction);
            take.Parameters.AddWithValue("q", request.Quantity);
            take.Parameters.AddWithValue("id", offerId);
            if (await take.ExecuteScalarAsync() is not long price)
            {
                await transaction.RollbackAsync();
                return null;
            }

            var order = new Placed(Guid.CreateVersion7(), request.Quantity, price * request.Quantity);
            await using var insert = new NpgsqlCommand("""
                INSERT INTO bench_orders (id, offer_id, buyer_id, idempotency_key, quantity, total_fen, ship_name, ship_phone, ship_address, placed_at)
                VALUES (@id, @offer, @buyer, @key, @q, @total, @name, @phone, @address, now())
                """, connection, transaction);
            insert.Parameters.AddWithValue("id", order.OrderId);
            insert.Parameters.AddWithValue("offer", offerId);
            insert.Parameters.AddWithValue("buyer", buyerId);
            insert.Parameters.AddWithValue("key", key);
            insert.Parameters.AddWithValue("q", request.Quantity);
            insert.Parameters.AddWithValue("total", order.TotalFen);
            insert.Parameters.AddWithValue("name", (object?)request.ShipName ?? DBNull.Value);
            insert.Parameters.AddWithValue("phone", (object?)request.ShipPhone ?? DBNull.Value);
            insert.Parameters.AddWithValue("address", (object?)request.ShipAddress ?? DBNull.Value);
            try
            {
                await insert.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                return order;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt == 0)
            {
                // The same key raced itself (a client retry while the first was in flight): the first one's order is the answer.
                await transaction.RollbackAsync();
            }
        }
    }

    private static async Task<Placed?> ExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string buyerId, string key)
    {
        await using var find = new NpgsqlCommand("SELECT id, quantity, total_fen FROM bench_orders WHERE buyer_id = @buyer AND idempotency_key = @key", connection, transaction);
        find.Parameters.AddWithValue("buyer", buyerId);
        find.Parameters.AddWithValue("key", key);
        await using var reader = await find.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new Placed(reader.GetGuid(0), reader.GetInt32(1), reader.GetInt64(2)) : null;
    }

    public async Task<OfferState> ReconcileAsync(Guid offerId)
    {
        var ids = new List<Guid>();
        long units = 0;
        await using (var orders = data.CreateCommand("SELECT id, quantity FROM bench_orders WHERE offer_id = @id"))
        {
            orders.Parameters.AddWithValue("id", offerId);
            await using var reader = await orders.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
                units += reader.GetInt32(1);
            }
        }

        await using var offer = data.CreateCommand("SELECT sold, allocated FROM bench_offers WHERE id = @id");
        offer.Parameters.AddWithValue("id", offerId);
        await using var row = await offer.ExecuteReaderAsync();
        await row.ReadAsync();
        return new OfferState(ids, units, row.GetInt32(0), row.GetInt32(1));
    }
}
