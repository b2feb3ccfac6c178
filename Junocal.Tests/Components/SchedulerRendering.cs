using Bunit;
using Junocal.Tests.Infrastructure;
using Junocal.Tests.Integrations.Zoom;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Junocal.Tests.Components;

/// <summary>The scheduler's components over the real services and database, signed in as a given role.</summary>
[Collection(SharedAppHost.Name)]
public class SchedulerRendering(JunocalApp app) : JunocalBunitContext, IAsyncLifetime
{
    private AsyncServiceScope _scope;

    public async ValueTask InitializeAsync() => await app.ResetAsync();

    [Fact]
    public async Task TheDialogShowsEachFieldsMessageBesideItAndStaysOpen()
    {
        await SignInAsync(DemoSeeder.OwnerEmail);
        var options = await _scope.ServiceProvider.GetRequiredService<ScheduleService>().GetEditorOptionsAsync(CancellationToken.None);
        var cut = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var form = new ClassForm { Name = "", DurationMinutes = 2, Capacity = 0, Room = "" };

        await cut.InvokeAsync(() => dialogs.ShowAsync<ClassEditorDialog>("New class", new DialogParameters<ClassEditorDialog>
        {
            { d => d.Options, options },
            { d => d.Form, form },
        }));
        cut.Find("[data-testid=save]").Click();

        cut.WaitForAssertion(() =>
        {
            var messages = cut.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).ToList();
            Assert.Contains("Class name is required.", messages);
            Assert.Contains("Duration must be between 5 and 600 minutes.", messages);
            Assert.Contains("Capacity must be between 1 and 1000.", messages);
            Assert.Contains("Room is required.", messages);
            Assert.Contains("Choose an instructor.", messages);
        });
        Assert.NotEmpty(cut.FindAll("[data-testid=save]"));
    }

    [Fact]
    public async Task TheOwnerSeesTheEditControls()
    {
        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = RenderSchedule();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=week-class]")));
        cut.Find("[data-testid=view-list]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=edit-class]")));
        Assert.NotEmpty(cut.FindAll("[data-testid=new-class]"));
    }

    [Fact]
    public async Task TheFrontDeskReadsTheScheduleWithoutEditControls()
    {
        await SignInAsync(DemoSeeder.FrontDeskEmail);

        var cut = RenderSchedule();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=week-class]")));
        cut.Find("[data-testid=view-list]").Click();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=class-row]")));
        Assert.Empty(cut.FindAll("[data-testid=new-class]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-class]"));
        Assert.Empty(cut.FindAll("[data-testid=cancel-class]"));
    }

    [Fact]
    public async Task TheOwnerSeesTheReconnectBannerOnceZoomRevokedTheGrant()
    {
        await ZoomFlow.ConnectOwnerAsync(app);
        await app.Services.LoseGrantAsync(await app.Services.StudioIdAsync());
        await SignInAsync(DemoSeeder.OwnerEmail);

        var cut = RenderSchedule();

        cut.WaitForAssertion(() => Assert.StartsWith("Reconnect required:", cut.Find("[data-testid=reconnect-banner]").TextContent.Trim(), StringComparison.Ordinal));
        Assert.Equal("/settings/integrations", cut.Find("[data-testid=reconnect-banner] a").GetAttribute("href"));
    }

    [Fact]
    public async Task TheListRangeReachesClassesBeyondTwoWeeks()
    {
        await TestClasses.AddAsync(app, "Far Future Flow", DateTimeOffset.UtcNow.AddDays(22), 8, Junocal.Domain.Scheduling.Location.InPerson("Studio A"));
        await SignInAsync(DemoSeeder.OwnerEmail);
        var cut = RenderSchedule();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=week-class]")));
        cut.Find("[data-testid=view-list]").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=class-row]")));
        Assert.DoesNotContain(cut.FindAll("[data-testid=class-row]"), row => row.TextContent.Contains("Far Future Flow", StringComparison.Ordinal));

        cut.FindAll(".mud-select .mud-select-input")[0].MouseDown();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("div.mud-list-item")));
        cut.FindAll("div.mud-list-item").Single(item => item.TextContent.Contains("3 months", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=class-row]"),
            row => row.TextContent.Contains("Far Future Flow", StringComparison.Ordinal)));
    }

    private IRenderedComponent<ContainerFragment> RenderSchedule() =>
        Render<ContainerFragment>(p => p.AddChildContent(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<MudSnackbarProvider>(2);
            b.CloseComponent();
            b.OpenComponent<Schedule>(3);
            b.CloseComponent();
        }));

    private async Task SignInAsync(string email) =>
        _scope = await UseServicesOfAsync(app, email, typeof(CurrentUser), typeof(ScheduleService), typeof(ClassScheduler), typeof(Junocal.Web.Features.Studios.FirstSteps));

    public sealed class ContainerFragment : ComponentBase
    {
        [Parameter] public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, ChildContent);
    }
}
