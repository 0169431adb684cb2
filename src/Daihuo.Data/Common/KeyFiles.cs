using System.Security.Cryptography;

namespace Daihuo.Data;

/// <summary>Secret keys kept with the data (<c>data/keys/</c>): made once, read on every start.</summary>
public static class KeyFiles
{
    public static byte[] LoadOrCreate(DatabaseOptions options, string name, int bytes = 32)
    {
        var path = Path.Combine(options.DataPath, "keys", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(bytes));
        }

        return File.ReadAllBytes(path);
    }
}
