using Junocal.Web.Jobs;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Junocal.Web.Data.Migrations.SqlServer
{
    /// <summary>Quartz's job store tables, from the script Quartz ships for SQL Server (idempotent).</summary>
    public partial class QuartzSchema : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in QuartzSqlServerSchema.CreateStatements())
            {
                migrationBuilder.Sql(statement);
            }
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in QuartzSqlServerSchema.TablesInDropOrder)
            {
                migrationBuilder.Sql($"IF OBJECT_ID(N'{table}', N'U') IS NOT NULL DROP TABLE {table};");
            }
        }
    }
}
