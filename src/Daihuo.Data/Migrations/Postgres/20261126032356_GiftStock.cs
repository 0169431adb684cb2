using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GiftStock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Promo_GiftGrants",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GiftId = table.Column<Guid>(type: "uuid", nullable: false),
                    ForId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    Limit = table.Column<int>(type: "integer", nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promo_GiftGrants", x => x.Id);
                    table.CheckConstraint("CK_Promo_GiftGrants_Slot", "\"Slot\" >= 1 AND \"Slot\" <= \"Limit\"");
                    table.ForeignKey(
                        name: "FK_Promo_GiftGrants_Promo_Promotions_GiftId",
                        column: x => x.GiftId,
                        principalTable: "Promo_Promotions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Promo_GiftGrants_ForId",
                table: "Promo_GiftGrants",
                column: "ForId");

            migrationBuilder.CreateIndex(
                name: "IX_Promo_GiftGrants_GiftId_Slot",
                table: "Promo_GiftGrants",
                columns: new[] { "GiftId", "Slot" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Promo_GiftGrants");
        }
    }
}
