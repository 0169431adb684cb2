using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Daihuo.Server.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Daihuo.Server.Tests.Catalog;

public sealed class CatalogApiTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Product(string code, object? skus = null, string name = "测试连衣裙", string category = "apparel-women", string role = "Hit") => new
    {
        code,
        name,
        categoryCode = category,
        brand = "予棠",
        role,
        sellingPoints = new[] { "垂感好" },
        skus = skus ?? new[] { new { code = code + "-M", colour = "白", size = "M", listPrice = 39900, livePrice = 23900, floorPrice = 19900, cost = 9600 } },
    };

    private static string NewCode() => "T" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static async Task<int> TotalAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/catalog/products?status=Active&pageSize=1", Ct));
        return json.RootElement.GetProperty("total").GetInt32();
    }

    [Theory]
    [InlineData("zh-CN", "《广告法》第九条")]
    [InlineData("en", "Advertising Law Art. 9")]
    public async Task Copy_with_banned_terms_is_saved_with_warnings_naming_the_field_rule_and_suggestion(string language, string rule)
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: language);
        var code = NewCode();
        var body = new
        {
            code,
            name = "国家级工艺连衣裙",
            categoryCode = "apparel-women",
            role = "Hit",
            description = "垂感好，全網最低價",
            sellingPoints = new[] { "收腰显瘦", "加 V 私聊看实拍" },
            skus = new[] { new { code = code + "-M", colour = "白", size = "M", listPrice = 39900, livePrice = 23900, floorPrice = 19900, cost = 9600 } },
        };

        var response = await client.PostAsJsonAsync("/api/catalog/products", body, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var warnings = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("warnings").EnumerateArray().ToList();
        Assert.Equal(["name", "description", "sellingPoints[1]"], warnings.Select(w => w.GetProperty("field").GetString()));
        Assert.Equal(["国家级", "全網最低價", "加 V"], warnings.Select(w => w.GetProperty("matched").GetString()));
        Assert.Contains(rule, warnings[0].GetProperty("ruleText").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(warnings[0].GetProperty("suggestion").GetString()));
    }

    public static TheoryData<string, string, string> BadProducts()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var lang in new[] { "zh-CN", "en" })
        {
            data.Add(lang, "missing name", "name");
            data.Add(lang, "negative price", "skus[0].listPrice");
            data.Add(lang, "floor above live", "skus[0].floorPrice");
            data.Add(lang, "duplicate sku code", "skus[1].code");
            data.Add(lang, "unknown category", "categoryCode");
            data.Add(lang, "unknown role", "role");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadProducts))]
    public async Task Bad_input_gets_a_problem_naming_the_field_in_the_requested_language_and_changes_nothing(string language, string @case, string field)
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: language);
        var code = NewCode();
        var body = @case switch
        {
            "missing name" => Product(code, name: ""),
            "negative price" => Product(code, new[] { new { code = code + "-M", colour = "白", size = "M", listPrice = -100, livePrice = 100, floorPrice = 0, cost = 0 } }),
            "floor above live" => Product(code, new[] { new { code = code + "-M", colour = "白", size = "M", listPrice = 39900, livePrice = 23900, floorPrice = 29900, cost = 0 } }),
            "duplicate sku code" => Product(code, new[]
            {
                new { code = code + "-M", colour = "白", size = "M", listPrice = 39900, livePrice = 23900, floorPrice = 19900, cost = 0 },
                new { code = code + "-M", colour = "白", size = "L", listPrice = 39900, livePrice = 23900, floorPrice = 19900, cost = 0 },
            }),
            "unknown category" => Product(code, category: "no-such-category"),
            _ => Product(code, role: "Boss"),
        };
        var before = await TotalAsync(client);

        var response = await client.PostAsJsonAsync("/api/catalog/products", body, Ct);

        var message = await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        Assert.Equal(before, await TotalAsync(client));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_bad_edit_is_refused_naming_the_field_and_leaves_the_product_as_it_was(string language)
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: language);
        var code = NewCode();
        var created = await (await client.PostAsJsonAsync("/api/catalog/products", Product(code), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetString();
        var edit = new
        {
            code,
            name = "改价",
            categoryCode = "apparel-women",
            skus = new[] { new { code = code + "-M", colour = "白", size = "M", listPrice = 39900, livePrice = 23900, floorPrice = 25900, cost = 0 } },
            version = 1,
        };

        var response = await client.PutAsJsonAsync($"/api/catalog/products/{id}", edit, Ct);

        var message = await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.BadRequest, "skus[0].floorPrice");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/catalog/products/{id}", Ct);
        Assert.Equal("测试连衣裙", after.GetProperty("name").GetString());
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Equal(19900, after.GetProperty("skus")[0].GetProperty("floorPrice").GetInt64());
    }

    [Fact]
    public async Task A_valid_product_is_created_read_back_and_audited()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var code = NewCode();

        var response = await client.PostAsJsonAsync("/api/catalog/products", Product(code), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var id = created.RootElement.GetProperty("id").GetString();
        using var read = JsonDocument.Parse(await client.GetStringAsync($"/api/catalog/products/{id}", Ct));
        Assert.Equal(23900, read.RootElement.GetProperty("skus")[0].GetProperty("livePrice").GetInt64());
        Assert.Equal("Hit", read.RootElement.GetProperty("role").GetString());
        using var audit = JsonDocument.Parse(await client.GetStringAsync($"/api/audit?search={id}", Ct));
        Assert.Equal("catalog.product.created", audit.RootElement.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task An_edit_from_a_stale_version_is_a_conflict()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var code = NewCode();
        var created = await (await client.PostAsJsonAsync("/api/catalog/products", Product(code), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetString();
        var update = new Dictionary<string, object?>(JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(Product(code, name: "改")))!) { ["version"] = 1 };

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/catalog/products/{id}", update, Ct)).StatusCode);
        var stale = await client.PutAsJsonAsync($"/api/catalog/products/{id}", update, Ct);

        await ProblemAssert.NamesFieldAsync(stale, HttpStatusCode.Conflict, "version");
    }

    [Fact]
    public async Task A_csv_with_one_bad_row_imports_nothing_and_the_report_names_the_row_then_the_fixed_file_imports()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail);
        var a = NewCode();
        var b = NewCode();
        string Csv(string badLive) =>
            "商品编码,商品名称,类目编码,角色,SKU编码,颜色,尺码,划线价(元),直播价(元),底价(元),成本(元)\n" +
            $"{a},导入连衣裙,apparel-women,爆款,{a}-S,白,S,399,239,199,96\n" +
            $"{a},导入连衣裙,apparel-women,爆款,{a}-M,白,M,399,{badLive},199,96\n" +
            $"{b},导入坚果,food-snacks,引流款,{b}-1,,,59,29.9,25,14\n";
        var before = await TotalAsync(client);

        var refused = await client.PostAsync("/api/catalog/import", File("catalog.csv", Encoding.UTF8.GetBytes(Csv("499")), "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var report = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var error = Assert.Single(report.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("直播价(元)", error.GetProperty("column").GetString());
        Assert.True(ProblemAssert.HasChinese(error.GetProperty("message").GetString()!));
        Assert.Equal(before, await TotalAsync(client));

        var applied = await client.PostAsync("/api/catalog/import", File("catalog.csv", Encoding.UTF8.GetBytes(Csv("239")), "text/csv"), Ct);

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(2, (await applied.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("created").GetInt32());
        Assert.Equal(before + 2, await TotalAsync(client));
    }

    [Fact]
    public async Task The_excel_export_imports_back_unchanged()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var export = await client.GetAsync("/api/catalog/export?format=xlsx&category=food-snacks", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal((byte)'P', bytes[0]);
        Assert.Equal((byte)'K', bytes[1]);
        var before = await TotalAsync(client);

        var reimport = await client.PostAsync("/api/catalog/import", File("catalog.xlsx", bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), Ct);

        var body = await reimport.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(reimport.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(0, body.GetProperty("created").GetInt32());
        Assert.True(body.GetProperty("updated").GetInt32() >= 5);
        Assert.Equal(before, await TotalAsync(client));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task A_file_that_is_neither_csv_nor_xlsx_is_refused_naming_the_file(string language)
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: language);
        var pdf = await client.PostAsync("/api/catalog/import", File("catalog.pdf", Encoding.ASCII.GetBytes("%PDF-1.7 not a sheet"), "application/pdf"), Ct);
        var fakeXlsx = await client.PostAsync("/api/catalog/import", File("catalog.xlsx", Encoding.ASCII.GetBytes("just text"), "application/octet-stream"), Ct);

        var message = await ProblemAssert.NamesFieldAsync(pdf, HttpStatusCode.BadRequest, "file");
        await ProblemAssert.NamesFieldAsync(fakeXlsx, HttpStatusCode.BadRequest, "file");
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
    }

    [Theory]
    [InlineData("en", "/api/catalog/import", "20 MB")]
    [InlineData("zh-CN", "/api/catalog/import", "20 MB")]
    [InlineData("en", "/api/catalog/products/{id}/images", "10 MB")]
    public async Task A_50_megabyte_upload_is_refused_with_413_naming_the_file_and_its_limit(string language, string path, string limit)
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: language);
        var created = await (await client.PostAsJsonAsync("/api/catalog/products", Product(NewCode()), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var url = path.Replace("{id}", created.GetProperty("id").GetString(), StringComparison.Ordinal);

        var response = await client.PostAsync(url, File("big.csv", new byte[50 * 1024 * 1024], "text/csv"), Ct);

        var message = await ProblemAssert.NamesFieldAsync(response, HttpStatusCode.RequestEntityTooLarge, "file");
        Assert.Contains(limit, message, StringComparison.Ordinal);
        Assert.Equal(language == "zh-CN", ProblemAssert.HasChinese(message));
    }

    [Fact]
    public async Task An_uploaded_image_is_stored_with_a_thumbnail_and_a_non_image_is_refused()
    {
        var client = await app.SignInAsync(DaihuoApp.OwnerEmail, language: "en");
        var created = await (await client.PostAsJsonAsync("/api/catalog/products", Product(NewCode()), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetString();
        using var image = new Image<Rgba32>(1200, 900, new Rgba32(200, 80, 60));
        using var png = new MemoryStream();
        await image.SaveAsPngAsync(png, Ct);

        var uploaded = await client.PostAsync($"/api/catalog/products/{id}/images", File("photo.png", png.ToArray(), "image/png"), Ct);
        var notImage = await client.PostAsync($"/api/catalog/products/{id}/images", File("photo.png", Encoding.ASCII.GetBytes("nope"), "image/png"), Ct);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var body = await uploaded.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var thumb = await client.GetAsync(body.GetProperty("thumbnailUrl").GetString(), Ct);
        Assert.Equal("image/jpeg", thumb.Content.Headers.ContentType?.MediaType);
        using var thumbImage = Image.Load(await thumb.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(400, thumbImage.Width);
        await ProblemAssert.NamesFieldAsync(notImage, HttpStatusCode.BadRequest, "file");
    }

    private static MultipartFormDataContent File(string name, byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return new MultipartFormDataContent { { content, "file", name } };
    }
}
