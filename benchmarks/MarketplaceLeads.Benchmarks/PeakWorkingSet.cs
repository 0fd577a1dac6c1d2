using System;
using System.IO;

namespace MarketplaceLeads.Benchmarks;

/// <summary>The peak working set of this process, for the memory checks.</summary>
internal static class PeakWorkingSet
{
    /// <summary>Resets the kernel's peak resident set size of this process (Linux); returns whether it could.</summary>
    public static bool TryReset()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5"); // 5: reset the peak RSS (VmHWM) to the current RSS
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
