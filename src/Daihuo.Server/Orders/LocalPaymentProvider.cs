using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Daihuo.Data;
using Daihuo.Data.Orders;

namespace Daihuo.Server.Orders;

/// <summary>A payment notification as the provider sends it: headers and the raw body.</summary>
public sealed record SignedNotification(string Timestamp, string Nonce, string Signature, string Body);

/// <summary>What a verified notification says.</summary>
public sealed record PaymentNotice(string NotificationId, string EventType, Guid PaymentId, string TransactionId, long TotalFen);

/// <summary>
/// A payment provider as the order path sees it: where the buyer pays, and what a notification it
/// sent says once verified. Real adapters (WeChat Pay, Alipay) implement the same two things.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Stored on each payment, so a notification is matched to the provider that took it.</summary>
    string ProviderName { get; }

    /// <summary>The page (or deep link) where the buyer pays this payment.</summary>
    string CashierUrl(Payment payment);

    /// <summary>Checks clock skew and signature, then reads the body; null when anything is off.</summary>
    PaymentNotice? Verify(SignedNotification notification);
}

/// <summary>
/// The built-in provider for running offline, shaped like WeChat Pay's v3 notifications: the body is
/// signed over <c>timestamp\nnonce\nbody\n</c> (HMAC-SHA256 with the provider's key here, RSA there),
/// a notification more than 300 s off the clock is refused, and each carries an id that stays the
/// same when it is resent.
/// </summary>
public sealed class LocalPaymentProvider : IPaymentProvider
{
    public const string Name = "local";
    public const string TimestampHeader = "Wechatpay-Timestamp";
    public const string NonceHeader = "Wechatpay-Nonce";
    public const string SignatureHeader = "Wechatpay-Signature";
    private static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(300);
    private readonly byte[] _key;
    private readonly TimeProvider _clock;

    public LocalPaymentProvider(DatabaseOptions options, TimeProvider clock)
    {
        _key = KeyFiles.LoadOrCreate(options, "local-pay.key");
        _clock = clock;
    }

    public string ProviderName => Name;

    public string CashierUrl(Payment payment) => $"/pay/local/{payment.Id:N}";

    /// <summary>The notification the provider sends when the buyer confirms on its payment page.</summary>
    public SignedNotification Success(Payment payment)
    {
        var body = JsonSerializer.Serialize(new
        {
            id = Guid.NewGuid().ToString("N"),
            create_time = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            event_type = "TRANSACTION.SUCCESS",
            out_trade_no = payment.Id.ToString("N"),
            transaction_id = "LP" + RandomNumberGenerator.GetHexString(20),
            amount = new { total = payment.Amount.Fen, currency = "CNY" },
        });
        return Sign(body);
    }

    public SignedNotification Sign(string body)
    {
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetHexString(16);
        return new SignedNotification(timestamp, nonce, Signature(timestamp, nonce, body), body);
    }

    public PaymentNotice? Verify(SignedNotification notification)
    {
        if (!long.TryParse(notification.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (_clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > MaxSkew)
        {
            return null;
        }

        var expected = Convert.FromBase64String(Signature(notification.Timestamp, notification.Nonce, notification.Body));
        byte[] given;
        try
        {
            given = Convert.FromBase64String(notification.Signature);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(notification.Body);
            var root = json.RootElement;
            return new PaymentNotice(
                root.GetProperty("id").GetString()!,
                root.GetProperty("event_type").GetString()!,
                Guid.ParseExact(root.GetProperty("out_trade_no").GetString()!, "N"),
                root.GetProperty("transaction_id").GetString()!,
                root.GetProperty("amount").GetProperty("total").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException or ArgumentNullException)
        {
            return null;
        }
    }

    private string Signature(string timestamp, string nonce, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{timestamp}\n{nonce}\n{body}\n")));
}
