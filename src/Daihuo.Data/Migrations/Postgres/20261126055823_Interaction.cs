using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
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
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "Live_RoomEvents",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Verdict",
                table: "Live_RoomEvents",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Interaction_Answers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Keywords = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Answer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Answers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_Lotteries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsTest = table.Column<bool>(type: "boolean", nullable: false),
                    Prize = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PrizeValue = table.Column<long>(type: "bigint", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    CouponId = table.Column<Guid>(type: "uuid", nullable: true),
                    Keyword = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MustFollow = table.Column<bool>(type: "boolean", nullable: false),
                    WatchMinutes = table.Column<int>(type: "integer", nullable: false),
                    MustHaveBought = table.Column<bool>(type: "boolean", nullable: false),
                    Terms = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Seed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Entries = table.Column<string>(type: "text", nullable: true),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Lotteries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_Tallies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsTest = table.Column<bool>(type: "boolean", nullable: false),
                    Prefix = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Options = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Goal = table.Column<int>(type: "integer", nullable: true),
                    GatedFlash = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    GateActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    GateActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GateFiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinalCounts = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_Tallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_ViewerBans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ViewerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ViewerName = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interaction_ViewerBans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Interaction_LotteryWinners",
                columns: table => new
                {
                    LotteryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BuyerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CouponClaimId = table.Column<Guid>(type: "uuid", nullable: true)
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
