using Junocal.Web.Email;

namespace Junocal.Tests.Email;

public class EmailOptionsValidatorValidate
{
    [Fact]
    public void AcceptsTheDefaults() =>
        Assert.True(new EmailOptionsValidator().Validate(null, new EmailOptions()).Succeeded);

    [Fact]
    public void AcceptsACompleteSmtpSetup() =>
        Assert.True(Validate(o =>
        {
            o.From = "Sunrise Pilates <hello@sunrise.example>";
            o.Smtp = new SmtpOptions { Host = "smtp.example.com", Port = 465, Security = SmtpSecurity.SslOnConnect, UserName = "apikey", Password = "secret" };
        }).Succeeded);

    [Theory]
    [InlineData("")]
    [InlineData("Junocal")]
    [InlineData("Junocal <no-reply>")]
    [InlineData("@junocal.test")]
    public void RefusesAFromThatIsNotAnAddress(string from) =>
        AssertFails(o => o.From = from, "Email:From");

    [Theory]
    [InlineData("smtp.example.com:587")]
    [InlineData("smtp://smtp.example.com")]
    [InlineData("smtp example com")]
    public void RefusesAHostWithAPortOrSchemeInIt(string host) =>
        AssertFails(o => o.Smtp.Host = host, "Put the port in Email:Smtp:Port");

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void RefusesAHostWithNoUsablePort(int port) =>
        AssertFails(o => o.Smtp = new SmtpOptions { Host = "smtp.example.com", Port = port }, "Email:Smtp:Port");

    [Fact]
    public void RefusesAUserNameWithoutAPassword() =>
        AssertFails(o => o.Smtp = new SmtpOptions { Host = "smtp.example.com", UserName = "apikey" }, "Email:Smtp:Password");

    [Fact]
    public void RefusesAPasswordWithoutAUserNameAndNeverRepeatsIt()
    {
        var result = Validate(o => o.Smtp = new SmtpOptions { Host = "smtp.example.com", Password = "hunter2" });

        Assert.Contains("Email:Smtp:UserName", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesAnUnknownSecurityMode() =>
        AssertFails(o => o.Smtp.Security = (SmtpSecurity)42, "Email:Smtp:Security");

    [Fact]
    public void RefusesAnEmptyPickupDirectory() =>
        AssertFails(o => o.PickupDirectory = " ", "Email:PickupDirectory");

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(Action<EmailOptions> change)
    {
        var options = new EmailOptions();
        change(options);
        return new EmailOptionsValidator().Validate(null, options);
    }

    private static void AssertFails(Action<EmailOptions> change, string mentioning)
    {
        var result = Validate(change);
        Assert.True(result.Failed);
        Assert.Contains(mentioning, result.FailureMessage, StringComparison.Ordinal);
    }
}
