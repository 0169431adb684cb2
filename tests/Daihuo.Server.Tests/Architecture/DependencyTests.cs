using System.Reflection;
using NetArchTest.Rules;

namespace Daihuo.Server.Tests.Architecture;

/// <summary>Dependencies point one way (Server → Live → Data → Domain) and the domain does no I/O.</summary>
public sealed class DependencyTests
{
    private static readonly Assembly Domain = typeof(Daihuo.Domain.Common.Money).Assembly;
    private static readonly Assembly Data = typeof(Daihuo.Data.DaihuoDbContext).Assembly;
    private static readonly Assembly Live = typeof(Daihuo.Live.LiveOptions).Assembly;

    public static TheoryData<string, string[]> Forbidden() => new()
    {
        { "Daihuo.Domain", ["Daihuo.Data", "Daihuo.Live", "Daihuo.Server"] },
        { "Daihuo.Data", ["Daihuo.Live", "Daihuo.Server"] },
        { "Daihuo.Live", ["Daihuo.Server"] },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_project_never_depends_on_one_above_it(string project, string[] above)
    {
        var assembly = project switch { "Daihuo.Domain" => Domain, "Daihuo.Data" => Data, _ => Live };
        var referenced = assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Empty(referenced.Intersect(above));
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(above).GetResult();
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_domain_references_no_io_framework_or_database()
    {
        string[] io =
        [
            "System.IO.File", "System.IO.Directory", "System.IO.FileStream", "System.Net", "System.Data",
            "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions", "Orleans", "System.Console",
        ];
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOnAny(io).GetResult();
        Assert.True(result.IsSuccessful, "Domain types doing I/O: " + string.Join(", ", result.FailingTypeNames ?? []));
        var references = Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.All(references, name => Assert.True(name is "System.Runtime" or "System.Collections" or "System.Linq" or "System.Memory" or "netstandard" || name.StartsWith("System.Runtime", StringComparison.Ordinal) || name is "System.Collections.Concurrent" or "System.Security.Cryptography", $"Domain references {name}"));
    }
}
