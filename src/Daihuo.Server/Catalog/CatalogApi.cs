using System.Globalization;
using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Server.Account;
using Daihuo.Server.Common;
using Daihuo.Server.Localization;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Daihuo.Server.Catalog;

/// <summary>The catalog's HTTP API: products, SKU matrix, images, import and export.</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Catalog").RequireAuthorization(Policies.CatalogView).DisableAntiforgery();
        api.MapGet("/categories", GetCategoriesAsync);
        api.MapGet("/products", SearchAsync);
        api.MapGet("/products/{id:guid}", GetAsync);
        api.MapPost("/products", CreateAsync).RequireAuthorization(Policies.CatalogEdit);
        api.MapPut("/products/{id:guid}", UpdateAsync).RequireAuthorization(Policies.CatalogEdit);
        api.MapPost("/products/{id:guid}/archive", ArchiveAsync).RequireAuthorization(Policies.CatalogEdit);
        api.MapPost("/products/{id:guid}/restore", RestoreAsync).RequireAuthorization(Policies.CatalogEdit);
        api.MapPost("/products/{id:guid}/images", UploadImageAsync).RequireAuthorization(Policies.CatalogEdit)
            .WithUploadLimit(UploadLimits.MaxImageBytes);
        api.MapDelete("/products/{id:guid}/images/{imageId:guid}", DeleteImageAsync).RequireAuthorization(Policies.CatalogEdit);
        api.MapPost("/sku-matrix", GenerateMatrix).RequireAuthorization(Policies.CatalogEdit);
        api.MapPost("/import", ImportAsync).RequireAuthorization(Policies.CatalogEdit).WithUploadLimit(UploadLimits.MaxUploadBytes);
        api.MapGet("/export", ExportAsync);
        api.MapGet("/import-template", Template);

        // Product images are public: the storefront shows them to viewers who never sign in.
        app.MapGet(ImageStore.RoutePrefix + "/{fileName}", ServeImage).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CategoryDetails>>> GetCategoriesAsync(CatalogStore store, CancellationToken ct) =>
        TypedResults.Ok(await store.CategoriesAsync(ct));

    private static async Task<Ok<PageResponse<ProductRowResponse>>> SearchAsync(
        CatalogStore store,
        string? search,
        string? category,
        ProductRole? role,
        ProductStatus? status,
        ProductSort? sort,
        bool? desc,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        var query = new ProductQuery(search, category, role, status ?? ProductStatus.Active, sort ?? ProductSort.UpdatedAt, desc ?? true, page ?? 0, Math.Clamp(pageSize ?? 20, 1, ProductQuery.MaxPageSize));
        var result = await store.SearchAsync(query, ct);
        return TypedResults.Ok(new PageResponse<ProductRowResponse>(result.Items.Select(ProductRowResponse.From).ToList(), result.Total, query.Page, query.PageSize));
    }

    private static async Task<Results<Ok<ProductResponse>, NotFound>> GetAsync(Guid id, CatalogStore store, Compliance.ComplianceText compliance, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } product ? TypedResults.Ok(await CheckedAsync(product, compliance, ct)) : TypedResults.NotFound();

    /// <summary>The product with its copy scanned: findings come back as warnings, on every read and save.</summary>
    private static async Task<ProductResponse> CheckedAsync(ProductDetails product, Compliance.ComplianceText compliance, CancellationToken ct) =>
        ProductResponse.From(product) with { Warnings = await compliance.ForProductAsync(product.ToDraft(), ct) };

    private static async Task<Created<ProductResponse>> CreateAsync(ProductRequest request, CatalogStore store, Compliance.ComplianceText compliance, HttpContext http,
        CancellationToken ct)
    {
        var product = await store.CreateAsync(request.ToDraft(), http.User.ToActor(), ct);
        return TypedResults.Created($"/api/catalog/products/{product.Id}", await CheckedAsync(product, compliance, ct));
    }

    private static async Task<Ok<ProductResponse>> UpdateAsync(Guid id, ProductRequest request, CatalogStore store, Compliance.ComplianceText compliance, HttpContext http,
        CancellationToken ct)
    {
        if (request.Version is not { } version)
        {
            throw new DomainValidationException(ErrorCodes.Required, "version");
        }

        var product = await store.UpdateAsync(id, version, request.ToDraft(), http.User.ToActor(), ct);
        return TypedResults.Ok(await CheckedAsync(product, compliance, ct));
    }

    private static async Task<NoContent> ArchiveAsync(Guid id, ReasonRequest? request, CatalogStore store, HttpContext http, CancellationToken ct)
    {
        await store.ArchiveAsync(id, http.User.ToActor(), request?.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RestoreAsync(Guid id, ReasonRequest? request, CatalogStore store, HttpContext http, CancellationToken ct)
    {
        await store.RestoreAsync(id, http.User.ToActor(), request?.Reason, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Created<ImageResponse>> UploadImageAsync(Guid id, IFormFile? file, CatalogStore store, ImageStore images, HttpContext http, CancellationToken ct)
    {
        if (file is null)
        {
            throw new DomainValidationException(ErrorCodes.Required, "file");
        }

        UploadLimitExtensions.ThrowIfTooLarge(file, UploadLimits.MaxImageBytes);
        if (await store.GetAsync(id, ct) is null)
        {
            throw new NotFoundException(ErrorCodes.ProductNotFound, "id", id);
        }

        await using var stream = file.OpenReadStream();
        var (name, width, height) = await images.SaveAsync(stream, ct);
        try
        {
            var image = await store.AddImageAsync(id, name, width, height, http.User.ToActor(), ct);
            return TypedResults.Created(ImageStore.Url(name), new ImageResponse(image.Id, ImageStore.Url(name), ImageStore.ThumbnailUrl(name), width, height));
        }
        catch
        {
            images.Delete(name);
            throw;
        }
    }

    private static async Task<NoContent> DeleteImageAsync(Guid id, Guid imageId, CatalogStore store, ImageStore images, HttpContext http, CancellationToken ct)
    {
        var name = await store.RemoveImageAsync(id, imageId, http.User.ToActor(), ct);
        images.Delete(name);
        return TypedResults.NoContent();
    }

    private static Ok<IReadOnlyList<SkuResponse>> GenerateMatrix(SkuMatrixRequest request)
    {
        var skus = SkuMatrix.Generate(
            request.ProductCode ?? string.Empty,
            request.Colours ?? [],
            request.Sizes ?? [],
            SkuMatrix.PriceTemplate(Money.FromFen(request.ListPrice), Money.FromFen(request.LivePrice), Money.FromFen(request.FloorPrice), Money.FromFen(request.Cost)));
        return TypedResults.Ok<IReadOnlyList<SkuResponse>>(skus.Select(s => new SkuResponse(null, s.Code, s.Colour, s.Size, s.Spec, s.ListPrice.Fen, s.LivePrice.Fen, s.FloorPrice.Fen, s.Cost.Fen)).ToList());
    }

    private static async Task<Results<Ok<ImportResponse>, BadRequest<ImportResponse>>> ImportAsync(
        IFormFile? file, CatalogImportService imports, HttpContext http, CancellationToken ct)
    {
        if (file is null)
        {
            throw new DomainValidationException(ErrorCodes.Required, "file");
        }

        UploadLimitExtensions.ThrowIfTooLarge(file, UploadLimits.MaxUploadBytes);
        await using var stream = file.OpenReadStream();
        var response = await imports.ImportAsync(file.FileName, stream, http.User.ToActor(), ct);
        return response.Applied ? TypedResults.Ok(response) : TypedResults.BadRequest(response);
    }

    private static async Task<FileContentHttpResult> ExportAsync(
        CatalogStore store, TimeProvider clock, string? format, string? search, string? category, ProductRole? role, ProductStatus? status, CancellationToken ct)
    {
        var fileFormat = ParseFormat(format);
        var products = await store.ExportAsync(new ProductQuery(search, category, role, status ?? ProductStatus.Active), ct);
        var chinese = TextCatalog.Normalize(CultureInfo.CurrentUICulture) == TextCatalog.Chinese;
        var bytes = CatalogFiles.Write(products, fileFormat, chinese);
        return TypedResults.File(bytes, ContentType(fileFormat), FileName("catalog", fileFormat, clock));
    }

    private static FileContentHttpResult Template(string? format, TimeProvider clock)
    {
        var fileFormat = ParseFormat(format);
        var chinese = TextCatalog.Normalize(CultureInfo.CurrentUICulture) == TextCatalog.Chinese;
        var bytes = CatalogFiles.Write([], fileFormat, chinese);
        return TypedResults.File(bytes, ContentType(fileFormat), FileName("catalog-template", fileFormat, clock));
    }

    private static IResult ServeImage(string fileName, ImageStore images)
    {
        var path = images.PathOf(fileName);
        return path is null
            ? Results.NotFound()
            : Results.File(path, "image/jpeg", enableRangeProcessing: false, lastModified: File.GetLastWriteTimeUtc(path));
    }

    internal static CatalogFileFormat ParseFormat(string? format) => format?.ToUpperInvariant() switch
    {
        null or "" or "XLSX" => CatalogFileFormat.Xlsx,
        "CSV" => CatalogFileFormat.Csv,
        _ => throw new DomainValidationException(ErrorCodes.InvalidChoice, "format", format),
    };

    internal static string ContentType(CatalogFileFormat format) => format == CatalogFileFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    internal static string FileName(string stem, CatalogFileFormat format, TimeProvider clock) =>
        $"{stem}-{clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd-HHmm}.{(format == CatalogFileFormat.Xlsx ? "xlsx" : "csv")}";
}
