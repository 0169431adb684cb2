using Daihuo.Data;
using Daihuo.Data.Catalog;
using Daihuo.Data.Live;
using Daihuo.Data.Tests.Support;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Live.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Daihuo.Live.Tests.Orders;

/// <summary>An in-process Orleans test cluster over a real database of one provider, with offers to sell.</summary>
public abstract class LiveCluster<TDatabase> : IAsyncLifetime
    where TDatabase : DatabaseFixture, new()
{
    public TDatabase Database { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = default!;

    public IGrainFactory Grains => Cluster.Client;

    public OrderJournal Journal => Cluster.Silos[0].ServiceProvider.GetRequiredService<OrderJournal>();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        if (Database.SkipReason is not null)
        {
            return;
        }

        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IDbContextFactory<DaihuoDbContext>>(Database);
            host.Services.AddSingleton(new LiveClock(Database.Clock));
            host.Services.AddLiveRuntime(new LiveOptions { PaymentWindowMinutes = 15 });
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>A fresh offer on a fresh session: its own SKU, <paramref name="units"/> allocated.</summary>
    public async Task<Guid> CreateOfferAsync(int units, int perBuyerLimit, long priceFen = 9900, DateTimeOffset? flashStart = null, int flashMinutes = 30,
        Daihuo.Domain.Live.SessionStage stage = Daihuo.Domain.Live.SessionStage.Live)
    {
        var code = "LV-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var product = await Database.Catalog.CreateAsync(
            new ProductDraft(code, "直播测试商品", "food-snacks", null, null, ProductRole.Hit, SpecialCategory.Food, null, [], Fabe.Empty,
                [new SkuDraft(code + "-1", null, null, null, Money.FromFen(19900), Money.FromFen(priceFen), Money.FromFen(priceFen), Money.FromFen(1000))]),
            new Data.Audit.Actor("test", "test"));
        await using var db = Database.CreateDbContext();
        var session = new LiveSession { Id = Guid.CreateVersion7(), Title = "测试场 " + code, Room = code.ToLowerInvariant(), Status = stage, CreatedAt = DateTimeOffset.UtcNow };
        var offer = new Offer
        {
            Id = Guid.CreateVersion7(),
            SessionId = session.Id,
            SkuId = product.Skus[0].Id,
            Price = Money.FromFen(priceFen),
            Allocated = units,
            PerBuyerLimit = perBuyerLimit,
            FlashStartsAt = flashStart,
            FlashEndsAt = flashStart + TimeSpan.FromMinutes(flashMinutes),
        };
        db.LiveSessions.Add(session);
        db.Offers.Add(offer);
        await db.SaveChangesAsync();
        return offer.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (Database.SkipReason is null)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }

        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteLiveCluster : LiveCluster<SqliteFixture>;

public sealed class PostgresLiveCluster : LiveCluster<PostgresFixture>;
