using Microsoft.AspNetCore.SignalR;

namespace Daihuo.Baseline;

/// <summary>The fan-out baseline's hub: one room, every connection gets every update; a joining connection gets the latest first.</summary>
public sealed class RoomHub : Hub
{
    public static volatile string? Latest;

    public override async Task OnConnectedAsync()
    {
        if (Latest is { } latest)
        {
            await Clients.Caller.SendAsync("room", latest);
        }

        await base.OnConnectedAsync();
    }
}
