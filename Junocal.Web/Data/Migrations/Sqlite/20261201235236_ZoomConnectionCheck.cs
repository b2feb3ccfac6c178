using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ZoomConnectionCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CheckDueAt",
                table: "ZoomConnections",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckMeetingId",
                table: "ZoomConnections",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckProblem",
                table: "ZoomConnections",
                type: "TEXT",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckDueAt",
                table: "ZoomConnections");

            migrationBuilder.DropColumn(
                name: "CheckMeetingId",
                table: "ZoomConnections");

            migrationBuilder.DropColumn(
                name: "CheckProblem",
                table: "ZoomConnections");
        }
    }
}
