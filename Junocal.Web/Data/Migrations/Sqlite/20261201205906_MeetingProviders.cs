using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MeetingProviders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClassMeetings_ExternalId",
                table: "ClassMeetings");

            migrationBuilder.AddColumn<bool>(
                name: "MeetingDeletedAtProvider",
                table: "ClassSessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Provider",
                table: "ClassMeetings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Zoom"); // every meeting so far is a Zoom meeting

            // A meeting deleted at its provider no longer keeps a row: the class remembers that its link was removed.
            migrationBuilder.Sql(
                "UPDATE ClassSessions SET MeetingDeletedAtProvider = 1 " +
                "WHERE Id IN (SELECT ClassSessionId FROM ClassMeetings WHERE State = 'RemovedInZoom');");
            migrationBuilder.Sql("DELETE FROM ClassMeetings WHERE State = 'RemovedInZoom';");

            migrationBuilder.CreateIndex(
                name: "IX_ClassMeetings_Provider_ExternalId",
                table: "ClassMeetings",
                columns: new[] { "Provider", "ExternalId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClassMeetings_Provider_ExternalId",
                table: "ClassMeetings");

            migrationBuilder.DropColumn(
                name: "MeetingDeletedAtProvider",
                table: "ClassSessions");

            migrationBuilder.DropColumn(
                name: "Provider",
                table: "ClassMeetings");

            migrationBuilder.CreateIndex(
                name: "IX_ClassMeetings_ExternalId",
                table: "ClassMeetings",
                column: "ExternalId");
        }
    }
}
