using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GoogleMeet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GoogleAccessTokens",
                columns: table => new
                {
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EncryptedToken = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoogleAccessTokens", x => x.StudioId);
                    table.ForeignKey(
                        name: "FK_GoogleAccessTokens_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoogleAuthorizationRequests",
                columns: table => new
                {
                    StateHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ProtectedVerifier = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RedirectUri = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoogleAuthorizationRequests", x => x.StateHash);
                    table.ForeignKey(
                        name: "FK_GoogleAuthorizationRequests_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoogleClassEvents",
                columns: table => new
                {
                    ClassSessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Generation = table.Column<int>(type: "int", nullable: false),
                    ConferenceId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ConferenceRequestedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    ConferenceRequest = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoogleClassEvents", x => x.ClassSessionId);
                    table.ForeignKey(
                        name: "FK_GoogleClassEvents_ClassSessions_ClassSessionId",
                        column: x => x.ClassSessionId,
                        principalTable: "ClassSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoogleConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GoogleSub = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: false),
                    EncryptedRefreshToken = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    GrantedScopes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ConnectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StatusReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CalendarId = table.Column<string>(type: "nvarchar(1024)", maxLength: 1024, nullable: true),
                    CalendarProblem = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    MeetUnavailable = table.Column<bool>(type: "bit", nullable: false),
                    CalendarCreateStartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SyncToken = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoogleConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GoogleConnections_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GoogleWatchChannels",
                columns: table => new
                {
                    ChannelId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ResourceId = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: true),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoogleWatchChannels", x => x.ChannelId);
                    table.ForeignKey(
                        name: "FK_GoogleWatchChannels_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GoogleAccessTokens_ExpiresAt",
                table: "GoogleAccessTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_GoogleAuthorizationRequests_ExpiresAt",
                table: "GoogleAuthorizationRequests",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_GoogleAuthorizationRequests_StudioId",
                table: "GoogleAuthorizationRequests",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_GoogleClassEvents_StudioId",
                table: "GoogleClassEvents",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_GoogleConnections_GoogleSub",
                table: "GoogleConnections",
                column: "GoogleSub",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GoogleConnections_StudioId",
                table: "GoogleConnections",
                column: "StudioId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GoogleWatchChannels_ExpiresAt",
                table: "GoogleWatchChannels",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_GoogleWatchChannels_StudioId",
                table: "GoogleWatchChannels",
                column: "StudioId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GoogleAccessTokens");

            migrationBuilder.DropTable(
                name: "GoogleAuthorizationRequests");

            migrationBuilder.DropTable(
                name: "GoogleClassEvents");

            migrationBuilder.DropTable(
                name: "GoogleConnections");

            migrationBuilder.DropTable(
                name: "GoogleWatchChannels");
        }
    }
}
