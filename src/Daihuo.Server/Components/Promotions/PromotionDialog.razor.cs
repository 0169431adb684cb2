using Daihuo.Data.Live;
using Daihuo.Data.Promotions;
using Daihuo.Domain.Common;
using Daihuo.Domain.Promotions;
using Daihuo.Server.Account;
using Daihuo.Server.Components.Catalog;
using Daihuo.Server.Components.Layout;
using Daihuo.Server.Localization;
using Daihuo.Server.Promotions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Daihuo.Server.Components.Promotions;

public sealed partial class PromotionDialog
{
    private static readonly string[] Kinds = ["threshold", "coupon", "multibuy", "flashprice", "memberprice", "ranktier", "bundle", "gift"];
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private sealed class TierInput
    {
        public int UpToRank { get; set; }

        public string? Off { get; set; }
    }

    private readonly List<TierInput> _tiers = [new() { UpToRank = 100 }];
    private readonly List<PickedSku> _bundle = [];
    private FieldErrors _errors = default!;
    private IReadOnlyList<SessionRow> _sessions = [];
    private AdviceThresholds _thresholds = new();
    private string _kind = "threshold";
    private Guid? _session;
    private string? _name;
    private string? _threshold;
    private string? _off;
    private string? _cap;
    private string? _price;
    private bool _repeatable;
    private bool _percentCoupon;
    private CouponScope _scope = CouponScope.Shop;
    private int _quantity = 100;
    private int _perPerson = 1;
    private int _hours = 24;
    private int _minItems = 3;
    private int _percent = 20;
    private int _minTier = 1;
    private int _giftQuantity = 1;
    private int _firstOrders = 100;
    private GiftTrigger _trigger = GiftTrigger.EveryOrder;
    private PickedSku? _sku;
    private PickedSku? _gift;
    private DateTime? _startDate;
    private TimeSpan? _startTime;
    private DateTime? _endDate;
    private TimeSpan? _endTime;

    [Inject]
    private PromotionStore Store { get; set; } = default!;

    [Inject]
    private LiveStore Live { get; set; } = default!;

    [Inject]
    private ErrorText ErrorText { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The session the promotion is for (fixed: the live page); null lets the planner choose, or keep it shop-wide.</summary>
    [Parameter]
    public Guid? SessionId { get; set; }

    /// <summary>Opened from the live page to issue a room-only coupon: the kind is fixed.</summary>
    [Parameter]
    public string? FixedKind { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _errors = new FieldErrors(ErrorText);
        _kind = FixedKind ?? _kind;
        _thresholds = await Store.AdviceAsync();
        if (FixedKind is null && SessionId is null)
        {
            _sessions = (await Live.ListAsync()).Where(s => s.Status != Domain.Live.SessionStage.Ended).ToList();
        }

        // A coupon must end: by default, a week from today at midnight, Beijing time.
        var today = Clock.GetUtcNow().ToOffset(Beijing).Date;
        _endDate = today.AddDays(7);
        _endTime = TimeSpan.Zero;
    }

    private void OnKind(string kind)
    {
        _kind = kind;
        _errors.Clear();
    }

    private void OnSku(PickedSku? sku) => _sku = sku;

    private void OnGift(PickedSku? sku) => _gift = sku;

    private void AddBundleItem(PickedSku? sku)
    {
        if (sku is not null && _bundle.All(b => b.Sku.Id != sku.Sku.Id))
        {
            _bundle.Add(sku);
        }
    }

    private void AddTier()
    {
        if (_tiers.Count < RankTierPrice.MaxTiers)
        {
            _tiers.Add(new TierInput { UpToRank = _tiers[^1].UpToRank * 2 });
        }
    }

    private static Money? Yuan(string? text) => Money.TryParseYuan(text, out var m) ? m : null;

    private int WindowMinutes()
    {
        var (start, end) = (At(_startDate, _startTime), At(_endDate, _endTime));
        return start is { } s && end is { } e ? (int)(e - s).TotalMinutes : -1;
    }

    /// <summary>Planning advice for what is typed so far; warnings only, the planner may save anyway.</summary>
    private IEnumerable<PromotionWarning> Advice()
    {
        var warnings = new List<PromotionWarning?>();
        switch (_kind)
        {
            case "threshold":
                if (Yuan(_threshold) is { } threshold && Yuan(_off) is { } off)
                {
                    warnings.Add(PromotionAdvice.Threshold(threshold, off, _thresholds));
                }

                break;
            case "coupon":
                if (Yuan(_threshold) is { } spend && spend > Money.Zero && !_percentCoupon && Yuan(_off) is { } amount)
                {
                    warnings.Add(PromotionAdvice.Threshold(spend, amount, _thresholds));
                }

                break;
            case "flashprice" or "memberprice":
                if (_sku is { } sku && Yuan(_price) is { } price)
                {
                    warnings.Add(PromotionAdvice.Discount(sku.Sku.ListPrice, price, sku.IsApparel, _thresholds));
                }

                if (_kind == "flashprice" && WindowMinutes() is var minutes and > 0)
                {
                    warnings.Add(PromotionAdvice.Countdown(minutes, _thresholds));
                }

                break;
            case "ranktier":
                if (_sku is { } ranked && Yuan(_tiers[0].Off) is { } first)
                {
                    warnings.Add(PromotionAdvice.Discount(ranked.Sku.ListPrice, ranked.Sku.LivePrice - first, ranked.IsApparel, _thresholds));
                }

                break;
            case "bundle":
                if (_bundle.Count > 1 && Yuan(_price) is { } bundle)
                {
                    warnings.Add(PromotionAdvice.Bundle(bundle, Money.FromFen(_bundle.Sum(b => b.Sku.LivePrice.Fen)), _thresholds));
                }

                break;
            case "gift":
                if (_gift is { } gift && _sku is { } item)
                {
                    warnings.AddRange(PromotionAdvice.Gift(gift.Sku.ListPrice * _giftQuantity, gift.Sku.Cost * _giftQuantity, item.Sku.LivePrice,
                        item.Sku.LivePrice - item.Sku.Cost, _thresholds));
                }

                break;
        }

        return warnings.OfType<PromotionWarning>();
    }

    private static DateTimeOffset? At(DateTime? date, TimeSpan? time) =>
        date is { } d ? new DateTimeOffset(DateTime.SpecifyKind(d.Date + (time ?? TimeSpan.Zero), DateTimeKind.Unspecified), Beijing) : null;

    private long? Fen(string? yuan, string field)
    {
        if (string.IsNullOrWhiteSpace(yuan))
        {
            return null;
        }

        if (Money.TryParseYuan(yuan, out var money))
        {
            return money.Fen;
        }

        _errors.Add(new DomainError(ErrorCodes.MoneyFormat, field, yuan));
        return null;
    }

    private PromotionRequest Request()
    {
        var session = SessionId ?? _session;
        var (starts, ends) = FixedKind is null ? (At(_startDate, _startTime), At(_endDate, _endTime)) : (null, Clock.GetUtcNow().AddHours(_hours));
        return _kind switch
        {
            "coupon" => new PromotionRequest("coupon", _name, session, starts, ends,
                AmountOff: _percentCoupon ? null : Fen(_off, "amountOff"), PercentOff: _percentCoupon ? _percent : null, PercentCap: _percentCoupon ? Fen(_cap, "percentCap") : null,
                MinSpend: Fen(_threshold, "minSpend") ?? 0, TotalQuantity: _quantity, PerPerson: _perPerson,
                Scope: (FixedKind is null ? _scope : CouponScope.Room).ToString()),
            "multibuy" => new PromotionRequest("multibuy", _name, session, starts, ends, MinItems: _minItems, PercentOff: _percent),
            "flashprice" => new PromotionRequest("flashprice", _name, session, starts, ends, SkuId: _sku?.Sku.Id, Price: Fen(_price, "price") ?? 0),
            "memberprice" => new PromotionRequest("memberprice", _name, session, starts, ends, SkuId: _sku?.Sku.Id, Price: Fen(_price, "price") ?? 0, MinTier: _minTier),
            "ranktier" => new PromotionRequest("ranktier", _name, session, starts, ends, SkuId: _sku?.Sku.Id,
                Tiers: [.. _tiers.Select((t, i) => new RankTierRequest(t.UpToRank, Fen(t.Off, $"tiers[{i}].offPerUnit") ?? 0))]),
            "bundle" => new PromotionRequest("bundle", _name, session, starts, ends, SkuIds: [.. _bundle.Select(b => b.Sku.Id)], Price: Fen(_price, "price") ?? 0),
            "gift" => new PromotionRequest("gift", _name, session, starts, ends, GiftSkuId: _gift?.Sku.Id, Quantity: _giftQuantity, Trigger: _trigger.ToString(),
                MinSpend: _trigger == GiftTrigger.SpendAtLeast ? Fen(_threshold, "minSpend") ?? 0 : null,
                FirstOrders: _trigger == GiftTrigger.FirstOrders ? _firstOrders : null, Stock: _quantity),
            _ => new PromotionRequest("threshold", _name, session, starts, ends, Threshold: Fen(_threshold, "threshold") ?? 0, Off: Fen(_off, "off") ?? 0,
                Repeatable: _repeatable, MaxOff: _repeatable ? Fen(_cap, "maxOff") : null),
        };
    }

    private async Task SubmitAsync()
    {
        _errors.Clear();
        var request = Request();
        if (_errors.Count > 0)
        {
            return;
        }

        try
        {
            var actor = (await Auth.GetAuthenticationStateAsync()).User.ToActor();
            var created = await Store.CreateAsync(request.ToPromotion(), request.SessionId, actor);
            Dialog.Close(DialogResult.Ok(created));
        }
        catch (DomainValidationException ex)
        {
            _errors.AddRange(ex.Errors);
        }
        catch (NotFoundException ex)
        {
            _errors.Add(ex.Error);
        }
    }
}
