using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Memberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "BookingPageSharedAt",
                table: "Studios",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "Studios",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReminderMinutesBefore",
                table: "Studios",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Slug",
                table: "Studios",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "ActiveStudioId",
                table: "AspNetUsers",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccountEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReferenceId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ReturnUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountEmails_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountEmails_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Memberships",
                columns: table => new
                {
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", nullable: false),
                    Role = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    PersonId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    JoinedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Memberships", x => new { x.StudioId, x.UserId });
                    table.ForeignKey(
                        name: "FK_Memberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Memberships_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Carry today's one-studio logins over: each user's studio and role become its membership there,
            // and that studio its active one. Existing studios get a unique slug the owner can change.
            // EXEC, so the idempotent script compiles before the new columns exist.
            migrationBuilder.Sql("""
                EXEC(N'INSERT INTO [Memberships] ([StudioId], [UserId], [Role], [PersonId], [Status], [JoinedAt])
                SELECT u.[StudioId], u.[Id], r.[Name], u.[PersonId], N''Active'', SYSDATETIMEOFFSET()
                FROM [AspNetUsers] u
                JOIN [AspNetUserRoles] ur ON ur.[UserId] = u.[Id]
                JOIN [AspNetRoles] r ON r.[Id] = ur.[RoleId]');
                """);
            migrationBuilder.Sql("EXEC(N'UPDATE [AspNetUsers] SET [ActiveStudioId] = [StudioId]');");
            migrationBuilder.Sql("EXEC(N'UPDATE [Studios] SET [Slug] = LOWER(REPLACE(CONVERT(nvarchar(36), [Id]), ''-'', ''''))');");

            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Studios_StudioId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_PersonId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_StudioId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PersonId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "StudioId",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Studios_Slug",
                table: "Studios",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ActiveStudioId",
                table: "AspNetUsers",
                column: "ActiveStudioId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountEmails_Status_NextAttemptAt",
                table: "AccountEmails",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountEmails_StudioId",
                table: "AccountEmails",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_AccountEmails_UserId_Kind_CreatedAt",
                table: "AccountEmails",
                columns: new[] { "UserId", "Kind", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_StudioId_PersonId",
                table: "Memberships",
                columns: new[] { "StudioId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UserId",
                table: "Memberships",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Studios_ActiveStudioId",
                table: "AspNetUsers",
                column: "ActiveStudioId",
                principalTable: "Studios",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Studios_ActiveStudioId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "AccountEmails");

            migrationBuilder.DropTable(
                name: "Memberships");

            migrationBuilder.DropIndex(
                name: "IX_Studios_Slug",
                table: "Studios");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ActiveStudioId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "BookingPageSharedAt",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "ReminderMinutesBefore",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "Slug",
                table: "Studios");

            migrationBuilder.DropColumn(
                name: "ActiveStudioId",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<Guid>(
                name: "PersonId",
                table: "AspNetUsers",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "StudioId",
                table: "AspNetUsers",
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PersonId",
                table: "AspNetUsers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_StudioId",
                table: "AspNetUsers",
                column: "StudioId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Studios_StudioId",
                table: "AspNetUsers",
                column: "StudioId",
                principalTable: "Studios",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
