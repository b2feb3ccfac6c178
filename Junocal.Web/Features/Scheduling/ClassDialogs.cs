using MudBlazor;

namespace Junocal.Web.Features.Scheduling;

/// <summary>
/// The one way staff pages open the class dialogs: the editor for a new or an existing class, and the cancel dialog,
/// each with the parameters and size it needs. The page says what happened in its own words and re-reads.
/// </summary>
internal static class ClassDialogs
{
    private static readonly DialogOptions EditorSize = new() { MaxWidth = MaxWidth.Small, FullWidth = true };

    /// <returns>What was scheduled, or null when the owner closed the editor without saving.</returns>
    public static Task<CommandResult?> NewClassAsync(this IDialogService dialogs, ClassEditorOptions options, ClassForm form) =>
        ShowEditorAsync(dialogs, "New class", new DialogParameters<ClassEditorDialog>
        {
            { d => d.Options, options },
            { d => d.Form, form },
        });

    /// <returns>
    /// Whether the class could still be edited (it may have gone meanwhile; then nothing opens) and what was saved,
    /// null when the owner closed the editor without saving.
    /// </returns>
    /// <remarks>With <c>switchToCustomLink</c> the editor opens with the location already switched to a custom link: the way out of a provider's daily limit.</remarks>
    public static async Task<(bool Found, CommandResult? Saved)> EditClassAsync(this IDialogService dialogs, ScheduleService schedule, Guid classId,
        ClassEditorOptions? options = null, bool switchToCustomLink = false)
    {
        if (await schedule.GetForEditAsync(classId, CancellationToken.None) is not { } editable)
        {
            return (false, null);
        }

        var current = editable.Form.LocationKind;
        if (switchToCustomLink)
        {
            editable.Form.LocationKind = Junocal.Domain.Scheduling.LocationKind.CustomLink;
        }

        var saved = await ShowEditorAsync(dialogs, "Edit class", new DialogParameters<ClassEditorDialog>
        {
            { d => d.Options, options ?? await schedule.GetEditorOptionsAsync(CancellationToken.None) },
            { d => d.Form, editable.Form },
            { d => d.ClassId, classId },
            { d => d.Version, editable.Version },
            { d => d.CurrentLocationKind, current },
        });
        return (true, saved);
    }

    /// <returns>Whether the class was cancelled.</returns>
    public static async Task<bool> CancelClassAsync(this IDialogService dialogs, Guid classId, int version, string name)
    {
        var dialog = await dialogs.ShowAsync<CancelClassDialog>("Cancel class", new DialogParameters<CancelClassDialog>
        {
            { d => d.ClassId, classId },
            { d => d.Version, version },
            { d => d.ClassName, name },
        });
        return await dialog.Result is { Canceled: false };
    }

    private static async Task<CommandResult?> ShowEditorAsync(IDialogService dialogs, string title, DialogParameters<ClassEditorDialog> parameters)
    {
        var dialog = await dialogs.ShowAsync<ClassEditorDialog>(title, parameters, EditorSize);
        return await dialog.Result is { Canceled: false, Data: CommandResult saved } ? saved : null;
    }
}
