using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Daihuo.Data.Common;

/// <summary>
/// Appends rows of one entity type without EF Core's change tracker, inside the context's current
/// transaction. The INSERT is built once per provider from the EF model (table, columns, value
/// converters and the provider's type mappings, so a row is stored exactly as EF would store it) and
/// reused for every row; an integer key the database generates is read back with RETURNING. For the
/// order journal's hot path, where rows are only ever added and EF's per-entity bookkeeping and SQL
/// generation were most of a flash sale's CPU and allocations (docs/decisions/0011).
/// </summary>
public sealed class RowInserter<T>
    where T : class
{
    private static readonly ConcurrentDictionary<Type, RowInserter<T>> ByContext = new();

    private readonly string _sql;
    private readonly (IProperty Property, RelationalTypeMapping Mapping, string Name)[] _columns;
    private readonly IProperty? _generated;

    private RowInserter(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var key = entity.FindPrimaryKey()!.Properties;
        _generated = key is [{ ValueGenerated: ValueGenerated.OnAdd } only] && (only.ClrType == typeof(long) || only.ClrType == typeof(int)) ? only : null;
        _columns = [.. entity.GetProperties()
            .Where(p => p != _generated)
            .Select((p, i) => (p, p.GetRelationalTypeMapping(), sql.GenerateParameterName("p" + i)))];
        _sql = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", _columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(store)!)))}) "
            + $"VALUES ({string.Join(", ", _columns.Select(c => c.Name))})"
            + (_generated is null ? string.Empty : $" RETURNING {sql.DelimitIdentifier(_generated.GetColumnName(store)!)}");
    }

    /// <summary>The inserter for this context's provider (built once).</summary>
    public static RowInserter<T> For(DbContext db) => ByContext.GetOrAdd(db.GetType(), _ => new RowInserter<T>(db));

    /// <summary>Inserts the rows in order, in the context's transaction; a generated key is set on each row.</summary>
    public async Task InsertAsync(DbContext db, IReadOnlyList<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        if (connection.CanCreateBatch)
        {
            // One round trip for the whole list (PostgreSQL pipelines the statements).
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            await using var scratch = connection.CreateCommand();
            foreach (var row in rows)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = _sql;
                Bind(scratch, row);
                foreach (var parameter in scratch.Parameters.Cast<DbParameter>().ToList())
                {
                    scratch.Parameters.Remove(parameter);
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            if (_generated is null)
            {
                await batch.ExecuteNonQueryAsync(ct);
                return;
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var row in rows)
            {
                await reader.ReadAsync(ct);
                SetKey(row, reader.GetFieldValue<long>(0));
                await reader.NextResultAsync(ct);
            }

            return;
        }

        // One statement prepared once and bound again per row (SQLite runs in the process: no round trips to save).
        await using var single = connection.CreateCommand();
        single.Transaction = transaction;
        single.CommandText = _sql;
        foreach (var row in rows)
        {
            single.Parameters.Clear();
            Bind(single, row);
            if (_generated is null)
            {
                await single.ExecuteNonQueryAsync(ct);
            }
            else
            {
                SetKey(row, Convert.ToInt64(await single.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private void Bind(DbCommand command, T row)
    {
        foreach (var (property, mapping, name) in _columns)
        {
            command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValueUsingContainingEntity(row), property.IsNullable));
        }
    }

    private void SetKey(T row, long id)
    {
        var key = _generated!;
        var member = (System.Reflection.PropertyInfo)key.PropertyInfo!;
        member.SetValue(row, key.ClrType == typeof(int) ? (object)checked((int)id) : id);
    }
}
