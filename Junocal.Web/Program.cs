using Junocal.Web.Components;
using Junocal.Web.Configuration;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Clients;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Outbox;
using Junocal.Web.Features.People;
using Junocal.Web.Features.PublicBooking;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Features.Studios;
using Junocal.Web.Integrations;
using Junocal.Web.Integrations.GoogleMeet;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Jobs;
using Junocal.Web.Notifications;
using Junocal.Web.Meetings;
using Junocal.Web.Operations;
using Junocal.Web.Security;
using Junocal.Web.Security.Transport;

var builder = WebApplication.CreateBuilder(args);

builder.AddJunocalConfiguration()
    .AddOperations()
    .AddJunocalData()
    .AddJunocalSecurity()
    .AddTransportSecurity()
    .AddAccounts()
    .AddStudios()
    .AddJunocalUi()
    .AddDemoData()
    .AddMeetings()
    .AddScheduling()
    .AddBookings()
    .AddClients()
    .AddPeople()
    .AddPublicBooking()
    .AddAuditLog()
    .AddOutbox()
    .AddEmail()
    .AddNotifications()
    .AddJobs()
    .AddSandboxWhenEnabled()
    .AddZoomIntegration()
    .AddGoogleMeetIntegration();

var app = builder.Build();
if (await app.RunIfAskedAsync(args) is { } exitCode)
{
    return exitCode;
}

app.UseTransportSecurity();
app.UseJunocalPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapBookingCalendar();
app.MapSandboxWhenEnabled();
app.MapZoomIntegration();
app.MapGoogleMeetIntegration();
app.MapJunocalUi();

await app.RunAsync();
return 0;
