using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Daihuo.Domain.Interaction;

/// <summary>The outcome of checking a published draw.</summary>
public sealed record DrawCheck(bool SeedMatchesCommitment, bool WinnersMatch, IReadOnlyList<string> Recomputed);

/// <summary>
/// The fair draw (docs/lottery.md explains it with a worked example; the storefront's verification
/// page runs the same steps in the viewer's browser):
/// <list type="number">
/// <item>Before the draw the room shows the commitment <c>SHA-256(seed)</c>, where the seed is 32 random
/// bytes written as 64 lowercase hex characters and hashed as that UTF-8 text.</item>
/// <item>At the draw the eligible entries are fixed: each entrant's entry code, distinct, sorted by
/// ordinal (byte) order.</item>
/// <item>For j = 0, 1, … k−1 (k = the prize quantity, at most the number of entries): h = SHA-256 of
/// the text <c>seed + ":" + j</c>; r = h's first 6 bytes read as a big-endian integer (48 bits, exact
/// in a JavaScript number); swap entry j with entry j + (r mod (n − j)). This is a partial
/// Fisher–Yates shuffle: the first k entries are the winners, in prize order.</item>
/// </list>
/// The seed, the entry list and the winners are published after the draw: anyone can hash the seed,
/// compare it with the commitment shown before, and repeat step 3. An entry appears once, so nobody
/// wins twice. The modulo bias of a 48-bit number over at most a million entries is below 2⁻²⁸.
/// </summary>
public static class LotteryDraw
{
    public const int SeedHexLength = 64;

    /// <summary>A fresh secret seed: 32 bytes from the system's cryptographic generator, as lowercase hex.</summary>
    public static string NewSeed() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Commitment(string seed) => Sha256Hex(seed);

    /// <summary>An entrant's code in one lottery: 16 hex characters of SHA-256(lottery id + ":" + viewer id). Published instead of the viewer's id.</summary>
    public static string EntryCode(Guid lotteryId, string viewerId) => Sha256Hex(lotteryId.ToString("D") + ":" + viewerId)[..16];

    /// <summary>The eligible list as the draw uses it: distinct entries in ordinal order.</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> entries)
    {
        var list = entries.Distinct(StringComparer.Ordinal).ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    /// <summary>The winners, in prize order: step 3 above over the canonical list.</summary>
    public static IReadOnlyList<string> Winners(string seed, IEnumerable<string> entries, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        var list = Canonical(entries).ToArray();
        var k = Math.Min(quantity, list.Length);
        Span<byte> hash = stackalloc byte[32];
        for (var j = 0; j < k; j++)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(seed + ":" + j.ToString(System.Globalization.CultureInfo.InvariantCulture)), hash);
            var r = BinaryPrimitives.ReadUInt64BigEndian(hash) >> 16;
            var i = j + (int)(r % (ulong)(list.Length - j));
            (list[j], list[i]) = (list[i], list[j]);
        }

        return list[..k];
    }

    /// <summary>What anyone can check after the draw: the seed hashes to the commitment, and the winners follow from the seed and the list.</summary>
    public static DrawCheck Verify(string commitment, string seed, IEnumerable<string> entries, int quantity, IReadOnlyList<string> winners)
    {
        var recomputed = Winners(seed, entries, quantity);
        return new DrawCheck(
            string.Equals(Commitment(seed), commitment, StringComparison.OrdinalIgnoreCase),
            recomputed.SequenceEqual(winners, StringComparer.Ordinal),
            recomputed);
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
