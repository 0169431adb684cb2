namespace Daihuo.Load;

/// <summary>What both scenarios measure the same way: percentiles of sorted latencies, and the first and last of a window kept without locks.</summary>
internal static class Stats
{
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    public static void Min(ref long target, long value)
    {
        long seen;
        while (value < (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    public static void Max(ref long target, long value)
    {
        long seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
