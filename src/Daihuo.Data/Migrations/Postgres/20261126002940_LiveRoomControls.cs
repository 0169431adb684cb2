using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveRoomControls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_Orders_BuyerId_IdempotencyKey",
                table: "Orders_Orders");

            migrationBuilder.DropIndex(
                name: "IX_Live_Offers_SessionId_SkuId",
                table: "Live_Offers");

            migrationBuilder.AddColumn<string>(
                name: "BuyerName",
                table: "Orders_Orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BuyerPhone",
                table: "Orders_Orders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsTest",
                table: "Orders_Orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ShipAddress",
                table: "Orders_Orders",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShipName",
                table: "Orders_Orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShipPhone",
                table: "Orders_Orders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnBackupStream",
                table: "Live_Sessions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "PinnedOfferId",
                table: "Live_Sessions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FlashEndsAt",
                table: "Live_Offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "FlashStartsAt",
                table: "Live_Offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Live_RoomEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    IsTest = table.Column<bool>(type: "boolean", nullable: false),
                    ViewerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ViewerName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OfferId = table.Column<Guid>(type: "uuid", nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Text = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Live_RoomEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_OfferId_BuyerId_IdempotencyKey",
                table: "Orders_Orders",
                columns: new[] { "OfferId", "BuyerId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_PlacedAt",
                table: "Orders_Orders",
                column: "PlacedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Live_Offers_SessionId_SkuId",
                table: "Live_Offers",
                columns: new[] { "SessionId", "SkuId" },
                unique: true,
                filter: "\"FlashStartsAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Live_RoomEvents_SessionId_IsTest_Kind",
                table: "Live_RoomEvents",
                columns: new[] { "SessionId", "IsTest", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Live_RoomEvents");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Orders_OfferId_BuyerId_IdempotencyKey",
                table: "Orders_Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Orders_PlacedAt",
                table: "Orders_Orders");

            migrationBuilder.DropIndex(
                name: "IX_Live_Offers_SessionId_SkuId",
                table: "Live_Offers");

            migrationBuilder.DropColumn(
                name: "BuyerName",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "BuyerPhone",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "IsTest",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "ShipAddress",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "ShipName",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "ShipPhone",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "OnBackupStream",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "PinnedOfferId",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "FlashEndsAt",
                table: "Live_Offers");

            migrationBuilder.DropColumn(
                name: "FlashStartsAt",
                table: "Live_Offers");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_BuyerId_IdempotencyKey",
                table: "Orders_Orders",
                columns: new[] { "BuyerId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Live_Offers_SessionId_SkuId",
                table: "Live_Offers",
                columns: new[] { "SessionId", "SkuId" },
                unique: true);
        }
    }
}
