using Daihuo.Server.Localization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Daihuo.Server.Components;

/// <summary>MudBlazor's own texts (pager, grid menus) from our resource files under the "mud." prefix.</summary>
internal sealed class ConsoleMudLocalizer(IStringLocalizer<Strings> text) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var found = text["mud." + key];
            return found.ResourceNotFound ? base[key] : new LocalizedString(key, found.Value);
        }
    }
}
