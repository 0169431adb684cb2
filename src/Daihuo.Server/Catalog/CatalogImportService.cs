using System.Globalization;
using Daihuo.Data.Audit;
using Daihuo.Data.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Server.Localization;

namespace Daihuo.Server.Catalog;

/// <summary>Reads an uploaded file, applies it all-or-nothing and words the report in the user's language.</summary>
public sealed class CatalogImportService(CatalogStore store, ErrorText errorText)
{
    public async Task<ImportResponse> ImportAsync(string fileName, Stream content, Actor actor, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var format = CatalogFiles.Detect(fileName, bytes.AsSpan(0, Math.Min(bytes.Length, 512)))
            ?? throw new DomainValidationException(ErrorCodes.FileType, "file");
        var rows = CatalogFiles.ReadRows(new MemoryStream(bytes), format);
        var batch = CatalogFiles.Parse(Path.GetFileName(fileName), rows);
        var result = await store.ImportAsync(batch, actor, ct);
        return new ImportResponse(
            result.Applied,
            result.Created,
            result.Updated,
            result.Errors.Select(e => new ImportRowError(e.Row, e.Column, e.Error.Field, e.Error.Code, errorText.Message(e.Error))).ToList());
    }

    /// <summary>The report as a CSV a team can open in Excel: row, column, reason.</summary>
    public static byte[] ReportCsv(ImportResponse response, bool chinese)
    {
        string[] headers = chinese ? ["行", "列", "原因"] : ["Row", "Column", "Reason"];
        return CatalogFiles.WriteCsv(headers, response.Errors.Select(e => new[] { e.Row.ToString(CultureInfo.InvariantCulture), e.Column, e.Message }));
    }
}
