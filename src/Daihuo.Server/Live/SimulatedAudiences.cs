using System.Collections.Concurrent;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Live;
using Daihuo.Load;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Daihuo.Server.Live;

/// <summary>What the console asks of a simulated audience.</summary>
public sealed record AudienceRequest(int? Viewers, double? CommentsPerSecond, double? LikesPerSecond, double? OrdersPerSecond, int? Minutes);

/// <summary>A running (or finished) simulated audience and what it has done.</summary>
public sealed record AudienceStatus(bool Running, int Viewers, double CommentsPerSecond, double LikesPerSecond, double OrdersPerSecond, DateTimeOffset StartedAt, DateTimeOffset EndsAt,
    long Connected, long Comments, long Likes, long Orders, long SoldOut, long Refused, long Errors);

/// <summary>
/// Simulated audiences for rehearsals: the load generator (bench/Daihuo.Load's <see cref="Audience"/>)
/// driving this server's own storefront over loopback, as phones would: viewers on the live page,
/// comments, likes and orders at the rates the team chose. Only a rehearsing session gets one, and it
/// stops by itself the moment the session is no longer rehearsing, so its orders are always test
/// orders on the offers' rehearsal twins. One per session, at most <see cref="MaxRunning"/> at once.
/// </summary>
public sealed class SimulatedAudiences(LiveStore live, IServer server, TimeProvider clock, ILogger<SimulatedAudiences> logger) : IDisposable
{
    public const int MaxViewers = 2_000;
    public const double MaxCommentsPerSecond = 50;
    public const double MaxLikesPerSecond = 500;
    public const double MaxOrdersPerSecond = 200;
    public const int MaxMinutes = 30;
    public const int MaxRunning = 3;

    private readonly ConcurrentDictionary<Guid, Run> _runs = new();
    private readonly CancellationTokenSource _stopping = new();

    private sealed record Run(AudienceOptions Options, AudienceCounters Counters, CancellationTokenSource Stop, DateTimeOffset StartedAt)
    {
        public Task Task { get; set; } = Task.CompletedTask;
    }

    public async Task<AudienceStatus> StartAsync(Guid sessionId, AudienceRequest request, CancellationToken ct)
    {
        var errors = new ValidationResult();
        var viewers = Check(request.Viewers ?? 200, 1, MaxViewers, "viewers", errors);
        var comments = Check(request.CommentsPerSecond ?? 5, 0, MaxCommentsPerSecond, "commentsPerSecond", errors);
        var likes = Check(request.LikesPerSecond ?? 50, 0, MaxLikesPerSecond, "likesPerSecond", errors);
        var orders = Check(request.OrdersPerSecond ?? 5, 0, MaxOrdersPerSecond, "ordersPerSecond", errors);
        var minutes = Check(request.Minutes ?? 10, 1, MaxMinutes, "minutes", errors);
        errors.ThrowIfInvalid();

        var session = await live.GetAsync(sessionId, ct) ?? throw new NotFoundException(ErrorCodes.SessionNotFound, "sessionId", sessionId);
        if (session.Status != SessionStage.Rehearsal)
        {
            // Simulated buyers place test orders only: the session must be rehearsing.
            throw new ConflictException(ErrorCodes.AudienceRehearsalOnly, "sessionId", session.Status.ToString());
        }

        if (_runs.TryGetValue(sessionId, out var running) && !running.Task.IsCompleted)
        {
            throw new ConflictException(ErrorCodes.AudienceRunning, "sessionId");
        }

        if (_runs.Values.Count(r => !r.Task.IsCompleted) >= MaxRunning)
        {
            throw new ConflictException(ErrorCodes.AudienceBusy, "sessionId", MaxRunning);
        }

        var options = new AudienceOptions(Loopback(), session.Room, (int)viewers, comments, likes, orders, TimeSpan.FromMinutes(minutes));
        var run = new Run(options, new AudienceCounters(), CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token), clock.GetUtcNow());
        _runs[sessionId] = run;
        run.Task = Task.Run(async () =>
        {
            try
            {
                await Audience.RunAsync(options, run.Counters, async token => (await live.GetAsync(sessionId, token))?.Status == SessionStage.Rehearsal, run.Stop.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex, sessionId);
            }
        }, CancellationToken.None);
        return Status(run);
    }

    public async Task<AudienceStatus?> StopAsync(Guid sessionId)
    {
        if (!_runs.TryGetValue(sessionId, out var run))
        {
            return null;
        }

        await run.Stop.CancelAsync();
        await run.Task;
        return Status(run);
    }

    /// <summary>The session's audience, running or the last one that ran; null if it never had one.</summary>
    public AudienceStatus? Get(Guid sessionId) => _runs.TryGetValue(sessionId, out var run) ? Status(run) : null;

    private AudienceStatus Status(Run run) => new(
        !run.Task.IsCompleted, run.Options.Viewers, run.Options.CommentsPerSecond, run.Options.LikesPerSecond, run.Options.OrdersPerSecond,
        run.StartedAt, run.StartedAt + run.Options.Duration, run.Counters.Connected, run.Counters.Comments, run.Counters.Likes, run.Counters.Orders,
        run.Counters.SoldOut, run.Counters.Refused, run.Counters.Errors);

    private static double Check(double value, double min, double max, string field, ValidationResult errors)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            errors.Add(ErrorCodes.OutOfRange, field, min, max);
        }

        return value;
    }

    /// <summary>This server's own loopback address (the audience comes in through the storefront like any phone).</summary>
    private Uri Loopback()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var http = addresses.Select(a => new Uri(a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://localhost", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)))
            .FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttp && System.Net.IPAddress.TryParse(u.Host, out var ip) && System.Net.IPAddress.IsLoopback(ip));
        return http ?? throw new ConflictException(ErrorCodes.AudienceNoLoopback, "sessionId");
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static void LogFailed(ILogger logger, Exception ex, Guid sessionId) =>
        logger.LogWarning(ex, "The simulated audience of session {SessionId} stopped on an error.", sessionId);
}

/// <summary>The console's simulated-audience calls: start, read, stop (rehearsal only).</summary>
public static class AudienceApi
{
    public static IEndpointRouteBuilder MapAudienceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/live/sessions/{id:guid}/audience").WithTags("Live").RequireAuthorization(Team.Policies.LiveManage);
        api.MapPost("/", async (Guid id, AudienceRequest? request, SimulatedAudiences audiences, CancellationToken ct) =>
            TypedResults.Ok(await audiences.StartAsync(id, request ?? new AudienceRequest(null, null, null, null, null), ct)));
        api.MapGet("/", (Guid id, SimulatedAudiences audiences) => audiences.Get(id) is { } status ? Results.Ok(status) : Results.NoContent());
        api.MapDelete("/", async (Guid id, SimulatedAudiences audiences) => await audiences.StopAsync(id) is { } status ? Results.Ok(status) : Results.NoContent());
        return app;
    }
}
