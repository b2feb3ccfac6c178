using Junocal.Web.Features.Account;
using Junocal.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Junocal.Web.Features.Studios;

/// <summary>
/// <c>create-studio --name … --time-zone … --owner-name … --owner-email …</c> with the password in
/// <c>JUNOCAL_OWNER_PASSWORD</c> (or <c>--owner-password</c>): creates a studio and its owner without the sign-up page,
/// for a deployment that turns sign-up off. The owner's email counts as confirmed; whoever runs the command vouches for it.
/// </summary>
public static class CreateStudioCommand
{
    public const string Name = "create-studio";
    public const string PasswordVariable = "JUNOCAL_OWNER_PASSWORD";

    /// <returns>Null when the arguments ask for no command; otherwise the process exit code.</returns>
    public static async Task<int?> RunIfAskedAsync(this WebApplication app, string[] args)
    {
        if (args.FirstOrDefault() != Name)
        {
            return null;
        }

        var options = Options(args);
        var form = new StudioSignupForm
        {
            StudioName = options.GetValueOrDefault("name") ?? "",
            TimeZoneId = options.GetValueOrDefault("time-zone") ?? "",
            OwnerName = options.GetValueOrDefault("owner-name") ?? "",
            Email = options.GetValueOrDefault("owner-email") ?? "",
            Password = options.GetValueOrDefault("owner-password") ?? Environment.GetEnvironmentVariable(PasswordVariable) ?? "",
        };

        // Migrate (and seed, if asked) exactly as a normal start would, without serving requests.
        foreach (var startup in app.Services.GetServices<IHostedService>().OfType<Data.DatabaseInitializer>())
        {
            await startup.StartAsync(CancellationToken.None);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StudioSignup>().CreateAsync(form, CancellationToken.None);
        if (!result.Succeeded)
        {
            foreach (var (field, message) in result.Errors)
            {
                await Console.Error.WriteLineAsync($"{(field.Length == 0 ? "" : OptionFor(field) + ": ")}{message}");
            }

            return 1;
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<JunocalUser>>();
        var owner = await users.FindByIdAsync(result.UserId!);
        owner!.EmailConfirmed = true;
        await users.UpdateAsync(owner);
        await Console.Out.WriteLineAsync($"Created the studio \"{form.StudioName.Trim()}\". {owner.Email} can sign in now.");
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = args[i + 1];
            }
        }

        return options;
    }

    private static string OptionFor(string field) => field switch
    {
        StudioSignup.StudioNameField => "--name",
        StudioSignup.TimeZoneField => "--time-zone",
        StudioSignup.OwnerNameField => "--owner-name",
        AccountService.EmailField => "--owner-email",
        AccountService.PasswordField => "the password",
        _ => field,
    };
}
