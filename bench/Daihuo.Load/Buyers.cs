using System.Text;

namespace Daihuo.Load;

/// <summary>Identified storefront buyers: each is the buyer cookie the server set when it identified them.</summary>
public static class Buyers
{
    /// <summary>Buyer i identifies with phone <paramref name="phonePrefix"/> + i (8 digits) and the nickname <paramref name="nickname"/>(i), "观众i" by default.</summary>
    public static async Task<string[]> IdentifyAsync(HttpClient http, int count, string phonePrefix, CancellationToken ct, Func<int, string>? nickname = null)
    {
        var cookies = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            using var response = await http.PostAsync("/api/storefront/identify",
                new StringContent(System.Text.Json.JsonSerializer.Serialize(new { phone = $"{phonePrefix}{i:D8}", nickname = nickname?.Invoke(i) ?? $"观众{i}" }), Encoding.UTF8, "application/json"), token);
            response.EnsureSuccessStatusCode();
            var cookie = response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("daihuo.buyer=", StringComparison.Ordinal));
            cookies[i] = cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
        });
        return cookies;
    }
}
