using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Interaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CommentSeq",
                table: "Live_RoomEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Live_RoomEvents",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Verdict",
                table: "Live_RoomEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Interaction_Answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Keywords = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_Lotteries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Prize = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PrizeValue = table.Column<long>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    CouponId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MustFollow = table.Column<bool>(type: "INTEGER", nullable: false),
                    WatchMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MustHaveBought = table.Column<bool>(type: "INTEGER", nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Entries = table.Column<string>(type: "TEXT", nullable: true),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Lotteries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_Tallies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsTest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Prefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Options = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Goal = table.Column<int>(type: "INTEGER", nullable: true),
                    GatedFlash = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GateActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GateActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    GateFiredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinalCounts = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Tallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_ViewerBans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ViewerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ViewerName = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    LiftedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_ViewerBans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_LotteryWinners",
                columns: table => new
                {
                    LotteryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BuyerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    CouponClaimId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_LotteryWinners", x => new { x.LotteryId, x.Rank });
                    table.ForeignKey(
                        name: "FK_Interaction_LotteryWinners_Interaction_Lotteries_LotteryId",
                        column: x => x.LotteryId,
                        principalTable: "Interaction_Lotteries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Interaction_Lotteries_SessionId_IsTest",
                table: "Interaction_Lotteries",
                columns: new[] { "SessionId", "IsTest" });

            migrationBuilder.CreateIndex(
                name: "IX_Interaction_Lotteries_Status_DrawAt",
                table: "Interaction_Lotteries",
                columns: new[] { "Status", "DrawAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Interaction_LotteryWinners_LotteryId_BuyerId",
                table: "Interaction_LotteryWinners",
                columns: new[] { "LotteryId", "BuyerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interaction_Tallies_SessionId_IsTest",
                table: "Interaction_Tallies",
                columns: new[] { "SessionId", "IsTest" });

            migrationBuilder.CreateIndex(
                name: "IX_Interaction_ViewerBans_ViewerId",
                table: "Interaction_ViewerBans",
                column: "ViewerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Interaction_Answers");

            migrationBuilder.DropTable(
                name: "Interaction_LotteryWinners");

            migrationBuilder.DropTable(
                name: "Interaction_Tallies");

            migrationBuilder.DropTable(
                name: "Interaction_ViewerBans");

            migrationBuilder.DropTable(
                name: "Interaction_Lotteries");

            migrationBuilder.DropColumn(
                name: "CommentSeq",
                table: "Live_RoomEvents");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "Live_RoomEvents");

            migrationBuilder.DropColumn(
                name: "Verdict",
                table: "Live_RoomEvents");
        }
    }
}
