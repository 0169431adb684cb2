using System.Globalization;
using Daihuo.Data.Catalog;
using Daihuo.Domain.Common;
using Daihuo.Server.Account;
using Daihuo.Server.Components.Layout;
using Daihuo.Server.Localization;
using Daihuo.Server.Team;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Daihuo.Server.Components.Catalog;

public sealed partial class ProductEditor
{
    private FieldErrors _errors = default!;
    private IReadOnlyList<Daihuo.Server.Compliance.CopyWarning> _warnings = [];
    private ProductForm _form = new();
    private ProductDetails? _product;
    private IReadOnlyList<CategoryDetails> _categories = [];
    private bool _loading = true;
    private bool _saving;
    private bool _canEdit;
    private string? _newPoint;

    [Parameter]
    public Guid? Id { get; set; }

    [Inject]
    private CatalogStore Catalog { get; set; } = default!;

    [Inject]
    private ErrorText ErrorText { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Auth { get; set; } = default!;

    [Inject]
    private Daihuo.Server.Compliance.ComplianceText Compliance { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs =>
    [
        new(L["nav.catalog.products"], "/catalog"),
        new(_product?.Code ?? L["editor.new"], null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _errors ??= new FieldErrors(ErrorText);
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _canEdit = (await Authorization.AuthorizeAsync(user, Policies.CatalogEdit)).Succeeded;
        _categories = await Catalog.CategoriesAsync();
        _errors.Clear();
        if (Id is { } id)
        {
            _product = await Catalog.GetAsync(id);
            if (_product is null)
            {
                Navigation.NavigateTo("/not-found");
                return;
            }

            _form = ProductForm.From(_product);
            _warnings = await Compliance.ForProductAsync(_product.ToDraft());
        }
        else
        {
            _warnings = [];
            _product = null;
            _form = new ProductForm();
        }

        _loading = false;
    }

    private async Task ReloadAsync()
    {
        if (_product is not null)
        {
            _product = await Catalog.GetAsync(_product.Id);
        }
    }

    private async Task SaveAsync()
    {
        _errors.Clear();
        var (draft, parseErrors) = _form.ToDraft();
        if (parseErrors.Count > 0)
        {
            _errors.AddRange(parseErrors);
            return;
        }

        _saving = true;
        try
        {
            var actor = (await Auth.GetAuthenticationStateAsync()).User.ToActor();
            if (_product is null)
            {
                var created = await Catalog.CreateAsync(draft, actor);
                _warnings = await Compliance.ForProductAsync(draft);
                Snackbar.Add(_warnings.Count > 0 ? L["editor.saved_with_warnings.toast", created.Name, _warnings.Count] : L["editor.created.toast", created.Name],
                    _warnings.Count > 0 ? Severity.Warning : Severity.Success);
                Navigation.NavigateTo($"/catalog/{created.Id}");
            }
            else
            {
                _product = await Catalog.UpdateAsync(_product.Id, _product.Version, draft, actor);
                _form = ProductForm.From(_product);
                _warnings = await Compliance.ForProductAsync(draft);
                Snackbar.Add(_warnings.Count > 0 ? L["editor.saved_with_warnings.toast", _product.Name, _warnings.Count] : L["editor.saved.toast", _product.Name],
                    _warnings.Count > 0 ? Severity.Warning : Severity.Success);
            }
        }
        catch (DomainValidationException ex)
        {
            _errors.AddRange(ex.Errors);
        }
        catch (ConflictException ex)
        {
            _errors.Add(ex.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private void OnCategoryChanged(string? code)
    {
        _form.CategoryCode = code;
        if (_categories.FirstOrDefault(c => c.Code == code) is { } category && _form.SpecialCategory == Domain.Catalog.SpecialCategory.None)
        {
            _form.SpecialCategory = category.DefaultSpecialCategory;
        }
    }

    private void AddPoint()
    {
        var point = _newPoint?.Trim();
        if (!string.IsNullOrEmpty(point) && !_form.SellingPoints.Contains(point))
        {
            _form.SellingPoints.Add(point);
        }

        _newPoint = null;
    }

    private void OnPointKey(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            AddPoint();
        }
    }

    private string MarginText()
    {
        if (_product is null || _product.Skus.Count == 0)
        {
            return "–";
        }

        var sku = _product.Skus[0];
        if (sku.LivePrice.Fen == 0)
        {
            return "–";
        }

        var percent = (sku.LivePrice - sku.Cost).Fen * 100 / sku.LivePrice.Fen;
        return $"{(sku.LivePrice - sku.Cost).ToDisplayString()} ({percent.ToString(CultureInfo.InvariantCulture)}%)";
    }
}
