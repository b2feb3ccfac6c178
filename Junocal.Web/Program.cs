using Junocal.Web.Components;
using Junocal.Web.Configuration;
using Junocal.Web.Data;
using Junocal.Web.Email;
using Junocal.Web.Features.Account;
using Junocal.Web.Features.Audit;
using Junocal.Web.Features.Bookings;
using Junocal.Web.Features.Demo;
using Junocal.Web.Features.Outbox;
using Junocal.Web.Features.Scheduling;
using Junocal.Web.Integrations;
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
    .AddJunocalUi()
    .AddDemoData()
    .AddMeetings()
    .AddScheduling()
    .AddBookings()
    .AddAuditLog()
    .AddOutbox()
    .AddEmail()
    .AddNotifications()
    .AddJobs()
    .AddSandboxWhenEnabled()
    .AddZoomIntegration();

var app = builder.Build();

app.UseTransportSecurity();
app.UseJunocalPipeline();
app.MapOperations();
app.MapAccountEndpoints();
app.MapBookingCalendar();
app.MapSandboxWhenEnabled();
app.MapZoomIntegration();
app.MapJunocalUi();

app.Run();
