using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ZoomAuthorizedAtAndOneStudioPerZoomUser : Migration
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

            migrationBuilder.CreateIndex(
                name: "IX_ZoomConnections_ZoomUserId",
                table: "ZoomConnections",
                column: "ZoomUserId");
        }
    }
}
