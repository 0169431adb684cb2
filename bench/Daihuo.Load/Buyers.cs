using System.Text;

namespace Daihuo.Load;

/// <summary>Identified storefront buyers: each is the buyer cookie the server set when it identified them.</summary>
public static class Buyers
{
    public static async Task<string[]> IdentifyAsync(HttpClient http, int count, string phonePrefix, CancellationToken ct)
    {
        var cookies = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            using var response = await http.PostAsync("/api/storefront/identify",
                new StringContent($$"""{"phone":"{{phonePrefix}}{{i:D8}}","nickname":"观众{{i}}"}""", Encoding.UTF8, "application/json"), token);
            response.EnsureSuccessStatusCode();
            var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("daihuo.buyer=", StringComparison.Ordinal));
            cookies[i] = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        });
        return cookies;
    }
}
