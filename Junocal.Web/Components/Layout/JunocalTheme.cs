using MudBlazor;

namespace Junocal.Web.Components.Layout;

internal static class JunocalTheme
{
    // The system font stack: the app must look right offline and without a font download.
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4B3F8F",
            Secondary = "#0F766E",
            AppbarBackground = "#4B3F8F",
            Background = "#F7F6FB",
            TextSecondary = "rgba(0,0,0,0.68)",
            // Darker than Material's defaults so outlined chips and text meet WCAG AA contrast on white.
            Success = "#2E7D32",
            Error = "#C62828",
            Info = "#1565C0",
            Warning = "#8A5300",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily },
        },
    };
}
