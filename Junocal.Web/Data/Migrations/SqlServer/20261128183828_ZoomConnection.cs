using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ZoomConnection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ZoomAccessTokens",
                columns: table => new
                {
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    EncryptedToken = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZoomAccessTokens", x => x.StudioId);
                    table.ForeignKey(
                        name: "FK_ZoomAccessTokens_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ZoomAuthorizationRequests",
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
                    table.PrimaryKey("PK_ZoomAuthorizationRequests", x => x.StateHash);
                    table.ForeignKey(
                        name: "FK_ZoomAuthorizationRequests_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ZoomConnections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StudioId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ZoomUserId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ZoomAccountId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ZoomEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    EncryptedRefreshToken = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    GrantedScopes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ConnectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    StatusReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RefreshLeaseUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZoomConnections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ZoomConnections_Studios_StudioId",
                        column: x => x.StudioId,
                        principalTable: "Studios",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAccessTokens_ExpiresAt",
                table: "ZoomAccessTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAuthorizationRequests_ExpiresAt",
                table: "ZoomAuthorizationRequests",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomAuthorizationRequests_StudioId",
                table: "ZoomAuthorizationRequests",
                column: "StudioId");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_StudioId",
                table: "ZoomConnections",
                column: "StudioId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_ZoomAccountId",
                table: "ZoomConnections",
                column: "ZoomAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections",
                column: "ZoomUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZoomAccessTokens");

            migrationBuilder.DropTable(
                name: "ZoomAuthorizationRequests");

            migrationBuilder.DropTable(
                name: "ZoomConnections");
        }
    }
}
