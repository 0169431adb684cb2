using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Daihuo.Data.Catalog;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("Catalog_Categories");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.NameZh).HasMaxLength(40);
        builder.Property(c => c.NameEn).HasMaxLength(60);
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Catalog_Products");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Code).HasMaxLength(32);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(60);
        builder.Property(p => p.CategoryCode).HasMaxLength(32);
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Brand).HasMaxLength(40);
        builder.Property(p => p.Supplier).HasMaxLength(60);
        builder.Property(p => p.Description).HasMaxLength(2000);
        builder.Property(p => p.FabeFeature).HasMaxLength(300);
        builder.Property(p => p.FabeAdvantage).HasMaxLength(300);
        builder.Property(p => p.FabeBenefit).HasMaxLength(300);
        builder.Property(p => p.FabeEvidence).HasMaxLength(300);
        builder.PrimitiveCollection(p => p.SellingPoints);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
        builder.HasIndex(p => p.CategoryCode);
        builder.HasMany(p => p.Skus).WithOne().HasForeignKey(s => s.ProductId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Images).WithOne().HasForeignKey(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SkuConfiguration : IEntityTypeConfiguration<Sku>
{
    public void Configure(EntityTypeBuilder<Sku> builder)
    {
        builder.ToTable("Catalog_Skus", t =>
        {
            t.HasCheckConstraint("CK_Catalog_Skus_Prices", "\"FloorPrice\" >= 0 AND \"FloorPrice\" <= \"LivePrice\" AND \"LivePrice\" <= \"ListPrice\" AND \"Cost\" >= 0");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Code).HasMaxLength(32);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Colour).HasMaxLength(20);
        builder.Property(s => s.Size).HasMaxLength(20);
        builder.Property(s => s.Spec).HasMaxLength(20);
    }
}

internal sealed class ProductImageConfiguration : IEntityTypeConfiguration<ProductImage>
{
    public void Configure(EntityTypeBuilder<ProductImage> builder)
    {
        builder.ToTable("Catalog_ProductImages");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.FileName).HasMaxLength(80);
    }
}
