using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdaptiveMonitor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Quality_FlagProbability",
                table: "Projects");

            migrationBuilder.AddColumn<double>(
                name: "Quality_PriorStrength",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 5.0);

            migrationBuilder.DropColumn(
                name: "Quality_ClearProbability",
                table: "Projects");

            migrationBuilder.AddColumn<double>(
                name: "Quality_Memory",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 150.0);

            migrationBuilder.AddColumn<double>(
                name: "OpportunitiesAfter",
                table: "TrainingAssignments",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeasedAt",
                table: "Tasks",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WorkSeconds",
                table: "Revisions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "OpportunitiesAtClear",
                table: "QualityFlags",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Quality_ClearEvidence",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 4.0);

            migrationBuilder.AddColumn<double>(
                name: "Quality_FlagEvidence",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 7.0);

            migrationBuilder.AddColumn<double>(
                name: "Quality_GoldRateMax",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.3);

            migrationBuilder.AddColumn<double>(
                name: "Quality_GoldRateMin",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.02);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpportunitiesAfter",
                table: "TrainingAssignments");

            migrationBuilder.DropColumn(
                name: "LeasedAt",
                table: "Tasks");

            migrationBuilder.DropColumn(
                name: "WorkSeconds",
                table: "Revisions");

            migrationBuilder.DropColumn(
                name: "OpportunitiesAtClear",
                table: "QualityFlags");

            migrationBuilder.DropColumn(
                name: "Quality_ClearEvidence",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_FlagEvidence",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_GoldRateMax",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_GoldRateMin",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "Quality_PriorStrength",
                table: "Projects");

            migrationBuilder.AddColumn<double>(
                name: "Quality_FlagProbability",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.95);

            migrationBuilder.DropColumn(
                name: "Quality_Memory",
                table: "Projects");

            migrationBuilder.AddColumn<double>(
                name: "Quality_ClearProbability",
                table: "Projects",
                type: "REAL",
                nullable: false,
                defaultValue: 0.2);
        }
    }
}
