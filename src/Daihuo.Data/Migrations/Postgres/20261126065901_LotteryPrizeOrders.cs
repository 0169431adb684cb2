using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LotteryPrizeOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "Interaction_LotteryWinners",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PrizeOfferId",
                table: "Interaction_Lotteries",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "Interaction_LotteryWinners");

            migrationBuilder.DropColumn(
                name: "PrizeOfferId",
                table: "Interaction_Lotteries");
        }
    }
}
