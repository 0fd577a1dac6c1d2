using System;
using System.Globalization;
using System.Text;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Scores how likely a new lead and a profile's representative are the same person when no exact
/// rule applies: the names must be alike (nicknames, initials, typos, swapped first and last name),
/// and the score is the weighted agreement of the fields both sides have (name, phone, e-mail,
/// company, e-mail domain unless freemail, country). A name alone, with nothing else to agree or
/// disagree, scores at most <see cref="NameOnlyCap"/>.
/// </summary>
internal sealed class FuzzyPersonStrategy : ILeadMatchStrategy
{
    internal const double MinimumNameSimilarity = 0.85;
    internal const double NameOnlyCap = 0.8;

    private const double NameWeight = 0.45;
    private const double PhoneWeight = 0.2;
    private const double EmailWeight = 0.2;
    private const double CompanyWeight = 0.15;
    private const double DomainWeight = 0.1;
    private const double CountryWeight = 0.05;

    /// <summary>The weights of phone, e-mail, company, domain and country, in that order.</summary>
    private static ReadOnlySpan<double> Weights => [PhoneWeight, EmailWeight, CompanyWeight, DomainWeight, CountryWeight];

    /// <summary>Different addresses are weak evidence against: people use a work and a personal address.</summary>
    private const double DifferentEmailScore = 0.4;

    private const double SimilarCompany = 0.9;

    private readonly double _possibleThreshold;
    private readonly double? _autoMergeThreshold;

    public FuzzyPersonStrategy(double possibleThreshold, double? autoMergeThreshold)
    {
        _possibleThreshold = possibleThreshold;
        _autoMergeThreshold = autoMergeThreshold;
    }

    public string Name => "fuzzy";

    public MatchScope Scope => MatchScope.Representative;

    public void AddBlockingKeys(LeadMatchSubject subject, BlockingKeys keys)
    {
        keys.Add(PhoneAndLastNameStrategy.KeyPrefix, subject.PhoneKey); // same line, whatever the names say
        if (subject.LastName is null)
        {
            return; // no last name: nothing a fuzzy match could rest on
        }

        Span<char> first = stackalloc char[Soundex.Length];
        Span<char> last = stackalloc char[Soundex.Length];
        first = first[..Soundex.Write(subject.FirstNameCanonical, first)];
        last = last[..Soundex.Write(subject.LastName, last)];

        // Filed under the sound of both names, in sorted order, so that swapped first and last names meet.
        Span<char> names = stackalloc char[2 * Soundex.Length];
        var low = first.IsEmpty || last.SequenceCompareTo(first) <= 0 ? last : first;
        var high = low == last ? first : last;
        low.CopyTo(names);
        high.CopyTo(names[low.Length..]);
        names = names[..(low.Length + high.Length)];
        keys.Add("c", subject.CompanyKey, names);
        if (subject.EmailIdentity is not null && !subject.IsFreemailDomain)
        {
            keys.Add("d", subject.EmailDomain, names);
        }
    }

    public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate)
    {
        var name = NameSimilarity.Of(subject, candidate);
        if (name < MinimumNameSimilarity)
        {
            return MatchVerdict.NoMatch;
        }

        Span<double> parts = stackalloc double[5];
        parts.Fill(double.NaN);
        if (subject.PhoneKey is not null && candidate.PhoneKey is not null)
        {
            parts[0] = string.Equals(subject.PhoneKey, candidate.PhoneKey, StringComparison.Ordinal) ? 1.0 : 0.0;
        }

        if (subject.EmailIdentity is not null && candidate.EmailIdentity is not null)
        {
            parts[1] = string.Equals(subject.EmailIdentity, candidate.EmailIdentity, StringComparison.Ordinal) ? 1.0 : DifferentEmailScore;
            if (!subject.IsFreemailDomain && !candidate.IsFreemailDomain)
            {
                parts[3] = subject.EmailDomain.SequenceEqual(candidate.EmailDomain) ? 1.0 : 0.0;
            }
        }

        if (subject.CompanyKey is not null && candidate.CompanyKey is not null)
        {
            parts[2] = CompanySimilarity(subject.CompanyKey, candidate.CompanyKey);
        }

        if (subject.CountryCode is not null && candidate.CountryCode is not null)
        {
            parts[4] = string.Equals(subject.CountryCode, candidate.CountryCode, StringComparison.Ordinal) ? 1.0 : 0.0;
        }

        var weighted = NameWeight * name;
        var weights = NameWeight;
        var evidence = 0; // fields other than the name that both sides have
        var agreeing = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.IsNaN(parts[i]))
            {
                weighted += Weights[i] * parts[i];
                weights += Weights[i];
                evidence++;
                agreeing += parts[i] >= SimilarCompany ? 1 : 0;
            }
        }

        var score = weighted / weights;
        if (evidence == 0 || agreeing == 0)
        {
            score = Math.Min(score, NameOnlyCap); // a name alone, or a name against every other field
        }

        if (score < _possibleThreshold)
        {
            return MatchVerdict.NoMatch;
        }

        var reason = Reason(name, parts);
        return _autoMergeThreshold is { } merge && score >= merge
            ? MatchVerdict.SamePerson(reason, score)
            : MatchVerdict.PossibleDuplicate(score, reason);
    }

    internal static double CompanySimilarity(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1.0;
        }

        // "NT" against "Northwind Traders"
        if ((a.Length <= 5 && !a.Contains(' ', StringComparison.Ordinal) && string.Equals(a, CompanyKey.Acronym(b), StringComparison.Ordinal))
            || (b.Length <= 5 && !b.Contains(' ', StringComparison.Ordinal) && string.Equals(b, CompanyKey.Acronym(a), StringComparison.Ordinal)))
        {
            return 0.95;
        }

        var similarity = JaroWinkler.Similarity(a, b);
        return similarity >= SimilarCompany ? similarity : 0.0;
    }

    private static string Reason(double name, ReadOnlySpan<double> parts)
    {
        var builder = new StringBuilder(64);
        builder.Append(CultureInfo.InvariantCulture, $"name {name:0.00}");
        Append(builder, "phone", parts[0]);
        Append(builder, "email", parts[1]);
        Append(builder, "company", parts[2]);
        Append(builder, "domain", parts[3]);
        Append(builder, "country", parts[4]);
        return builder.ToString();

        static void Append(StringBuilder builder, string field, double value)
        {
            if (!double.IsNaN(value))
            {
                builder.Append(", ").Append(value >= SimilarCompany ? "same " : "different ").Append(field);
            }
        }
    }
}
