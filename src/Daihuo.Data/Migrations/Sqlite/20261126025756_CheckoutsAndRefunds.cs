using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CheckoutsAndRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CheckoutId",
                table: "Orders_Payments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CheckoutId",
                table: "Orders_Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CheckoutLines",
                table: "Orders_Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Refunded",
                table: "Orders_Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "RefundedUnits",
                table: "Orders_Orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Orders_Refunds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrderId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CheckoutId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Units = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders_Refunds", x => x.Id);
                    table.CheckConstraint("CK_Orders_Refunds_Units", "\"Units\" > 0");
                    table.ForeignKey(
                        name: "FK_Orders_Refunds_Orders_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders_Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Payments_CheckoutId",
                table: "Orders_Payments",
                column: "CheckoutId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Orders_CheckoutId",
                table: "Orders_Orders",
                column: "CheckoutId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Orders_Orders_Refunded",
                table: "Orders_Orders",
                sql: "\"RefundedUnits\" >= 0 AND \"RefundedUnits\" <= \"Quantity\"");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Refunds_OrderId",
                table: "Orders_Refunds",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Orders_Refunds");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Payments_CheckoutId",
                table: "Orders_Payments");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Orders_CheckoutId",
                table: "Orders_Orders");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Orders_Orders_Refunded",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "CheckoutId",
                table: "Orders_Payments");

            migrationBuilder.DropColumn(
                name: "CheckoutId",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "CheckoutLines",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "Refunded",
                table: "Orders_Orders");

            migrationBuilder.DropColumn(
                name: "RefundedUnits",
                table: "Orders_Orders");
        }
    }
}
