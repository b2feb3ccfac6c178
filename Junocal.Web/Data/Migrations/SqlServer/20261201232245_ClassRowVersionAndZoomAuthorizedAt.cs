using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClassRowVersionAndZoomAuthorizedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AuthorizedAt",
                table: "ZoomConnections",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Until now the only authorization a connection knew of was its first.
            migrationBuilder.Sql("UPDATE ZoomConnections SET AuthorizedAt = ConnectedAt;");

            migrationBuilder.AddColumn<int>(
                name: "RowVersion",
                table: "ClassSessions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections",
                column: "ZoomUserId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections");

            migrationBuilder.DropColumn(
                name: "AuthorizedAt",
                table: "ZoomConnections");

            migrationBuilder.DropColumn(
                name: "RowVersion",
                table: "ClassSessions");

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections",
                column: "ZoomUserId");
        }
    }
}
