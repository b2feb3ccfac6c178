using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ZoomConnectionCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckDueAt",
                table: "ZoomConnections",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckMeetingId",
                table: "ZoomConnections",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CheckProblem",
                table: "ZoomConnections",
                type: "nvarchar(500)",
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
