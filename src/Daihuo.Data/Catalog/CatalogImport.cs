using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;

namespace Daihuo.Data.Catalog;

/// <summary>One problem in an import file: spreadsheet row (header is row 1), column header, reason.</summary>
public sealed record CatalogImportError(int Row, string Column, DomainError Error);

/// <summary>A product assembled from one or more file rows, and how to point an error back at its cell.</summary>
public sealed record CatalogImportProduct(ProductDraft Draft, IReadOnlyList<int> SkuRows, Func<DomainError, CatalogImportError> Locate);

/// <summary>What a file parsed into: products to apply and the errors found while reading cells.</summary>
public sealed record CatalogImportBatch(string FileName, IReadOnlyList<CatalogImportProduct> Products, IReadOnlyList<CatalogImportError> Errors);

public sealed record CatalogImportResult(int Created, int Updated, IReadOnlyList<CatalogImportError> Errors)
{
    public bool Applied => Errors.Count == 0;
}
