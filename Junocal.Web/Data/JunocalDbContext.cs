using Junocal.Domain;
using Junocal.Domain.Auditing;
using Junocal.Domain.Meetings;
using Junocal.Domain.People;
using Junocal.Domain.Scheduling;
using Junocal.Domain.Studios;
using Junocal.Web.Integrations.GoogleMeet;
using Junocal.Web.Integrations.Zoom;
using Junocal.Web.Meetings;
using Junocal.Web.Notifications;
using Junocal.Web.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Junocal.Web.Data;

/// <summary>
/// The one database of Junocal: studio data, Identity and Data Protection keys. Each provider has a subtype
/// carrying its own migrations (<see cref="SqliteJunocalDbContext"/>, <see cref="SqlServerJunocalDbContext"/>).
/// </summary>
/// <remarks>
/// Studio-owned rows are filtered to <see cref="ScopedStudioId"/>. A new context sees no studio's data until
/// a factory scopes it: <see cref="StudioScopedDbContextFactory"/> for the signed-in user,
/// <see cref="SystemDbContextFactory"/> for work that spans studios (start-up, jobs, webhooks).
/// </remarks>
public abstract class JunocalDbContext(DbContextOptions options) : IdentityDbContext<JunocalUser>(options), IDataProtectionKeyContext
{
    internal Guid ScopedStudioId { get; set; }

    internal bool IsUnscoped { get; set; }

    public DbSet<Studio> Studios => Set<Studio>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<AccountEmail> AccountEmails => Set<AccountEmail>();
    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ClassSession> ClassSessions => Set<ClassSession>();
    public DbSet<Booking> Bookings => Set<Booking>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<ClassMeeting> ClassMeetings => Set<ClassMeeting>();
    public DbSet<MeetingStamp> MeetingStamps => Set<MeetingStamp>();
    public DbSet<MeetingQuotaPause> MeetingQuotaPauses => Set<MeetingQuotaPause>();
    public DbSet<MeetingCreateIntent> MeetingCreateIntents => Set<MeetingCreateIntent>();
    public DbSet<ZoomConnection> ZoomConnections => Set<ZoomConnection>();
    public DbSet<ZoomAccessToken> ZoomAccessTokens => Set<ZoomAccessToken>();
    public DbSet<ZoomAuthorizationRequest> ZoomAuthorizationRequests => Set<ZoomAuthorizationRequest>();
    public DbSet<GoogleConnection> GoogleConnections => Set<GoogleConnection>();
    public DbSet<GoogleAccessToken> GoogleAccessTokens => Set<GoogleAccessToken>();
    public DbSet<GoogleAuthorizationRequest> GoogleAuthorizationRequests => Set<GoogleAuthorizationRequest>();
    public DbSet<GoogleWatchChannel> GoogleWatchChannels => Set<GoogleWatchChannel>();
    public DbSet<GoogleClassEvent> GoogleClassEvents => Set<GoogleClassEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(JunocalDbContext).Assembly);

        builder.Entity<Studio>().HasQueryFilter(s => IsUnscoped || s.Id == ScopedStudioId);
        ScopeToStudio<Membership>(builder);
        ScopeToStudio<StaffMember>(builder);
        ScopeToStudio<Client>(builder);
        ScopeToStudio<Invitation>(builder);
        ScopeToStudio<ClassSession>(builder);
        ScopeToStudio<Booking>(builder);
        ScopeToStudio<AuditEntry>(builder);
        ScopeToStudio<OutboxEmail>(builder);
        ScopeToStudio<ClassMeeting>(builder);
        ScopeToStudio<MeetingStamp>(builder);
        ScopeToStudio<MeetingQuotaPause>(builder);
        ScopeToStudio<MeetingCreateIntent>(builder);
        ScopeToStudio<ZoomConnection>(builder);
        ScopeToStudio<ZoomAccessToken>(builder);
        ScopeToStudio<ZoomAuthorizationRequest>(builder);
        ScopeToStudio<GoogleConnection>(builder);
        ScopeToStudio<GoogleAccessToken>(builder);
        ScopeToStudio<GoogleAuthorizationRequest>(builder);
        ScopeToStudio<GoogleWatchChannel>(builder);
        ScopeToStudio<GoogleClassEvent>(builder);
    }

    private void ScopeToStudio<TEntity>(ModelBuilder builder) where TEntity : class, IStudioOwned =>
        builder.Entity<TEntity>().HasQueryFilter(e => IsUnscoped || e.StudioId == ScopedStudioId);
}
