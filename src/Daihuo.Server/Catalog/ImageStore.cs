using Daihuo.Data;
using Daihuo.Domain.Common;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Daihuo.Server.Catalog;

/// <summary>
/// Product images under the data folder: the upload is decoded (so a renamed file is refused),
/// re-encoded as JPEG no larger than 1600 px, and a 400 px thumbnail is written beside it.
/// </summary>
public sealed class ImageStore
{
    public const string RoutePrefix = "/media/products";
    private const int MaxSide = 1600;
    private const int ThumbSide = 400;
    private readonly string _folder;

    public ImageStore(DatabaseOptions options)
    {
        _folder = Path.Combine(options.DataPath, "images", "products");
        Directory.CreateDirectory(_folder);
    }

    public static string Url(string fileName) => $"{RoutePrefix}/{fileName}";

    public static string ThumbnailUrl(string fileName) => $"{RoutePrefix}/{ThumbName(fileName)}";

    public string? PathOf(string fileName)
    {
        // Only names this store made: a guid and a known suffix, nothing that climbs folders.
        if (fileName.Length > 80 || fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.Combine(_folder, fileName);
        return File.Exists(path) ? path : null;
    }

    public async Task<(string FileName, int Width, int Height)> SaveAsync(Stream content, CancellationToken ct)
    {
        Image image;
        try
        {
            image = await Image.LoadAsync(content, ct);
        }
        catch (Exception ex) when (ex is UnknownImageFormatException or InvalidImageContentException or NotSupportedException)
        {
            throw new DomainValidationException(ErrorCodes.ImageUnreadable, "file");
        }

        using (image)
        {
            image.Mutate(x => x.AutoOrient());
            if (image.Width > MaxSide || image.Height > MaxSide)
            {
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(MaxSide, MaxSide), Mode = ResizeMode.Max }));
            }

            image.Metadata.ExifProfile = null;
            var fileName = $"{Guid.CreateVersion7():N}.jpg";
            await image.SaveAsJpegAsync(Path.Combine(_folder, fileName), new JpegEncoder { Quality = 85 }, ct);
            using var thumb = image.Clone(x => x.Resize(new ResizeOptions { Size = new Size(ThumbSide, ThumbSide), Mode = ResizeMode.Crop }));
            await thumb.SaveAsJpegAsync(Path.Combine(_folder, ThumbName(fileName)), new JpegEncoder { Quality = 80 }, ct);
            return (fileName, image.Width, image.Height);
        }
    }

    public void Delete(string fileName)
    {
        foreach (var name in new[] { fileName, ThumbName(fileName) })
        {
            if (PathOf(name) is { } path)
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// A product shot for demo data, drawn here rather than downloaded: a soft studio gradient with a
    /// rounded "product" block in the item's colour and a shadow beneath it.
    /// </summary>
    public static byte[] DrawDemoImage(Rgba32 colour, int seed)
    {
        const int size = 800;
        using var image = new Image<Rgba32>(size, size);
        var random = new Random(seed);
        var shape = random.Next(3);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < size; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < size; x++)
                {
                    var t = (x + y) / (2f * size);
                    var bg = new Rgba32((byte)(250 - (t * 18)), (byte)(246 - (t * 20)), (byte)(242 - (t * 14)));
                    float dx = x - (size / 2f), dy = y - (size * 0.47f);
                    var inside = shape switch
                    {
                        0 => Math.Abs(dx) < 190 && Math.Abs(dy) < 250 && RoundCorner(Math.Abs(dx) - 130, Math.Abs(dy) - 190, 60),
                        1 => (dx * dx / (230f * 230f)) + (dy * dy / (230f * 230f)) < 1,
                        _ => Math.Abs(dx) < 120 && dy > -280 && dy < 260 && RoundCorner(Math.Abs(dx) - 80, Math.Abs(dy + 10) - 230, 40),
                    };
                    var shadow = (dx * dx / (260f * 260f)) + ((y - 720f) * (y - 720f) / (26f * 26f)) < 1;
                    if (inside)
                    {
                        var light = 1.15f - ((dx + dy + 400) / 1600f);
                        row[x] = new Rgba32(Clamp(colour.R * light), Clamp(colour.G * light), Clamp(colour.B * light));
                    }
                    else if (shadow)
                    {
                        row[x] = new Rgba32((byte)(bg.R - 28), (byte)(bg.G - 28), (byte)(bg.B - 26));
                    }
                    else
                    {
                        row[x] = bg;
                    }
                }
            }
        });
        using var stream = new MemoryStream();
        image.SaveAsJpeg(stream, new JpegEncoder { Quality = 88 });
        return stream.ToArray();
    }

    private static bool RoundCorner(float ox, float oy, float r) => ox <= 0 || oy <= 0 || (ox * ox) + (oy * oy) < r * r;

    private static byte Clamp(float v) => (byte)Math.Clamp(v, 0, 255);

    private static string ThumbName(string fileName) => Path.GetFileNameWithoutExtension(fileName) + "_thumb.jpg";
}
