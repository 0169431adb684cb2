using System.Security.Claims;
using Daihuo.Data.Live;
using Daihuo.Domain.Common;
using Daihuo.Domain.Team;
using Daihuo.Live.Orders;
using Daihuo.Server.Account;

namespace Daihuo.Server.Live;

/// <summary>
/// A live price change from the console or the API: only the owner may go below the floor price;
/// the stored price changes first (audited), then the offer's grains (the real one and the
/// rehearsal twin) take it for the next order, and this server's open storefront pages get it at once.
/// </summary>
public sealed class LivePricing(LiveStore live, IGrainFactory grains, Storefront.RoomFeed feed)
{
    public async Task<OfferDetails> ChangeAsync(Guid offerId, Money price, string? reason, bool overrideFloor, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (overrideFloor && !user.IsInRole(StaffRoles.Owner))
        {
            throw new DomainValidationException(ErrorCodes.OwnerOnly, "overrideFloor");
        }

        var offer = await live.ChangePriceAsync(offerId, price, reason, overrideFloor, user.ToActor(), ct);
        await Task.WhenAll(grains.Offer(offerId).RefreshTermsAsync(), grains.Offer(offerId, test: true).RefreshTermsAsync());
        feed.PokeOffer(offerId);
        return offer;
    }
}
