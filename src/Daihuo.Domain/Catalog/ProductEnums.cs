namespace Daihuo.Domain.Catalog;

/// <summary>What a product does for a session's mix (SPEC.md: hits, profit items, traffic drivers about 3:5:2).</summary>
public enum ProductRole
{
    Hit = 0,
    Profit = 1,
    TrafficDriver = 2,
    Welfare = 3,
}

/// <summary>Categories the law treats specially (qualifications, mandatory statements, claims).</summary>
public enum SpecialCategory
{
    None = 0,
    Food = 1,
    Cosmetics = 2,
    HealthFood = 3,
    MedicalDevice = 4,
    ChildrensGoods = 5,
}

public enum ProductStatus
{
    Active = 0,
    Archived = 1,
}
