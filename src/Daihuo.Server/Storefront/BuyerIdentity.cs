using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Daihuo.Data;
using Daihuo.Domain.Common;
using Microsoft.AspNetCore.DataProtection;

namespace Daihuo.Server.Storefront;

public sealed record Buyer(string Id, string Nickname, string MaskedPhone);

/// <summary>
/// Viewers identify with a phone number and a nickname; they get a stable buyer id (a keyed hash of
/// the phone, so limits hold across devices) in a signed cookie. The phone itself is not stored
/// here and never logged; the masked form (138****1234) is all a page shows.
/// </summary>
public sealed partial class BuyerIdentity
{
    public const string CookieName = "daihuo.buyer";

    // Cookies already verified on this server: a buyer racing a flash sale sends the same cookie with every
    // attempt, and decrypting it each time was a visible share of the order path. The cache holds exactly the
    // strings that verified, so it can only answer what Unprotect would.
    private const int MaxVerified = 100_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Buyer> _verified = new(StringComparer.Ordinal);
    private readonly byte[] _key;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _clock;

    public BuyerIdentity(DatabaseOptions options, IDataProtectionProvider protection, TimeProvider clock)
    {
        _key = KeyFiles.LoadOrCreate(options, "buyer-id.key");
        _protector = protection.CreateProtector("Daihuo.Storefront.Buyer.v1");
        _clock = clock;
    }

    public Buyer Identify(string? phone, string? nickname, HttpResponse response)
    {
        var errors = new ValidationResult();
        var digits = Phone(phone, "phone", errors);

        var name = nickname?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors.Add(ErrorCodes.Required, "nickname");
        }
        else if (name.Length > 20)
        {
            errors.Add(ErrorCodes.TooLong, "nickname", 20);
        }

        errors.ThrowIfInvalid();
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(digits));
        var buyer = new Buyer("b_" + Convert.ToHexString(hash, 0, 10).ToLowerInvariant(), name, digits[..3] + "****" + digits[^4..]);
        response.Cookies.Append(CookieName, _protector.Protect($"{buyer.Id}\n{buyer.Nickname}\n{buyer.MaskedPhone}"), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = _clock.GetUtcNow().AddDays(30),
        });
        return buyer;
    }

    public Buyer? Current(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (_verified.TryGetValue(value, out var known))
        {
            return known;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            if (parts.Length != 3)
            {
                return null;
            }

            if (_verified.Count >= MaxVerified)
            {
                _verified.Clear();
            }

            return _verified[value] = new Buyer(parts[0], parts[1], parts[2]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A mainland mobile number as 11 digits (spaces, dashes and +86 dropped), or an error on <paramref name="field"/>.</summary>
    public static string Phone(string? phone, string field, ValidationResult errors)
    {
        var digits = phone?.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal) ?? string.Empty;
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        if (digits.Length == 0)
        {
            errors.Add(ErrorCodes.Required, field);
        }
        else if (!MainlandMobile().IsMatch(digits))
        {
            errors.Add(ErrorCodes.PhoneFormat, field);
        }

        return digits;
    }

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MainlandMobile();
}
