using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Daihuo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiveSessionDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BackupStreamUrl",
                table: "Live_Sessions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EndedAt",
                table: "Live_Sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HostName",
                table: "Live_Sessions",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PlannedMinutes",
                table: "Live_Sessions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PlannedStart",
                table: "Live_Sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Room",
                table: "Live_Sessions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StartedAt",
                table: "Live_Sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StreamUrl",
                table: "Live_Sessions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "Live_Offers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "Listed",
                table: "Live_Offers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ShelfOrder",
                table: "Live_Offers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_Live_Sessions_Room",
                table: "Live_Sessions",
                column: "Room");

            migrationBuilder.CreateIndex(
                name: "IX_Live_Sessions_Status_PlannedStart",
                table: "Live_Sessions",
                columns: new[] { "Status", "PlannedStart" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Live_Sessions_Room",
                table: "Live_Sessions");

            migrationBuilder.DropIndex(
                name: "IX_Live_Sessions_Status_PlannedStart",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "BackupStreamUrl",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "HostName",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "PlannedMinutes",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "PlannedStart",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "Room",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "StreamUrl",
                table: "Live_Sessions");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "Live_Offers");

            migrationBuilder.DropColumn(
                name: "Listed",
                table: "Live_Offers");

            migrationBuilder.DropColumn(
                name: "ShelfOrder",
                table: "Live_Offers");
        }
    }
}
