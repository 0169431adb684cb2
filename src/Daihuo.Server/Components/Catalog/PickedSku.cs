using Daihuo.Data.Catalog;

namespace Daihuo.Server.Components.Catalog;

/// <summary>A SKU chosen in a <c>SkuPicker</c>, with what forms need of its product (the name, and the category for apparel rules).</summary>
public sealed record PickedSku(string ProductName, string CategoryCode, SkuDetails Sku)
{
    public bool IsApparel => CategoryCode.StartsWith("apparel", StringComparison.Ordinal);

    public string Label => $"{ProductName} · {Sku.Code} {Sku.Colour} {Sku.Size}".TrimEnd();
}
