using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LabelerWorkbench.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeadReturnsAndDeliveryRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "WebhookDeliveries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LeadReturns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TaskId = table.Column<int>(type: "integer", nullable: false),
                    RevisionNumber = table.Column<int>(type: "integer", nullable: false),
                    LeadId = table.Column<string>(type: "text", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LeadReturns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LeadReturns_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_TaskId_Revision",
                table: "WebhookDeliveries",
                columns: new[] { "TaskId", "Revision" });

            migrationBuilder.CreateIndex(
                name: "IX_LeadReturns_TaskId_RevisionNumber",
                table: "LeadReturns",
                columns: new[] { "TaskId", "RevisionNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LeadReturns");

            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_TaskId_Revision",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "WebhookDeliveries");
        }
    }
}
