using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Promotions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Promo_Promotions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Terms = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promo_Promotions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Promo_CouponClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CouponId = table.Column<Guid>(type: "uuid", nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Limit = table.Column<int>(type: "integer", nullable: false),
                    PersonSeq = table.Column<int>(type: "integer", nullable: false),
                    PersonLimit = table.Column<int>(type: "integer", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    RedeemedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Promo_CouponClaims", x => x.Id);
                    table.CheckConstraint("CK_Promo_CouponClaims_PersonSeq", "\"PersonSeq\" >= 1 AND \"PersonSeq\" <= \"PersonLimit\"");
                    table.CheckConstraint("CK_Promo_CouponClaims_Seq", "\"Seq\" >= 1 AND \"Seq\" <= \"Limit\"");
                    table.ForeignKey(
                        name: "FK_Promo_CouponClaims_Promo_Promotions_CouponId",
                        column: x => x.CouponId,
                        principalTable: "Promo_Promotions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Promo_CouponClaims_CouponId_BuyerId_PersonSeq",
                table: "Promo_CouponClaims",
                columns: new[] { "CouponId", "BuyerId", "PersonSeq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Promo_CouponClaims_CouponId_Seq",
                table: "Promo_CouponClaims",
                columns: new[] { "CouponId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Promo_CouponClaims_OrderId",
                table: "Promo_CouponClaims",
                column: "OrderId",
                unique: true,
                filter: "\"OrderId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Promo_Promotions_SessionId_Active",
                table: "Promo_Promotions",
                columns: new[] { "SessionId", "Active" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Promo_CouponClaims");

            migrationBuilder.DropTable(
                name: "Promo_Promotions");
        }
    }
}
