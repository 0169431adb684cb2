namespace Daihuo.Server.Tests.Support;

/// <summary>A storefront order's JSON body: quantity and where it ships.</summary>
public static class OrderBody
{
    public static string Json(int quantity, string shipAddress = "上海市浦东新区世纪大道 100 号 8 楼") =>
        $$"""{"quantity":{{quantity}},"shipName":"王小明","shipPhone":"13800138000","shipAddress":"{{shipAddress}}"}""";
}
