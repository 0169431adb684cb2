using System.Data.Common;
using System.Text.Json;
using Daihuo.Server.Common;
using Daihuo.Server.Tests.Support;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Daihuo.Server.Tests.Common;

/// <summary>
/// A database that says "not now" (out of connections, busy) is answered 503 with Retry-After and a
/// named error, so a buyer retries with the same Idempotency-Key; any other unexpected failure is
/// still a 500 (not disguised as something to retry).
/// </summary>
public sealed class TransientFailureTests(DaihuoApp app) : IClassFixture<DaihuoApp>
{
    private sealed class TransientDbException() : DbException("53300: remaining connection slots are reserved")
    {
        public override bool IsTransient => true;
    }

    private sealed class PermanentDbException() : DbException("23505: duplicate key")
    {
        public override bool IsTransient => false;
    }

    private async Task<(bool Handled, HttpContext Http)> HandleAsync(Exception exception)
    {
        using var scope = app.Services.CreateScope();
        var handler = scope.ServiceProvider.GetServices<IExceptionHandler>().OfType<ProblemExceptionHandler>().Single();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var handled = await handler.TryHandleAsync(http, exception, TestContext.Current.CancellationToken);
        return (handled, http);
    }

    [Fact]
    public async Task A_transient_database_failure_is_a_503_to_retry_and_a_permanent_one_is_not_hidden()
    {
        var (handled, http) = await HandleAsync(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            new TransientDbException()));
        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(http.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("retry_later", problem.RootElement.GetProperty("code").GetString());

        Assert.False((await HandleAsync(new InvalidOperationException("bug", new PermanentDbException()))).Handled);
        Assert.True((await HandleAsync(new TimeoutException())).Handled);
    }
}
