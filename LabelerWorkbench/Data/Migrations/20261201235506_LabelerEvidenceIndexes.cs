using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LabelerWorkbench.Data.Migrations
{
    /// <inheritdoc />
    public partial class LabelerEvidenceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SuggestionOutcomes_DecidedBy",
                table: "SuggestionOutcomes",
                column: "DecidedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Revisions_SubmittedBy_Number",
                table: "Revisions",
                columns: new[] { "SubmittedBy", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SuggestionOutcomes_DecidedBy",
                table: "SuggestionOutcomes");

            migrationBuilder.DropIndex(
                name: "IX_Revisions_SubmittedBy_Number",
                table: "Revisions");
        }
    }
}
