using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LabelerWorkbench.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QueuedJobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Queue = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Subject = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueuedJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Holder = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Epoch = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
