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
        var first = subject.FirstName is null ? null : Soundex.Of(subject.FirstNameCanonical);
        var last = subject.LastName is null ? null : Soundex.Of(subject.LastName);
        if (string.IsNullOrEmpty(last))
        {
            return; // no last name: nothing a fuzzy match could rest on
        }

        // Both orders, so that swapped first and last names meet.
        var nameKey = string.IsNullOrEmpty(first) ? last : string.CompareOrdinal(first, last) <= 0 ? first + last : last + first;
        keys.Add("n", nameKey);
        keys.Add("c", subject.CompanyKey, last);
        keys.Add("c", subject.CompanyKey, first);
        if (subject.EmailIdentity is not null && !subject.IsFreemailDomain)
        {
            var domain = subject.EmailDomain.ToString();
            keys.Add("d", domain, last);
            keys.Add("d", domain, first);
        }
    }

    public MatchVerdict Compare(LeadMatchSubject subject, LeadMatchSubject candidate)
    {
        var name = NameSimilarity.Of(subject, candidate);
        if (name < MinimumNameSimilarity)
        {
            return MatchVerdict.NoMatch;
        }

        var weighted = NameWeight * name;
        var weights = NameWeight;
        var evidence = 0; // fields other than the name that both sides have
        var agreeing = 0;
        Span<double> parts = stackalloc double[5];
        parts.Fill(double.NaN);
        if (subject.PhoneKey is not null && candidate.PhoneKey is not null)
        {
            parts[0] = string.Equals(subject.PhoneKey, candidate.PhoneKey, StringComparison.Ordinal) ? 1.0 : 0.0;
            Add(PhoneWeight, parts[0]);
        }

        if (subject.EmailIdentity is not null && candidate.EmailIdentity is not null)
        {
            parts[1] = string.Equals(subject.EmailIdentity, candidate.EmailIdentity, StringComparison.Ordinal) ? 1.0 : DifferentEmailScore;
            Add(EmailWeight, parts[1]);
        }

        if (subject.CompanyKey is not null && candidate.CompanyKey is not null)
        {
            parts[2] = CompanySimilarity(subject.CompanyKey, candidate.CompanyKey);
            Add(CompanyWeight, parts[2]);
        }

        if (subject.EmailIdentity is not null && candidate.EmailIdentity is not null && !subject.IsFreemailDomain && !candidate.IsFreemailDomain)
        {
            parts[3] = subject.EmailDomain.SequenceEqual(candidate.EmailDomain) ? 1.0 : 0.0;
            Add(DomainWeight, parts[3]);
        }

        if (subject.CountryCode is not null && candidate.CountryCode is not null)
        {
            parts[4] = string.Equals(subject.CountryCode, candidate.CountryCode, StringComparison.Ordinal) ? 1.0 : 0.0;
            Add(CountryWeight, parts[4]);
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

        void Add(double weight, double value)
        {
            weighted += weight * value;
            weights += weight;
            evidence++;
            agreeing += value >= SimilarCompany ? 1 : 0;
        }
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
