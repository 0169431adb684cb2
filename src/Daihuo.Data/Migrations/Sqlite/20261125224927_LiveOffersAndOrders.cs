using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveOffersAndOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Live_Sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Live_Sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Live_Offers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SkuId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Price = table.Column<long>(type: "INTEGER", nullable: false),
                    Allocated = table.Column<int>(type: "INTEGER", nullable: false),
                    Sold = table.Column<int>(type: "INTEGER", nullable: false),
                    PerBuyerLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Live_Offers", x => x.Id);
                    table.CheckConstraint("CK_Live_Offers_Limit", "\"PerBuyerLimit\" >= 0");
                    table.CheckConstraint("CK_Live_Offers_Stock", "\"Sold\" >= 0 AND \"Sold\" <= \"Allocated\"");
                    table.ForeignKey(
                        name: "FK_Live_Offers_Catalog_Skus_SkuId",
                        column: x => x.SkuId,
                        principalTable: "Catalog_Skus",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Live_Offers_Live_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Live_Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Orders_Orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BuyerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitPrice = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    JournalVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders_Orders", x => x.Id);
                    table.CheckConstraint("CK_Orders_Orders_Quantity", "\"Quantity\" > 0");
                    table.ForeignKey(
                        name: "FK_Orders_Orders_Live_Offers_OfferId",
                        column: x => x.OfferId,
                        principalTable: "Live_Offers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Live_Offers_SessionId_SkuId",
                table: "Live_Offers",
                columns: new[] { "SessionId", "SkuId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Live_Offers_SkuId",
                table: "Live_Offers",
                column: "SkuId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_BuyerId_IdempotencyKey",
                table: "Orders_Orders",
                columns: new[] { "BuyerId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_OfferId_JournalVersion",
                table: "Orders_Orders",
                columns: new[] { "OfferId", "JournalVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_SessionId_Status",
                table: "Orders_Orders",
                columns: new[] { "SessionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Orders_Orders");

            migrationBuilder.DropTable(
                name: "Live_Offers");

            migrationBuilder.DropTable(
                name: "Live_Sessions");
        }
    }
}
