using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class Consensus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReplicaDeadline",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplicaLabelerId",
                table: "Tasks",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplicaOfTaskId",
                table: "Tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReplicasWanted",
                table: "Tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing projects get the policy's defaults (overlap off), so that saving their policy later passes its checks.
            migrationBuilder.AddColumn<double>(
                name: "Quality_ConsensusAgreementThreshold",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.8);

            migrationBuilder.AddColumn<double>(
                name: "Quality_OverlapDeadlineHours",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 24.0);

            migrationBuilder.AddColumn<int>(
                name: "Quality_OverlapMode",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Quality_OverlapReplicas",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<double>(
                name: "Quality_OverlapShare",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.1);

            migrationBuilder.CreateTable(
                name: "ConsensusResults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Replicas = table.Column<int>(type: "INTEGER", nullable: false),
                    Agreement = table.Column<double>(type: "REAL", nullable: false),
                    Disputed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsensusResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsensusResults_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks",
                columns: new[] { "ProjectId", "ImageSha256" },
                unique: true,
                filter: "\"GoldSourceTaskId\" IS NULL AND \"ReplicaOfTaskId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ProjectId_ReplicasWanted_Status",
                table: "Tasks",
                columns: new[] { "ProjectId", "ReplicasWanted", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ReplicaOfTaskId_ReplicaLabelerId",
                table: "Tasks",
                columns: new[] { "ReplicaOfTaskId", "ReplicaLabelerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsensusResults_ProjectId_MergedAt",
                table: "ConsensusResults",
                columns: new[] { "ProjectId", "MergedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsensusResults_TaskId",
                table: "ConsensusResults",
                column: "TaskId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Tasks_Tasks_ReplicaOfTaskId",
                table: "Tasks",
                column: "ReplicaOfTaskId",
                principalTable: "Tasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Tasks_Tasks_ReplicaOfTaskId",
                table: "Tasks");

            migrationBuilder.DropTable(
                name: "ConsensusResults");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ProjectId_ReplicasWanted_Status",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ReplicaOfTaskId_ReplicaLabelerId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReplicaDeadline",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReplicaLabelerId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReplicaOfTaskId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReplicasWanted",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Quality_ConsensusAgreementThreshold",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_OverlapDeadlineHours",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_OverlapMode",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_OverlapReplicas",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_OverlapShare",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks",
                columns: new[] { "ProjectId", "ImageSha256" },
                unique: true,
                filter: "\"GoldSourceTaskId\" IS NULL");
        }
    }
}
