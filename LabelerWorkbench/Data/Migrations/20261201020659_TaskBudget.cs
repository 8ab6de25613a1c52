using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class TaskBudget : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PointCount",
                table: "DraftRegions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Regions saved before the column existed: count their points from the JSON array they are stored as.
            migrationBuilder.Sql("UPDATE \"DraftRegions\" SET \"PointCount\" = json_array_length(\"Points\");");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PointCount",
                table: "DraftRegions");
        }
    }
}
