using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ClassRowVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RowVersion",
                table: "ClassSessions",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RowVersion",
                table: "ClassSessions");
        }
    }
}
