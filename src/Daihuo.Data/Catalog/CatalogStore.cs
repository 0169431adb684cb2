using Daihuo.Data.Audit;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Daihuo.Data.Catalog;

/// <summary>
/// Reads (plain projections) and commands (through <see cref="ProductRules"/>, audited in the same
/// transaction) of the catalog. Used by the API endpoints and the console alike.
/// </summary>
public sealed class CatalogStore(IDbContextFactory<DaihuoDbContext> contexts, TimeProvider clock)
{
    public const int MaxImagesPerProduct = 9;

    public async Task<IReadOnlyList<CategoryDetails>> CategoriesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Categories.AsNoTracking().OrderBy(c => c.SortOrder)
            .Select(c => new CategoryDetails(c.Code, c.NameZh, c.NameEn, c.RequiresSize, c.DefaultSpecialCategory))
            .ToListAsync(ct);
    }

    public async Task<Page<ProductRow>> SearchAsync(ProductQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = Filter(db.Products.AsNoTracking(), query);
        var total = await products.CountAsync(ct);
        products = (query.Sort, query.Descending) switch
        {
            (ProductSort.Name, false) => products.OrderBy(p => p.Name).ThenBy(p => p.Id),
            (ProductSort.Name, true) => products.OrderByDescending(p => p.Name).ThenBy(p => p.Id),
            (ProductSort.Code, false) => products.OrderBy(p => p.Code),
            (ProductSort.Code, true) => products.OrderByDescending(p => p.Code),
            (ProductSort.Category, false) => products.OrderBy(p => p.CategoryCode).ThenBy(p => p.Code),
            (ProductSort.Category, true) => products.OrderByDescending(p => p.CategoryCode).ThenBy(p => p.Code),
            (ProductSort.LivePrice, false) => products.OrderBy(p => p.Skus.Min(s => s.LivePrice)).ThenBy(p => p.Code),
            (ProductSort.LivePrice, true) => products.OrderByDescending(p => p.Skus.Min(s => s.LivePrice)).ThenBy(p => p.Code),
            (ProductSort.SkuCount, false) => products.OrderBy(p => p.Skus.Count).ThenBy(p => p.Code),
            (ProductSort.SkuCount, true) => products.OrderByDescending(p => p.Skus.Count).ThenBy(p => p.Code),
            (_, false) => products.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Code),
            _ => products.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Code),
        };

        var size = Math.Clamp(query.PageSize, 1, ProductQuery.MaxPageSize);
        var page = Math.Max(query.Page, 0);
        var rows = await products
            .Skip(page * size)
            .Take(size)
            .Select(p => new ProductRow(
                p.Id,
                p.Code,
                p.Name,
                p.CategoryCode,
                p.Brand,
                p.Role,
                p.SpecialCategory,
                p.Status,
                p.Skus.Count,
                p.Skus.Min(s => s.LivePrice),
                p.Skus.Max(s => s.LivePrice),
                p.Skus.Min(s => s.ListPrice),
                p.Images.OrderBy(i => i.SortOrder).Select(i => i.FileName).FirstOrDefault(),
                p.UpdatedAt))
            .ToListAsync(ct);
        return new Page<ProductRow>(rows, total);
    }

    public async Task<CatalogSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var active = await db.Products.CountAsync(p => p.Status == ProductStatus.Active, ct);
        var archived = await db.Products.CountAsync(p => p.Status == ProductStatus.Archived, ct);
        var skus = await db.Skus.CountAsync(s => db.Products.Any(p => p.Id == s.ProductId && p.Status == ProductStatus.Active), ct);
        var byCategory = await db.Products.Where(p => p.Status == ProductStatus.Active)
            .GroupBy(p => p.CategoryCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        return new CatalogSummary(active, archived, skus, byCategory.Select(g => (g.Key, g.Count)).OrderByDescending(g => g.Count).ToList());
    }

    /// <summary>Short labels for SKUs ("芒果干 500g · DH-F5003"), for lists that name them.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> SkuLabelsAsync(IReadOnlyCollection<Guid> skuIds, CancellationToken ct = default)
    {
        if (skuIds.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Skus.AsNoTracking().Where(k => skuIds.Contains(k.Id))
            .Join(db.Products, k => k.ProductId, p => p.Id, (k, p) => new { k.Id, Label = p.Name + " · " + k.Code })
            .ToDictionaryAsync(x => x.Id, x => x.Label, ct);
    }

    public async Task<ProductDetails?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await db.Products.AsNoTracking()
            .Include(p => p.Skus)
            .Include(p => p.Images)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == id, ct);
        return product is null ? null : ToDetails(product);
    }

    public async Task<ProductDetails> CreateAsync(ProductDraft draft, Actor actor, CancellationToken ct = default)
    {
        draft = Normalize(draft);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await ValidateAsync(db, draft, productId: null, ct);
        var now = clock.GetUtcNow();
        var product = new Product
        {
            Id = Guid.CreateVersion7(now),
            Code = draft.Code,
            Name = draft.Name,
            CategoryCode = draft.CategoryCode,
            Status = ProductStatus.Active,
            CreatedAt = now,
            Version = 1,
        };
        Apply(db, product, draft, now);
        db.Products.Add(product);
        AuditLog.Record(db, clock, actor, "catalog.product.created", "product", product.Id.ToString(), null, Snapshot(draft));
        await SaveAsync(db, ct);
        return ToDetails(product);
    }

    public async Task<ProductDetails> UpdateAsync(Guid id, int expectedVersion, ProductDraft draft, Actor actor, CancellationToken ct = default)
    {
        draft = Normalize(draft);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await LoadForEditAsync(db, id, ct);
        if (product.Version != expectedVersion)
        {
            throw new ConflictException(ErrorCodes.ProductStale, "version", product.Version);
        }

        await ValidateAsync(db, draft, id, ct);
        var before = Snapshot(ToDetails(product).ToDraft());
        var now = clock.GetUtcNow();
        product.Code = draft.Code;
        Apply(db, product, draft, now);
        product.Version++;
        AuditLog.Record(db, clock, actor, "catalog.product.updated", "product", id.ToString(), before, Snapshot(draft));
        await SaveAsync(db, ct);
        return ToDetails(product);
    }

    public Task ArchiveAsync(Guid id, Actor actor, string? reason, CancellationToken ct = default) =>
        SetStatusAsync(id, ProductStatus.Archived, "catalog.product.archived", actor, reason, ct);

    public Task RestoreAsync(Guid id, Actor actor, string? reason, CancellationToken ct = default) =>
        SetStatusAsync(id, ProductStatus.Active, "catalog.product.restored", actor, reason, ct);

    public async Task<ImageDetails> AddImageAsync(Guid productId, string fileName, int width, int height, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await LoadForEditAsync(db, productId, ct);
        if (product.Images.Count >= MaxImagesPerProduct)
        {
            throw new DomainValidationException(ErrorCodes.TooManyImages, "file", MaxImagesPerProduct);
        }

        var image = new ProductImage
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            ProductId = productId,
            FileName = fileName,
            Width = width,
            Height = height,
            SortOrder = product.Images.Count == 0 ? 0 : product.Images.Max(i => i.SortOrder) + 1,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ProductImages.Add(image);
        product.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, "catalog.image.added", "product", productId.ToString(), null, new { image.FileName, image.Width, image.Height });
        await SaveAsync(db, ct);
        return new ImageDetails(image.Id, image.FileName, image.Width, image.Height, image.SortOrder);
    }

    /// <summary>Removes an image's record; returns its file name so the caller can delete the files.</summary>
    public async Task<string> RemoveImageAsync(Guid productId, Guid imageId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await LoadForEditAsync(db, productId, ct);
        var image = product.Images.SingleOrDefault(i => i.Id == imageId)
            ?? throw new NotFoundException(ErrorCodes.ImageNotFound, "imageId", imageId);
        db.ProductImages.Remove(image);
        product.UpdatedAt = clock.GetUtcNow();
        AuditLog.Record(db, clock, actor, "catalog.image.removed", "product", productId.ToString(), new { image.FileName }, null);
        await SaveAsync(db, ct);
        return image.FileName;
    }

    /// <summary>
    /// Applies an import: every product is created or replaced, or, if any row breaks a rule, nothing
    /// is. Rows are grouped by product code; the caller has already turned cells into drafts.
    /// </summary>
    public async Task<CatalogImportResult> ImportAsync(CatalogImportBatch batch, Actor actor, CancellationToken ct = default)
    {
        var errors = new List<CatalogImportError>(batch.Errors);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.ToFacts(), StringComparer.OrdinalIgnoreCase, ct);
        var codes = batch.Products.Select(p => p.Draft.Code).ToList();
        var existing = await db.Products.Include(p => p.Skus).Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, StringComparer.OrdinalIgnoreCase, ct);
        var skuCodes = batch.Products.SelectMany(p => p.Draft.Skus.Select(s => s.Code)).ToList();
        var skuOwners = await db.Skus.AsNoTracking().Where(s => skuCodes.Contains(s.Code))
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.Code, ProductCode = p.Code })
            .ToListAsync(ct);
        var skuOwnerByCode = skuOwners.ToDictionary(s => s.Code, s => s.ProductCode, StringComparer.OrdinalIgnoreCase);
        var batchSkuOwner = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        foreach (var item in batch.Products)
        {
            var draft = Normalize(item.Draft);
            categories.TryGetValue(draft.CategoryCode ?? string.Empty, out var category);
            var result = ProductRules.Validate(draft, category);
            foreach (var error in result.Errors)
            {
                errors.Add(item.Locate(error));
            }

            for (var i = 0; i < draft.Skus.Count; i++)
            {
                var sku = draft.Skus[i];
                if (skuOwnerByCode.TryGetValue(sku.Code, out var owner) && !string.Equals(owner, draft.Code, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(item.Locate(new DomainError(ErrorCodes.SkuCodeTaken, $"skus[{i}].code", sku.Code, owner)));
                }

                if (batchSkuOwner.TryGetValue(sku.Code, out var other) && !string.Equals(other, draft.Code, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(item.Locate(new DomainError(ErrorCodes.SkuCodeTaken, $"skus[{i}].code", sku.Code, other)));
                }

                batchSkuOwner.TryAdd(sku.Code, draft.Code);
            }
        }

        if (errors.Count > 0)
        {
            return new CatalogImportResult(0, 0, errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
        }

        var now = clock.GetUtcNow();
        int created = 0, updated = 0;
        foreach (var item in batch.Products)
        {
            var draft = Normalize(item.Draft);
            if (existing.TryGetValue(draft.Code, out var product))
            {
                var before = Snapshot(ToDetails(product).ToDraft());
                Apply(db, product, draft, now);
                product.Status = ProductStatus.Active;
                product.Version++;
                AuditLog.Record(db, clock, actor, "catalog.product.imported", "product", product.Id.ToString(), before, Snapshot(draft));
                updated++;
            }
            else
            {
                product = new Product
                {
                    Id = Guid.CreateVersion7(now),
                    Code = draft.Code,
                    Name = draft.Name,
                    CategoryCode = draft.CategoryCode,
                    CreatedAt = now,
                    Version = 1,
                };
                Apply(db, product, draft, now);
                db.Products.Add(product);
                AuditLog.Record(db, clock, actor, "catalog.product.imported", "product", product.Id.ToString(), null, Snapshot(draft));
                created++;
            }
        }

        AuditLog.Record(db, clock, actor, "catalog.import.applied", "import", batch.FileName, null, new { batch.FileName, created, updated });
        await SaveAsync(db, ct);
        return new CatalogImportResult(created, updated, []);
    }

    /// <summary>Every product matching the query, with SKUs, for export (no paging).</summary>
    public async Task<IReadOnlyList<ProductDetails>> ExportAsync(ProductQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var products = Filter(db.Products.AsNoTracking(), query);
        var list = await products.Include(p => p.Skus).Include(p => p.Images).AsSplitQuery().OrderBy(p => p.Code).ToListAsync(ct);
        return list.Select(ToDetails).ToList();
    }

    /// <summary>The grid's and the export's filters: status, category, role, and text over name, code, brand and SKU codes.</summary>
    private static IQueryable<Product> Filter(IQueryable<Product> products, ProductQuery query)
    {
        if (query.Status is { } status)
        {
            products = products.Where(p => p.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.CategoryCode))
        {
            products = products.Where(p => p.CategoryCode == query.CategoryCode);
        }

        if (query.Role is { } role)
        {
            products = products.Where(p => p.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            var upper = term.ToUpperInvariant();
            products = products.Where(p =>
                p.Name.Contains(term)
                || p.Code.ToUpper().Contains(upper)
                || (p.Brand != null && p.Brand.Contains(term))
                || p.Skus.Any(s => s.Code.ToUpper().Contains(upper)));
        }

        return products;
    }

    private async Task SetStatusAsync(Guid id, ProductStatus status, string action, Actor actor, string? reason, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var product = await LoadForEditAsync(db, id, ct);
        if (product.Status == status)
        {
            return;
        }

        var before = product.Status;
        product.Status = status;
        product.UpdatedAt = clock.GetUtcNow();
        product.Version++;
        AuditLog.Record(db, clock, actor, action, "product", id.ToString(), new { Status = before.ToString() }, new { Status = status.ToString() }, reason);
        await SaveAsync(db, ct);
    }

    private static async Task<Product> LoadForEditAsync(DaihuoDbContext db, Guid id, CancellationToken ct) =>
        await db.Products.Include(p => p.Skus).Include(p => p.Images).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct)
        ?? throw new NotFoundException(ErrorCodes.ProductNotFound, "id", id);

    private static async Task ValidateAsync(DaihuoDbContext db, ProductDraft draft, Guid? productId, CancellationToken ct)
    {
        var category = string.IsNullOrWhiteSpace(draft.CategoryCode)
            ? null
            : await db.Categories.AsNoTracking().Where(c => c.Code == draft.CategoryCode).Select(c => new CategoryFacts(c.Code, c.RequiresSize)).SingleOrDefaultAsync(ct);
        var result = ProductRules.Validate(draft, category);
        if (!string.IsNullOrWhiteSpace(draft.Code)
            && await db.Products.AnyAsync(p => p.Code == draft.Code && p.Id != productId, ct))
        {
            result.Add(ErrorCodes.ProductCodeTaken, "code", draft.Code);
        }

        var codes = draft.Skus.Select(s => s.Code).Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        var taken = await db.Skus.AsNoTracking().Where(s => codes.Contains(s.Code) && s.ProductId != productId)
            .Join(db.Products, s => s.ProductId, p => p.Id, (s, p) => new { s.Code, ProductCode = p.Code })
            .ToListAsync(ct);
        foreach (var t in taken)
        {
            var index = draft.Skus.ToList().FindIndex(s => string.Equals(s.Code, t.Code, StringComparison.OrdinalIgnoreCase));
            result.Add(ErrorCodes.SkuCodeTaken, $"skus[{index}].code", t.Code, t.ProductCode);
        }

        result.ThrowIfInvalid();
    }

    private static void Apply(DaihuoDbContext db, Product product, ProductDraft draft, DateTimeOffset now)
    {
        product.Name = draft.Name;
        product.CategoryCode = draft.CategoryCode;
        product.Brand = draft.Brand;
        product.Supplier = draft.Supplier;
        product.Role = draft.Role;
        product.SpecialCategory = draft.SpecialCategory;
        product.Description = draft.Description;
        product.SellingPoints = draft.SellingPoints.ToList();
        product.FabeFeature = draft.Fabe.Feature;
        product.FabeAdvantage = draft.Fabe.Advantage;
        product.FabeBenefit = draft.Fabe.Benefit;
        product.FabeEvidence = draft.Fabe.Evidence;
        product.UpdatedAt = now;

        // SKUs are matched by code so an edit keeps their identity (orders and sessions refer to them).
        var byCode = product.Skus.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        var keep = new HashSet<string>(draft.Skus.Select(s => s.Code), StringComparer.OrdinalIgnoreCase);
        product.Skus.RemoveAll(s => !keep.Contains(s.Code));
        for (var i = 0; i < draft.Skus.Count; i++)
        {
            var d = draft.Skus[i];
            if (!byCode.TryGetValue(d.Code, out var sku))
            {
                sku = new Sku { Id = Guid.CreateVersion7(now), ProductId = product.Id, Code = d.Code };
                product.Skus.Add(sku);

                // A client-made key would otherwise read as an existing row to change tracking.
                if (db.Entry(product).State != EntityState.Detached)
                {
                    db.Skus.Add(sku);
                }
            }

            sku.Code = d.Code;
            sku.Colour = d.Colour;
            sku.Size = d.Size;
            sku.Spec = d.Spec;
            sku.ListPrice = d.ListPrice;
            sku.LivePrice = d.LivePrice;
            sku.FloorPrice = d.FloorPrice;
            sku.Cost = d.Cost;
            sku.SortOrder = i;
        }
    }

    private static ProductDraft Normalize(ProductDraft d) => d with
    {
        Code = d.Code?.Trim() ?? string.Empty,
        Name = d.Name?.Trim() ?? string.Empty,
        CategoryCode = d.CategoryCode?.Trim() ?? string.Empty,
        Brand = Clean(d.Brand),
        Supplier = Clean(d.Supplier),
        Description = Clean(d.Description),
        SellingPoints = (d.SellingPoints ?? []).Select(s => s?.Trim() ?? string.Empty).Where(s => s.Length > 0).ToList(),
        Fabe = d.Fabe is null ? Fabe.Empty : new Fabe(Clean(d.Fabe.Feature), Clean(d.Fabe.Advantage), Clean(d.Fabe.Benefit), Clean(d.Fabe.Evidence)),
        Skus = (d.Skus ?? []).Select(s => s with { Code = s.Code?.Trim() ?? string.Empty, Colour = Clean(s.Colour), Size = Clean(s.Size), Spec = Clean(s.Spec) }).ToList(),
    };

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static object Snapshot(ProductDraft d) => new
    {
        d.Code,
        d.Name,
        d.CategoryCode,
        d.Brand,
        d.Supplier,
        Role = d.Role.ToString(),
        SpecialCategory = d.SpecialCategory.ToString(),
        d.SellingPoints,
        Skus = d.Skus.Select(s => new
        {
            s.Code,
            s.Colour,
            s.Size,
            s.Spec,
            ListPrice = s.ListPrice.ToYuanString(),
            LivePrice = s.LivePrice.ToYuanString(),
            FloorPrice = s.FloorPrice.ToYuanString(),
            Cost = s.Cost.ToYuanString(),
        }),
    };

    private static ProductDetails ToDetails(Product p) => new(
        p.Id,
        p.Code,
        p.Name,
        p.CategoryCode,
        p.Brand,
        p.Supplier,
        p.Role,
        p.SpecialCategory,
        p.Description,
        p.SellingPoints,
        new Fabe(p.FabeFeature, p.FabeAdvantage, p.FabeBenefit, p.FabeEvidence),
        p.Status,
        p.Version,
        p.CreatedAt,
        p.UpdatedAt,
        p.Skus.OrderBy(s => s.SortOrder).Select(s => new SkuDetails(s.Id, s.Code, s.Colour, s.Size, s.Spec, s.ListPrice, s.LivePrice, s.FloorPrice, s.Cost)).ToList(),
        p.Images.OrderBy(i => i.SortOrder).Select(i => new ImageDetails(i.Id, i.FileName, i.Width, i.Height, i.SortOrder)).ToList());

    /// <summary>A unique index can still refuse a concurrent duplicate: answer it as the rule it is.</summary>
    private static async Task SaveAsync(DaihuoDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(ErrorCodes.ProductStale, "version");
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw new ConflictException(ErrorCodes.ProductCodeTaken, "code");
        }
    }
}
