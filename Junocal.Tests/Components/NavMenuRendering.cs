using System.Security.Claims;
using Bunit;
using Junocal.Domain.People;
using Junocal.Tests.Infrastructure;
using Junocal.Web.Components.Layout;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Junocal.Tests.Components;

/// <summary>The navigation each role sees, rendered with the app's real authorization policies.</summary>
public class NavMenuRendering : JunocalBunitContext
{
    public NavMenuRendering()
    {
        Services.AddAuthorizationCore(Policies.Add);
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production });
        // bUnit registers placeholders that refuse to authorize; the app's own policy evaluation is the point here.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
    }

    [Theory]
    [InlineData(Roles.Owner, new[] { "Schedule", "Clients", "People", "Studio settings", "Integrations", "Audit log" })]
    [InlineData(Roles.FrontDesk, new[] { "Schedule", "Clients" })]
    [InlineData(Roles.Instructor, new[] { "My classes" })]
    [InlineData(Roles.Client, new[] { "Classes", "My bookings" })]
    public void ShowsExactlyTheRolesPages(string role, string[] expected)
    {
        SignedInAs(role);

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<NavMenu>());

        var links = cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToArray();
        Assert.Equal(expected, links);
    }

    [Fact]
    public void LinksTheOwnerToPeopleSettingsIntegrationsAndTheAuditLog()
    {
        SignedInAs(Roles.Owner);

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<NavMenu>());

        var hrefs = cut.FindAll("a.mud-nav-link").Select(a => a.GetAttribute("href")).ToArray();
        Assert.Equal(["/schedule", "/clients", "/people", "/settings/studio", "/settings/integrations", "/audit"], hrefs);
    }

    [Fact]
    public void AddsTheOutboxForTheOwnerInDevelopment()
    {
        Services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Development });
        SignedInAs(Roles.Owner);

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<NavMenu>());

        Assert.Contains("Outbox", cut.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void ShowsNothingToAnAnonymousVisitor()
    {
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(new ClaimsIdentity())));

        var cut = Render<CascadingAuthenticationState>(p => p.AddChildContent<NavMenu>());

        Assert.Empty(cut.FindAll("a.mud-nav-link"));
    }

    private void SignedInAs(string role)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone@example.com"), new Claim(ClaimTypes.Role, role)], "test");
        Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthenticationState(new ClaimsPrincipal(identity)));
    }

    private sealed class FixedAuthenticationState(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
