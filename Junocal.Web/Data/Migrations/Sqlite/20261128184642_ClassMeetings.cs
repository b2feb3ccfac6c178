using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClassMeetings",
                columns: table => new
                {
                    ClassSessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StudioId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    JoinUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Password = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SentFingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassMeetings", x => x.ClassSessionId);
                    table.ForeignKey(
                        name: "FK_ClassMeetings_ClassSessions_ClassSessionId",
                        column: x => x.ClassSessionId,
                        principalTable: "ClassSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClassMeetings_ExternalId",
                table: "ClassMeetings",
                column: "ExternalId");

            migrationBuilder.CreateIndex(
                name: "IX_ClassMeetings_State_NextAttemptAt",
                table: "ClassMeetings",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClassMeetings_StudioId",
                table: "ClassMeetings",
                column: "StudioId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClassMeetings");
        }
    }
}
