using System.Net;
using System.Text.Json;

namespace Daihuo.Server.Tests.Support;

internal static class ProblemAssert
{
    /// <summary>Asserts a Problem Details answer with this status that names the field, and returns its message for the field.</summary>
    public static async Task<string> NamesFieldAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for field '{field}' in {body}");
        var message = messages[0].GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
        return message!;
    }

    public static bool HasChinese(string text) => text.Any(c => c >= '\u4e00' && c <= '\u9fff');
}
