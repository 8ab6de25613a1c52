using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class QualityLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks");

            migrationBuilder.AddColumn<int>(
                name: "GoldSourceTaskId",
                table: "Tasks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsGold",
                table: "Tasks",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "LabeledBy",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ReviewProbability",
                table: "Tasks",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewerId",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ClearProbability",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.2);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ErrorRateThreshold",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.1);

            migrationBuilder.AddColumn<double>(
                name: "Quality_FitIoU",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.75);

            migrationBuilder.AddColumn<double>(
                name: "Quality_FlagProbability",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.95);

            migrationBuilder.AddColumn<double>(
                name: "Quality_GoldRate",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.05);

            migrationBuilder.AddColumn<double>(
                name: "Quality_MatchIoU",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<int>(
                name: "Quality_MinOpportunities",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ReviewBaseRate",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.1);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ReviewCleanRate",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.05);

            migrationBuilder.AddColumn<int>(
                name: "Quality_ReviewCleanStreak",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ReviewFlaggedRate",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.5);

            migrationBuilder.AddColumn<int>(
                name: "Quality_ReviewNewLabelerTasks",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<string>(
                name: "Quality_TrainingMode",
                table: "Projects",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Nudge");

            migrationBuilder.AddColumn<int>(
                name: "Quality_TrapsPerGoldTask",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "GoldAnswers",
                columns: table => new
                {
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    Regions = table.Column<string>(type: "TEXT", nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GoldAnswers", x => x.TaskId);
                    table.ForeignKey(
                        name: "FK_GoldAnswers_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityChecks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: true),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckedBy = table.Column<string>(type: "TEXT", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityChecks_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelerId = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RateAtRaise = table.Column<double>(type: "REAL", nullable: false),
                    ProbabilityAtRaise = table.Column<double>(type: "REAL", nullable: false),
                    OpportunitiesAtRaise = table.Column<int>(type: "INTEGER", nullable: false),
                    ClearedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RateAtClear = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityFlags_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TaskId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewerId = table.Column<string>(type: "TEXT", nullable: false),
                    LabelerId = table.Column<string>(type: "TEXT", nullable: false),
                    Verdict = table.Column<int>(type: "INTEGER", nullable: false),
                    Fixes = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reviews_Tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "Tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TrainingAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelerId = table.Column<string>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FlagId = table.Column<int>(type: "INTEGER", nullable: true),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    BestScore = table.Column<double>(type: "REAL", nullable: true),
                    RateBefore = table.Column<double>(type: "REAL", nullable: false),
                    RateAfter = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TrainingAssignments_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QualityEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CheckId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Errors = table.Column<int>(type: "INTEGER", nullable: false),
                    Opportunities = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityEvents_QualityChecks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "QualityChecks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_GoldSourceTaskId_LabeledBy",
                table: "Tasks",
                columns: new[] { "GoldSourceTaskId", "LabeledBy" });

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks",
                columns: new[] { "ProjectId", "ImageSha256" },
                unique: true,
                filter: "\"GoldSourceTaskId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ReviewerId_Status",
                table: "Tasks",
                columns: new[] { "ReviewerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_ProjectId_SubjectId_At",
                table: "QualityChecks",
                columns: new[] { "ProjectId", "SubjectId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityChecks_TaskId",
                table: "QualityChecks",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityEvents_CheckId",
                table: "QualityEvents",
                column: "CheckId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityEvents_ProjectId_SubjectId_Code_At",
                table: "QualityEvents",
                columns: new[] { "ProjectId", "SubjectId", "Code", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityFlags_ProjectId_LabelerId_Code_RaisedAt",
                table: "QualityFlags",
                columns: new[] { "ProjectId", "LabelerId", "Code", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reviews_TaskId_RevisionNumber",
                table: "Reviews",
                columns: new[] { "TaskId", "RevisionNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAssignments_LabelerId_Status",
                table: "TrainingAssignments",
                columns: new[] { "LabelerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TrainingAssignments_ProjectId",
                table: "TrainingAssignments",
                column: "ProjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_Tasks_Tasks_GoldSourceTaskId",
                table: "Tasks",
                column: "GoldSourceTaskId",
                principalTable: "Tasks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Tasks_Tasks_GoldSourceTaskId",
                table: "Tasks");

            migrationBuilder.DropTable(
                name: "GoldAnswers");

            migrationBuilder.DropTable(
                name: "QualityEvents");

            migrationBuilder.DropTable(
                name: "QualityFlags");

            migrationBuilder.DropTable(
                name: "Reviews");

            migrationBuilder.DropTable(
                name: "TrainingAssignments");

            migrationBuilder.DropTable(
                name: "QualityChecks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_GoldSourceTaskId_LabeledBy",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks");

            migrationBuilder.DropIndex(
                name: "IX_Tasks_ReviewerId_Status",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "GoldSourceTaskId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "IsGold",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "LabeledBy",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReviewProbability",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "ReviewerId",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "Quality_ClearProbability",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ErrorRateThreshold",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_FitIoU",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_FlagProbability",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_GoldRate",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_MatchIoU",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_MinOpportunities",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ReviewBaseRate",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ReviewCleanRate",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ReviewCleanStreak",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ReviewFlaggedRate",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_ReviewNewLabelerTasks",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_TrainingMode",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_TrapsPerGoldTask",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Tasks_ProjectId_ImageSha256",
                table: "Tasks",
                columns: new[] { "ProjectId", "ImageSha256" },
                unique: true);
        }
    }
}
