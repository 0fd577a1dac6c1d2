using System;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// How alike two people's names are, from 0 to 1: first names by nickname table, initial or
/// Jaro-Winkler; last names by Jaro-Winkler; the better of the direct and the transposed reading
/// (first and last name swapped). No last name on either side gives 0: blanks never match.
/// </summary>
internal static class NameSimilarity
{
    private const double FirstWeight = 0.35;
    private const double LastWeight = 0.65;
    private const double InitialScore = 0.85;
    private const double NoFirstNameFactor = 0.9;
    private const double SwappedFactor = 0.98;

    public static double Of(LeadMatchSubject a, LeadMatchSubject b)
    {
        var direct = Score(a.FirstName, a.FirstNameCanonical, a.LastName, b.FirstName, b.FirstNameCanonical, b.LastName);
        if (direct >= 0.999 || a.FirstName is null || b.FirstName is null)
        {
            return direct;
        }

        // "Smith John" against "John Smith": compare a's first with b's last and the other way round.
        var swapped = Score(a.LastName, a.LastName is null ? null : Nicknames.Canonical(a.LastName), a.FirstName, b.FirstName, b.FirstNameCanonical, b.LastName);
        return Math.Max(direct, swapped * SwappedFactor);
    }

    private static double Score(string? firstA, string? canonicalA, string? lastA, string? firstB, string? canonicalB, string? lastB)
    {
        if (lastA is null || lastB is null)
        {
            return 0.0;
        }

        var last = string.Equals(lastA, lastB, StringComparison.Ordinal) ? 1.0 : JaroWinkler.Similarity(lastA, lastB);
        if (firstA is null || firstB is null)
        {
            return last * NoFirstNameFactor;
        }

        return (FirstWeight * FirstName(firstA, canonicalA!, firstB, canonicalB!)) + (LastWeight * last);
    }

    private static double FirstName(string a, string canonicalA, string b, string canonicalB)
    {
        if (string.Equals(canonicalA, canonicalB, StringComparison.Ordinal) || string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        if ((a.Length == 1 && b[0] == a[0]) || (b.Length == 1 && a[0] == b[0]))
        {
            return InitialScore; // "J" against "John"
        }

        return Math.Max(JaroWinkler.Similarity(a, b), JaroWinkler.Similarity(canonicalA, canonicalB));
    }
}
