using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Daihuo.Data.Catalog;
using Daihuo.Domain.Catalog;
using Daihuo.Domain.Common;
using MiniExcelLibs;

namespace Daihuo.Server.Catalog;

public enum CatalogFileFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// The catalog's spreadsheet: one row per SKU, product columns repeated on each of its rows (the
/// first row of a product code is the one read). Headers are matched by name in either language
/// (trimmed, BOM and "(元)" ignored, any order), never by position; money is in yuan.
/// </summary>
public static class CatalogFiles
{
    public sealed record Column(string Key, string Zh, string En, string? Field);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("ProductCode", "商品编码", "Product code", "code"),
        new("Name", "商品名称", "Name", "name"),
        new("Category", "类目编码", "Category code", "categoryCode"),
        new("Brand", "品牌", "Brand", "brand"),
        new("Supplier", "供应商", "Supplier", "supplier"),
        new("Role", "角色", "Role", "role"),
        new("SpecialCategory", "特殊类目", "Special category", "specialCategory"),
        new("SellingPoints", "卖点", "Selling points", "sellingPoints"),
        new("Feature", "FABE-属性", "FABE feature", "fabe.feature"),
        new("Advantage", "FABE-优势", "FABE advantage", "fabe.advantage"),
        new("Benefit", "FABE-利益", "FABE benefit", "fabe.benefit"),
        new("Evidence", "FABE-证据", "FABE evidence", "fabe.evidence"),
        new("Description", "描述", "Description", "description"),
        new("SkuCode", "SKU编码", "SKU code", "code"),
        new("Colour", "颜色", "Colour", "colour"),
        new("Size", "尺码", "Size", "size"),
        new("Spec", "规格", "Spec", "spec"),
        new("ListPrice", "划线价(元)", "List price (yuan)", "listPrice"),
        new("LivePrice", "直播价(元)", "Live price (yuan)", "livePrice"),
        new("FloorPrice", "底价(元)", "Floor price (yuan)", "floorPrice"),
        new("Cost", "成本(元)", "Cost (yuan)", "cost"),
    ];

    private static readonly string[] RequiredKeys = ["ProductCode", "Name", "Category", "SkuCode", "ListPrice", "LivePrice"];

    private static readonly Dictionary<string, ProductRole> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["爆款"] = ProductRole.Hit, ["利润款"] = ProductRole.Profit, ["引流款"] = ProductRole.TrafficDriver, ["福利款"] = ProductRole.Welfare,
        ["Hit"] = ProductRole.Hit, ["Profit"] = ProductRole.Profit, ["TrafficDriver"] = ProductRole.TrafficDriver, ["Traffic driver"] = ProductRole.TrafficDriver,
        ["Welfare"] = ProductRole.Welfare,
    };

    private static readonly Dictionary<string, SpecialCategory> SpecialNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["无"] = SpecialCategory.None, ["食品"] = SpecialCategory.Food, ["化妆品"] = SpecialCategory.Cosmetics, ["保健食品"] = SpecialCategory.HealthFood,
        ["医疗器械"] = SpecialCategory.MedicalDevice, ["儿童用品"] = SpecialCategory.ChildrensGoods,
        ["None"] = SpecialCategory.None, ["Food"] = SpecialCategory.Food, ["Cosmetics"] = SpecialCategory.Cosmetics, ["HealthFood"] = SpecialCategory.HealthFood,
        ["Health food"] = SpecialCategory.HealthFood, ["MedicalDevice"] = SpecialCategory.MedicalDevice, ["Medical device"] = SpecialCategory.MedicalDevice,
        ["ChildrensGoods"] = SpecialCategory.ChildrensGoods, ["Children's goods"] = SpecialCategory.ChildrensGoods,
    };

    static CatalogFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Header(Column column, bool chinese) => chinese ? column.Zh : column.En;

    public static string RoleText(ProductRole role, bool chinese) => chinese
        ? role switch { ProductRole.Hit => "爆款", ProductRole.Profit => "利润款", ProductRole.TrafficDriver => "引流款", _ => "福利款" }
        : role.ToString();

    public static string SpecialText(SpecialCategory s, bool chinese) => chinese
        ? s switch
        {
            SpecialCategory.Food => "食品", SpecialCategory.Cosmetics => "化妆品", SpecialCategory.HealthFood => "保健食品",
            SpecialCategory.MedicalDevice => "医疗器械", SpecialCategory.ChildrensGoods => "儿童用品", _ => "无",
        }
        : s.ToString();

    /// <summary>Detects the format from the content (a zip is xlsx; readable text is CSV), not from the name alone.</summary>
    public static CatalogFileFormat? Detect(string fileName, ReadOnlySpan<byte> head)
    {
        var ext = Path.GetExtension(fileName).ToUpperInvariant();
        var isZip = head.Length >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04;
        if (ext == ".XLSX")
        {
            return isZip ? CatalogFileFormat.Xlsx : null;
        }

        if (ext is ".CSV" or ".TXT")
        {
            return isZip || head.Contains((byte)0) ? null : CatalogFileFormat.Csv;
        }

        return null;
    }

    /// <summary>Reads a file into raw rows (header row first); throws a validation error naming the file if it cannot.</summary>
    public static IReadOnlyList<string[]> ReadRows(Stream stream, CatalogFileFormat format)
    {
        try
        {
            return format == CatalogFileFormat.Xlsx ? ReadXlsx(stream) : ReadCsv(stream);
        }
        catch (Exception ex) when (ex is CsvHelperException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new DomainValidationException(ErrorCodes.FileType, "file");
        }
    }

    private static List<string[]> ReadCsv(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Taobao and older Excel exports are GBK/GB18030.
            text = Encoding.GetEncoding("GB18030").GetString(bytes);
        }

        text = text.TrimStart('\uFEFF');
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", "\t", ";"],
            BadDataFound = null,
        });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record ?? []);
        }

        return rows;
    }

    private static List<string[]> ReadXlsx(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        var rows = new List<string[]>();
        foreach (IDictionary<string, object?> row in MiniExcel.Query(buffer, useHeaderRow: false, excelType: ExcelType.XLSX))
        {
            rows.Add(row.Values.Select(v => v switch
            {
                null => string.Empty,
                double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
                decimal m => m.ToString(CultureInfo.InvariantCulture),
                DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
            }).ToArray());
        }

        return rows;
    }

    /// <summary>Turns raw rows into products to apply, locating every cell-level error by row and column.</summary>
    public static CatalogImportBatch Parse(string fileName, IReadOnlyList<string[]> rows)
    {
        var errors = new List<CatalogImportError>();
        var products = new List<CatalogImportProduct>();
        var dataRows = rows.Skip(1).Select((cells, i) => (cells, row: i + 2)).Where(r => r.cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (rows.Count == 0 || dataRows.Count == 0)
        {
            throw new DomainValidationException(ErrorCodes.FileEmpty, "file");
        }

        var header = rows[0];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerText = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = NormalizeHeader(header[i]);
            var column = Columns.FirstOrDefault(c =>
                NormalizeHeader(c.Zh) == name || NormalizeHeader(c.En) == name || NormalizeHeader(c.Key) == name);
            if (column is not null && index.TryAdd(column.Key, i))
            {
                headerText[column.Key] = header[i].Trim().TrimStart('\uFEFF');
            }
        }

        var missing = RequiredKeys.Where(k => !index.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainValidationException(missing.Select(k =>
                new DomainError(ErrorCodes.FileHeaderMissing, "file", Columns.First(c => c.Key == k).Zh + " / " + Columns.First(c => c.Key == k).En)).ToList());
        }

        string Cell(string[] cells, string key) =>
            index.TryGetValue(key, out var i) && i < cells.Length ? cells[i].Trim() : string.Empty;
        string ColumnName(string key) => headerText.TryGetValue(key, out var h) ? h : Columns.First(c => c.Key == key).Zh;

        foreach (var group in dataRows.GroupBy(r => Cell(r.cells, "ProductCode"), StringComparer.OrdinalIgnoreCase))
        {
            var first = group.First();
            var skuRows = group.Select(r => r.row).ToList();
            var skus = new List<SkuDraft>();
            var role = ProductRole.Profit;
            var special = SpecialCategory.None;
            var roleText = Cell(first.cells, "Role");
            if (roleText.Length > 0 && !RoleNames.TryGetValue(roleText, out role))
            {
                errors.Add(new CatalogImportError(first.row, ColumnName("Role"), new DomainError(ErrorCodes.InvalidChoice, "role", roleText)));
            }

            var specialText = Cell(first.cells, "SpecialCategory");
            if (specialText.Length > 0 && !SpecialNames.TryGetValue(specialText, out special))
            {
                errors.Add(new CatalogImportError(first.row, ColumnName("SpecialCategory"), new DomainError(ErrorCodes.InvalidChoice, "specialCategory", specialText)));
            }

            foreach (var (cells, row) in group)
            {
                Money Price(string key, bool required)
                {
                    var text = Cell(cells, key);
                    if (text.Length == 0 && !required)
                    {
                        return Money.Zero;
                    }

                    if (Money.TryParseYuan(text, out var money))
                    {
                        return money;
                    }

                    errors.Add(new CatalogImportError(row, ColumnName(key), new DomainError(
                        text.Length == 0 ? ErrorCodes.Required : ErrorCodes.MoneyFormat, Columns.First(c => c.Key == key).Field!, text)));
                    return Money.Zero;
                }

                var list = Price("ListPrice", true);
                var live = Price("LivePrice", true);
                var floor = Price("FloorPrice", false);
                var cost = Price("Cost", false);
                skus.Add(new SkuDraft(Cell(cells, "SkuCode"), Empty(Cell(cells, "Colour")), Empty(Cell(cells, "Size")), Empty(Cell(cells, "Spec")), list, live, floor, cost));
            }

            var draft = new ProductDraft(
                Cell(first.cells, "ProductCode"),
                Cell(first.cells, "Name"),
                Cell(first.cells, "Category"),
                Empty(Cell(first.cells, "Brand")),
                Empty(Cell(first.cells, "Supplier")),
                role,
                special,
                Empty(Cell(first.cells, "Description")),
                Cell(first.cells, "SellingPoints").Split(['|', '｜', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                new Fabe(Empty(Cell(first.cells, "Feature")), Empty(Cell(first.cells, "Advantage")), Empty(Cell(first.cells, "Benefit")), Empty(Cell(first.cells, "Evidence"))),
                skus);

            CatalogImportError Locate(DomainError error)
            {
                var field = error.Field;
                var row = first.row;
                if (field.StartsWith("skus[", StringComparison.Ordinal))
                {
                    var close = field.IndexOf(']', StringComparison.Ordinal);
                    var i = int.Parse(field[5..close], CultureInfo.InvariantCulture);
                    row = skuRows[Math.Min(i, skuRows.Count - 1)];
                    field = field[(close + 1)..].TrimStart('.');
                    var skuColumn = field switch
                    {
                        "code" => "SkuCode", "colour" => "Colour", "size" => "Size", "spec" => "Spec", "listPrice" => "ListPrice",
                        "livePrice" => "LivePrice", "floorPrice" => "FloorPrice", "cost" => "Cost", _ => "SkuCode",
                    };
                    return new CatalogImportError(row, ColumnName(skuColumn), error);
                }

                var key = field.StartsWith("sellingPoints", StringComparison.Ordinal) ? "SellingPoints"
                    : Columns.FirstOrDefault(c => c.Field == field && c.Key != "SkuCode")?.Key ?? "ProductCode";
                return new CatalogImportError(row, ColumnName(key), error);
            }

            products.Add(new CatalogImportProduct(draft, skuRows, Locate));
        }

        return new CatalogImportBatch(fileName, products, errors);
    }

    public static byte[] Write(IReadOnlyList<ProductDetails> products, CatalogFileFormat format, bool chinese)
    {
        var headers = Columns.Select(c => Header(c, chinese)).ToArray();
        var rows = products.SelectMany(p => p.Skus.Select(s => new[]
        {
            p.Code, p.Name, p.CategoryCode, p.Brand ?? string.Empty, p.Supplier ?? string.Empty, RoleText(p.Role, chinese),
            SpecialText(p.SpecialCategory, chinese), string.Join(" | ", p.SellingPoints), p.Fabe.Feature ?? string.Empty,
            p.Fabe.Advantage ?? string.Empty, p.Fabe.Benefit ?? string.Empty, p.Fabe.Evidence ?? string.Empty, p.Description ?? string.Empty,
            s.Code, s.Colour ?? string.Empty, s.Size ?? string.Empty, s.Spec ?? string.Empty, s.ListPrice.ToYuanString(),
            s.LivePrice.ToYuanString(), s.FloorPrice.ToYuanString(), s.Cost.ToYuanString(),
        })).ToList();
        return format == CatalogFileFormat.Xlsx ? WriteXlsx(headers, rows) : WriteCsv(headers, rows);
    }

    public static byte[] WriteCsv(string[] headers, IEnumerable<string[]> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var h in headers)
            {
                csv.WriteField(h);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }

                csv.NextRecord();
            }
        }

        return stream.ToArray();
    }

    private static byte[] WriteXlsx(string[] headers, List<string[]> rows)
    {
        var sheet = rows.Select(r =>
        {
            var dict = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < headers.Length; i++)
            {
                dict[headers[i]] = r[i];
            }

            return dict;
        }).ToList();
        using var stream = new MemoryStream();
        if (sheet.Count == 0)
        {
            sheet.Add(headers.ToDictionary(h => h, _ => (object)string.Empty));
        }

        stream.SaveAs(sheet, sheetName: "Catalog", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static string NormalizeHeader(string header) =>
        new string(header.Trim().TrimStart('\uFEFF').Replace("(元)", string.Empty, StringComparison.Ordinal).Replace("（元）", string.Empty, StringComparison.Ordinal)
            .Replace("(yuan)", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Where(c => !char.IsWhiteSpace(c) && c != '_').ToArray()).ToUpperInvariant();

    private static string? Empty(string s) => s.Length == 0 ? null : s;
}
