using Daihuo.Data.Audit;
using Daihuo.Data.Tests.Support;

namespace Daihuo.Data.Tests.Audit;

public abstract class AuditStoreTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    [Fact]
    public async Task The_log_is_searchable_by_action_text_and_time_newest_first()
    {
        fixture.SkipIfUnavailable();
        var ct = TestContext.Current.CancellationToken;
        var marker = Guid.NewGuid().ToString("N");
        await using (var db = fixture.CreateDbContext())
        {
            AuditLog.Record(db, fixture.Clock, new Actor("u1", "店主"), "team.roles.changed", "staff", marker, new { roles = new[] { "Host" } }, new { roles = new[] { "Host", "Assistant" } }, "兼任助播");
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
            AuditLog.Record(db, fixture.Clock, new Actor("u2", "运营"), "catalog.product.updated", "product", marker, new { live = "239.00" }, new { live = "219.00" });
            await db.SaveChangesAsync(ct);
        }

        var all = await fixture.Audit.SearchAsync(new AuditQuery(Search: marker), ct);
        Assert.Equal(["catalog.product.updated", "team.roles.changed"], all.Items.Select(a => a.Action));

        var roles = await fixture.Audit.SearchAsync(new AuditQuery(Search: marker, Action: "team."), ct);
        var entry = Assert.Single(roles.Items);
        Assert.Equal("兼任助播", entry.Reason);
        Assert.Contains("Assistant", entry.After, StringComparison.Ordinal);

        var byText = await fixture.Audit.SearchAsync(new AuditQuery(Search: "兼任助播"), ct);
        Assert.Contains(byText.Items, a => a.EntityId == marker);

        var later = await fixture.Audit.SearchAsync(new AuditQuery(Search: marker, From: fixture.Clock.GetUtcNow()), ct);
        Assert.Equal("catalog.product.updated", Assert.Single(later.Items).Action);
    }
}

public sealed class SqliteAuditStoreTests(SqliteFixture fixture) : AuditStoreTests<SqliteFixture>(fixture);

public sealed class PostgresAuditStoreTests(PostgresFixture fixture) : AuditStoreTests<PostgresFixture>(fixture);
