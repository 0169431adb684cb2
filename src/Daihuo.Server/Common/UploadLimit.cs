using Daihuo.Domain.Common;
using Microsoft.AspNetCore.Http.Features;

namespace Daihuo.Server.Common;

/// <summary>Endpoint metadata: the largest body an upload endpoint takes.</summary>
internal sealed record UploadLimitMetadata(long MaxBytes);

/// <summary>An upload over its endpoint's limit; carries the limit so the answer can name it.</summary>
internal sealed class UploadTooLargeException(long maxBytes) : Exception("Upload too large.")
{
    public long MaxBytes { get; } = maxBytes;
}

internal static class UploadLimitExtensions
{
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder builder, long maxBytes) =>
        builder.WithMetadata(new UploadLimitMetadata(maxBytes));

    /// <summary>
    /// Refuses an oversized upload before a byte of it is read (declared length), and caps the
    /// server's read for bodies of unknown length; either way the caller gets a 413 Problem naming the file.
    /// </summary>
    public static IApplicationBuilder UseUploadLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<UploadLimitMetadata>();
        if (limit is not null)
        {
            if (context.Request.ContentLength > limit.MaxBytes)
            {
                throw new UploadTooLargeException(limit.MaxBytes);
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = limit.MaxBytes;
            }
        }

        await next(context);
    });

    public static void ThrowIfTooLarge(IFormFile file, long maxBytes)
    {
        if (file.Length > maxBytes)
        {
            throw new UploadTooLargeException(maxBytes);
        }

        if (file.Length == 0)
        {
            throw new DomainValidationException(ErrorCodes.FileEmpty, "file");
        }
    }
}
