using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Junocal.Tests.EndToEnd;

/// <summary>Steps in the scheduler's New class / Edit class dialog that several browser tests take.</summary>
internal static class ClassDialogSteps
{
    /// <summary>
    /// Picks the instructor and waits until the list has closed and the choice shows: a click on Save while the list's
    /// popover is still closing lands on its overlay and is lost.
    /// </summary>
    public static async Task PickInstructorAsync(IPage page, string name)
    {
        await page.Locator(".mud-dialog .mud-select .mud-input-control").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = name }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Instructor" })).ToContainTextAsync(name);
        await PageChecks.WaitForAnimationsAsync(page);
    }
}
