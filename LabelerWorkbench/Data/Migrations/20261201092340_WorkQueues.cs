using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkQueues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "MonitoredAt",
                table: "QualityChecks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QueuedJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueuedJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Epoch = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceLeases", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_MonitoredAt",
                table: "QualityChecks",
                column: "MonitoredAt");

            migrationBuilder.CreateIndex(
                name: "IX_QueuedJobs_Queue_LeaseUntil",
                table: "QueuedJobs",
                columns: new[] { "Queue", "LeaseUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_QueuedJobs_Queue_Subject",
                table: "QueuedJobs",
                columns: new[] { "Queue", "Subject" },
                unique: true);

            // The old in-process monitor acted on every check stored so far; queued work moves into the new queue table.
            migrationBuilder.Sql("""UPDATE "QualityChecks" SET "MonitoredAt" = "At" WHERE "MonitoredAt" IS NULL""");
            migrationBuilder.Sql("""INSERT INTO "QueuedJobs" ("Queue", "Subject", "CreatedAt", "Attempts") SELECT 'preannotate', "Id", CURRENT_TIMESTAMP, 0 FROM "Tasks" WHERE "PreAnnotation" = 1""");
            migrationBuilder.Sql("""INSERT INTO "QueuedJobs" ("Queue", "Subject", "CreatedAt", "Attempts") SELECT 'export', "Id", CURRENT_TIMESTAMP, 0 FROM "ExportJobs" WHERE "Status" IN (0, 1)""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueuedJobs");

            migrationBuilder.DropTable(
                name: "ServiceLeases");

            migrationBuilder.DropIndex(
                name: "IX_QualityChecks_MonitoredAt",
                table: "QualityChecks");

            migrationBuilder.DropColumn(
                name: "MonitoredAt",
                table: "QualityChecks");
        }
    }
}
