using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookDeliveryRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "WebhookDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_TaskId_Revision",
                table: "WebhookDeliveries",
                columns: new[] { "TaskId", "Revision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_TaskId_Revision",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "WebhookDeliveries");
        }
    }
}
