using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.Sqlite
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

            migrationBuilder.AddColumn<long>(
                name: "AuthorizedAt",
                table: "ZoomConnections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Until now the only authorization a connection knew of was its first.
            migrationBuilder.Sql("UPDATE ZoomConnections SET AuthorizedAt = ConnectedAt;");

            migrationBuilder.AddColumn<int>(
                name: "RowVersion",
                table: "ClassSessions",
                type: "INTEGER",
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
