using MudBlazor;

namespace Daihuo.Server.Components.Layout;

/// <summary>The console's look: warm live-commerce red on calm neutrals, a dark navy sidebar.</summary>
public static class ConsoleTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#E8453C",
            PrimaryDarken = "#C9362E",
            Secondary = "#3D4A7A",
            Tertiary = "#F4A03A",
            Info = "#3B82F6",
            Success = "#16A34A",
            Warning = "#F59E0B",
            Error = "#DC2626",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2433",
            Background = "#F4F5F9",
            Surface = "#FFFFFF",
            DrawerBackground = "#151A2D",
            DrawerText = "#C9CEDC",
            DrawerIcon = "#8F97B2",
            TextPrimary = "#1F2433",
            TextSecondary = "#5F6678",
            LinesDefault = "#E6E8EF",
            TableLines = "#EEF0F5",
            Divider = "#E6E8EF",
            ActionDefault = "#5F6678",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#FF6A5F",
            Secondary = "#9AA8E0",
            Tertiary = "#F4A03A",
            AppbarBackground = "#1A1F33",
            AppbarText = "#E6E8F0",
            Background = "#10131F",
            Surface = "#1A1F33",
            DrawerBackground = "#0C0F19",
            DrawerText = "#C9CEDC",
            DrawerIcon = "#8F97B2",
            TextPrimary = "#E6E8F0",
            TextSecondary = "#A3A9BD",
            LinesDefault = "#2A3047",
            TableLines = "#262B40",
            Divider = "#2A3047",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "10px",
            DrawerWidthLeft = "248px",
            AppbarHeight = "60px",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "system-ui", "sans-serif"],
                FontSize = ".875rem",
            },
            H4 = new H4Typography { FontSize = "1.6rem", FontWeight = "700" },
            H5 = new H5Typography { FontSize = "1.25rem", FontWeight = "700" },
            H6 = new H6Typography { FontSize = "1.05rem", FontWeight = "600" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
    };
}
