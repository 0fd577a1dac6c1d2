using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// A candidate a new lead is compared with: an earlier lead's subject and the (caller-numbered) profile it belongs to;
/// <paramref name="ByNameOnly"/> when the two leads share no key but the name-in-country ones (<see cref="MatchDecider.AddNameInCountryKeys"/>).
/// </summary>
internal readonly record struct MatchCandidate(LeadMatchSubject Subject, int Profile, bool ByNameOnly = false);

/// <summary>
/// Where a subject's mailbox, phone and name-at-company keys are among its blocking keys (-1 when absent): their filed
/// counts say how many profiles share those values. Also where its one-way keys are: <paramref name="FileOnly"/> is filed
/// under but not looked up, <paramref name="LookupOnly"/> looked up but not filed under (see <see cref="MatchDecider.AddNameInCountryKeys"/>).
/// </summary>
internal readonly record struct SharedKeySlots(sbyte Mailbox, sbyte Phone, sbyte NameAtCompany, sbyte FileOnly = -1, sbyte LookupOnly = -1)
{
    /// <summary>How many of the <paramref name="total"/> keys come before the name-in-country ones (all of them when there are none).</summary>
    public int SymmetricCount(int total) => LookupOnly >= 0 ? LookupOnly - 1 : total;

    /// <summary>Whether two leads' keys before their name-in-country ones share a hash (the leads met otherwise than by name).</summary>
    public static bool ShareAKey(ReadOnlySpan<ulong> one, ReadOnlySpan<ulong> other)
    {
        foreach (var hash in one)
        {
            if (other.Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The keys to look candidates up under: every key but the file-only one.</summary>
    public ulong[] LookupKeys(ReadOnlySpan<ulong> keys) => Without(keys, FileOnly);

    /// <summary>The keys to file the lead under: every key but the lookup-only one.</summary>
    public ulong[] FilingKeys(ReadOnlySpan<ulong> keys) => Without(keys, LookupOnly);

    private static ulong[] Without(ReadOnlySpan<ulong> keys, int skip)
    {
        var result = new ulong[skip < 0 ? keys.Length : keys.Length - 1];
        var n = 0;
        for (var i = 0; i < keys.Length; i++)
        {
            if (i != skip)
            {
                result[n++] = keys[i];
            }
        }

        return result;
    }

    /// <summary>Gets the filed counts of the three keys from the counts of all the subject's keys, in their order.</summary>
    public SharedCounts CountsFrom(System.Func<int, int> filedAt) =>
        new(Mailbox < 0 ? 0 : filedAt(Mailbox), Phone < 0 ? 0 : filedAt(Phone), NameAtCompany < 0 ? 0 : filedAt(NameAtCompany));
}

/// <summary>Gives the representative subject of a caller-numbered profile.</summary>
internal interface IRepresentatives
{
    LeadMatchSubject RepresentativeOf(int profile);
}

/// <summary>Says which caller-numbered profiles a review kept apart (incremental de-duplication only: a batch knows no reviews).</summary>
internal interface IKeptApart
{
    bool KeptApart(int profile, int other);
}

/// <summary>
/// The matching rules, shared by batch and incremental de-duplication: collects a subject's blocking keys, weighs the
/// built-in identity evidence (<see cref="IdentityEvidence"/>) of the subject against each candidate profile — the best
/// of its candidate leads and its representative — and runs the custom strategies (per
/// <see cref="ILeadMatchStrategy.Scope"/>), to find the profiles the subject joins and the possible duplicates it raises.
/// Not thread-safe (it reuses its buffers); one per de-duplication run or behind a lock.
/// </summary>
internal sealed class MatchDecider
{
    private readonly IdentityEvidence? _evidence;
    private readonly bool _useEmail;
    private readonly bool _usePhone;
    private readonly bool _nameKeys;
    private readonly ILeadMatchStrategy[] _anyLead;
    private readonly ILeadMatchStrategy[] _representative;
    private readonly ILeadMatchStrategy[] _custom;
    private readonly HashSet<int> _seen = [];
    private readonly Dictionary<int, Best> _best = [];
    private readonly Dictionary<int, Combined> _combined = [];
    private readonly HashSet<int> _mailboxSharers = [];
    private readonly HashSet<int> _phoneSharers = [];
    private readonly HashSet<int> _nameOnly = [];
    private readonly List<int> _joined = [];
    private Comparison<int>? _byWeight;
    private readonly List<int> _kept = [];
    private readonly List<int> _holders = [];
    private IKeptApart? _keptApart;

    public MatchDecider(DeduplicationOptions options)
    {
        _useEmail = options.MatchEmail;
        _usePhone = options.MatchPhone;
        _nameKeys = options.FuzzyMatching;
        _evidence = options.MatchEmail || options.MatchPhone || options.FuzzyMatching
            ? new IdentityEvidence(options.MatchEmail, options.MatchPhone, options.FuzzyMatching, options.MergeThreshold, options.PossibleDuplicateThreshold)
            : null;
        var anyLead = new List<ILeadMatchStrategy>();
        var representative = new List<ILeadMatchStrategy>();
        foreach (var strategy in options.Strategies)
        {
            (strategy.Scope == MatchScope.Representative ? representative : anyLead).Add(strategy);
        }

        _anyLead = [.. anyLead];
        _representative = [.. representative];
        _custom = [.. options.Strategies];
    }

    /// <summary>Gets the built-in identity model, or <see langword="null"/> when every built-in field is switched off.</summary>
    public IdentityEvidence? Evidence => _evidence;

    /// <summary>Gets the number of comparisons made so far.</summary>
    public long Comparisons { get; private set; }

    /// <summary>Gets the profiles found to be the same person, with the verdict (caller-numbered).</summary>
    public Dictionary<int, MatchVerdict> Joins { get; } = [];

    /// <summary>Gets the profiles found to be possibly the same person, with the best verdict.</summary>
    public Dictionary<int, MatchVerdict> Possibles { get; } = [];

    public void CollectKeys(LeadMatchSubject subject, BlockingKeys keys) => CollectKeys(subject, keys, out _);

    /// <summary>Collects the subject's keys, and says where its mailbox, phone and name-at-company keys are among them (for their filed counts).</summary>
    public void CollectKeys(LeadMatchSubject subject, BlockingKeys keys, out SharedKeySlots slots)
    {
        keys.Clear();
        sbyte mailbox = -1, phone = -1, nameAtCompany = -1;
        if (_useEmail && subject.EmailIdentity is not null)
        {
            keys.Add(EmailKeyPrefix, subject.EmailIdentity);
            mailbox = 0;
        }

        if ((_usePhone || _nameKeys) && subject.PhoneKey is { } number)
        {
            var before = keys.Count;
            keys.Add(PhoneKeyPrefix, PhoneKey.Suffix(number)); // same line, whatever the names say, however it was written
            phone = keys.Count > before ? (sbyte)before : (sbyte)-1;
        }

        if (_nameKeys)
        {
            var before = keys.Count;
            AddNameKeys(subject, keys);
            nameAtCompany = keys.Count > before && subject.CompanyKey is not null ? (sbyte)before : (sbyte)-1;
        }

        foreach (var strategy in _custom)
        {
            strategy.AddBlockingKeys(subject, keys);
        }

        sbyte fileOnly = -1, lookupOnly = -1;
        if (_nameKeys && keys.Count < sbyte.MaxValue - 2 && AddNameInCountryKeys(subject, keys))
        {
            // The two keys come last: [filed (and looked up when the lead has no address), looked up only].
            lookupOnly = (sbyte)(keys.Count - 1);
            fileOnly = subject.EmailIdentity is null ? (sbyte)-1 : (sbyte)(keys.Count - 2);
        }

        slots = new SharedKeySlots(mailbox, phone, nameAtCompany, fileOnly, lookupOnly);
    }

    /// <summary>
    /// Adds the one-way keys that let a lead without an e-mail address meet its person's leads by full name and country
    /// (a do-not-contact lead sent with a name only, say, that met nothing before; such pairs weigh as possible duplicates
    /// at most, unless more agrees). A lead with an address files under <c>nf</c> + country + names and looks up <c>ns</c>;
    /// a lead without one files under and looks up <c>ns</c>, and looks up <c>nf</c>. So every pair with at least one
    /// lead without an address meets, in either order, and two leads with addresses never meet this way (they meet
    /// through their own keys): the many ordinary leads of a common name add no comparisons. The names are the folded
    /// first name (nickname-canonical) and last name, sorted, so that swapped names meet. Returns whether both were added.
    /// </summary>
    internal static bool AddNameInCountryKeys(LeadMatchSubject subject, BlockingKeys keys)
    {
        var (first, last, country) = (subject.FirstNameCanonical ?? subject.FirstName, subject.LastName, subject.CountryCode);
        if (first is null || last is null || country is null || first.Length + last.Length + 1 > MaxNameInCountry)
        {
            return false;
        }

        Span<char> names = stackalloc char[first.Length + last.Length + 1];
        var (low, high) = string.CompareOrdinal(first, last) <= 0 ? (first, last) : (last, first);
        low.AsSpan().CopyTo(names);
        names[low.Length] = ' ';
        high.AsSpan().CopyTo(names[(low.Length + 1)..]);
        var before = keys.Count;
        var withAddress = subject.EmailIdentity is not null;
        keys.Add(withAddress ? NameInCountryFiledPrefix : NameInCountrySparsePrefix, country, names);
        keys.Add(withAddress ? NameInCountrySparsePrefix : NameInCountryFiledPrefix, country, names);
        if (keys.Count == before + 2)
        {
            return true;
        }

        keys.TrimTo(before); // a hash that repeated another key: neither one-way key, rather than a key in the wrong role
        return false;
    }

    /// <summary>Whether two subjects have the same name-in-country keys (same country, same sorted pair of names): only then can one have been found under the other's.</summary>
    internal static bool SameNameInCountry(LeadMatchSubject one, LeadMatchSubject other)
    {
        var (a1, a2) = (one.FirstNameCanonical ?? one.FirstName, one.LastName);
        var (b1, b2) = (other.FirstNameCanonical ?? other.FirstName, other.LastName);
        return a1 is not null && a2 is not null && b1 is not null && b2 is not null
            && string.Equals(one.CountryCode, other.CountryCode, StringComparison.Ordinal) && one.CountryCode is not null
            && ((string.Equals(a1, b1, StringComparison.Ordinal) && string.Equals(a2, b2, StringComparison.Ordinal))
                || (string.Equals(a1, b2, StringComparison.Ordinal) && string.Equals(a2, b1, StringComparison.Ordinal)));
    }

    private const int MaxNameInCountry = 128;

    /// <summary>The prefix of the name-in-country key a lead with an e-mail address files under.</summary>
    internal const string NameInCountryFiledPrefix = "nf";

    /// <summary>The prefix of the name-in-country key a lead without an e-mail address files under.</summary>
    internal const string NameInCountrySparsePrefix = "ns";

    /// <summary>Compares <paramref name="subject"/> with the candidates; results in <see cref="Joins"/> and <see cref="Possibles"/>.</summary>
    /// <param name="subject">The new lead's subject.</param>
    /// <param name="candidates">The leads filed under its keys, with their profiles.</param>
    /// <param name="representatives">The profiles' representatives.</param>
    /// <param name="filed">How many profiles are filed under the subject's mailbox, phone and name-at-company keys (0 when none).</param>
    /// <param name="keptApart">The candidate profiles a review kept apart, or <see langword="null"/> when none are: the subject joins the best of two such profiles only, and raises no possible duplicate with a profile kept apart from one it joins.</param>
    public void Decide(LeadMatchSubject subject, IReadOnlyList<MatchCandidate> candidates, IRepresentatives representatives, SharedCounts filed, IKeptApart? keptApart = null)
    {
        _keptApart = keptApart;
        try
        {
            DecideCore(subject, candidates, representatives, filed);
            if (keptApart is not null)
            {
                HonourKeptApart(keptApart);
            }
        }
        finally
        {
            _keptApart = null;
        }
    }

    private void DecideCore(LeadMatchSubject subject, IReadOnlyList<MatchCandidate> candidates, IRepresentatives representatives, SharedCounts filed)
    {
        Joins.Clear();
        Possibles.Clear();
        if (_evidence is not null)
        {
            DecideByEvidence(_evidence, subject, candidates, representatives, filed);
        }

        if (_custom.Length == 0)
        {
            return;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            foreach (var strategy in _anyLead)
            {
                Record(candidate.Profile, strategy.Compare(subject, candidate.Subject));
            }
        }

        if (_representative.Length == 0)
        {
            return;
        }

        _seen.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var profile = candidates[i].Profile;
            if (Joins.ContainsKey(profile) || !_seen.Add(profile))
            {
                continue;
            }

            var representative = representatives.RepresentativeOf(profile);
            foreach (var strategy in _representative)
            {
                Record(profile, strategy.Compare(subject, representative));
            }
        }
    }

    /// <summary>Adds the keys that find people by name: company + the sound of both names, and a company e-mail domain + the same.</summary>
    internal static void AddNameKeys(LeadMatchSubject subject, BlockingKeys keys)
    {
        if (subject.LastName is null)
        {
            return; // no last name: nothing a name match could rest on
        }

        Span<char> names = stackalloc char[2 * Soundex.Length];
        names = names[..WriteNameCodes(subject, names)];

        // The company as one run of letters and digits ("blue yonder airlines" → "blueyonderairlines"), as a domain writes it.
        var company = subject.CompanyKey.AsSpan();
        Span<char> compact = stackalloc char[Math.Min(company.Length, MaxCompactCompany)];
        keys.Add(NameAtCompanyPrefix, compact[..Without(' ', company, compact)], names);
        if (subject.EmailIdentity is not null && !subject.IsFreemailDomain)
        {
            var domain = subject.EmailDomain;
            keys.Add("d", domain, names);

            // Without a company, the domain's name stands for it ("brightmoss" of tcerny@brightmoss.cz): the lead meets its
            // person's leads that give the company ("Brightmoss Oyj") and no e-mail — a do-not-contact lead sent without an
            // address, say, which met nothing of its sender's before.
            var stem = subject.CompanyKey is null && domain.IndexOf('.') is var dot and > 0 ? domain[..dot] : default;
            if (stem.Length >= 3)
            {
                Span<char> bare = stackalloc char[Math.Min(stem.Length, MaxCompactCompany)];
                keys.Add(NameAtCompanyPrefix, bare[..Without('-', stem, bare)], names); // wide-world.com → "wideworld"
            }
        }
        else if (subject.EmailIdentity is null && company.IndexOf(' ') > 0)
        {
            // Without an e-mail address, a company of several words also files under its leading words run together
            // ("blueyonder" of Blue Yonder Airlines), which is how a shorter domain names it (jan@blueyonder.com): the lead
            // meets its person's leads that give that address and no company.
            var letters = 0;
            foreach (var c in company[..compact.Length])
            {
                if (c != ' ')
                {
                    letters++;
                }
                else if (letters >= MinCompanyStem)
                {
                    keys.Add(NameAtCompanyPrefix, compact[..letters], names);
                }
            }
        }
    }

    /// <summary>Copies the first <paramref name="to"/>.Length characters of <paramref name="from"/> without <paramref name="skip"/>; returns how many were written.</summary>
    private static int Without(char skip, ReadOnlySpan<char> from, Span<char> to)
    {
        var length = 0;
        foreach (var c in from[..to.Length])
        {
            if (c != skip)
            {
                to[length++] = c;
            }
        }

        return length;
    }

    private const int MaxCompactCompany = 64;
    private const int MinCompanyStem = 4;

    /// <summary>Writes the Soundex codes of both names in sorted order (so that swapped first and last names meet); returns the length.</summary>
    private static int WriteNameCodes(LeadMatchSubject subject, Span<char> names)
    {
        Span<char> first = stackalloc char[Soundex.Length];
        Span<char> last = stackalloc char[Soundex.Length];
        var codes = subject.NameCodes; // worked out once per distinct name in a batch
        first = first[..Soundex.Unpack(LeadMatchSubject.FirstNameCodeOf(codes), first)];
        last = last[..Soundex.Unpack(LeadMatchSubject.LastNameCodeOf(codes), last)];
        var low = first.IsEmpty || last.SequenceCompareTo(first) <= 0 ? last : first;
        var high = low == last ? first : last;
        low.CopyTo(names);
        high.CopyTo(names[low.Length..]);
        return low.Length + high.Length;
    }

    internal const string NameAtCompanyPrefix = "c";
    internal const string EmailKeyPrefix = "e";
    /// <summary>The prefix of the phone key: the number's last eight digits (<c>p</c> was the whole number before).</summary>
    internal const string PhoneKeyPrefix = "s";

    private void DecideByEvidence(IdentityEvidence evidence, LeadMatchSubject subject, IReadOnlyList<MatchCandidate> candidates, IRepresentatives representatives, SharedCounts filed)
    {
        // How many profiles hold the subject's mailbox and phone: a value many people share identifies no one. The store's
        // count of the key's block is the measure (candidates alone undercount: an oversized block gives none).
        _mailboxSharers.Clear();
        _phoneSharers.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var other = candidates[i].Subject;
            if (subject.EmailIdentity is not null && string.Equals(subject.EmailIdentity, other.EmailIdentity, StringComparison.Ordinal))
            {
                _mailboxSharers.Add(candidates[i].Profile);
            }

            if (subject.PhoneKey is not null && other.PhoneKey is not null && PhoneKey.Suffix(subject.PhoneKey).SequenceEqual(PhoneKey.Suffix(other.PhoneKey)))
            {
                _phoneSharers.Add(candidates[i].Profile);
            }
        }

        var shared = new SharedCounts(Math.Max(_mailboxSharers.Count, filed.Mailbox), Math.Max(_phoneSharers.Count, filed.Phone), filed.NameAtCompany);

        // The profiles met by name and country alone (every one of their candidate leads): compared with those leads only
        // (never their representative), and a lead of another phone number is someone else's without a comparison.
        _nameOnly.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].ByNameOnly)
            {
                _nameOnly.Add(candidates[i].Profile);
            }
        }

        for (var i = 0; i < candidates.Count && _nameOnly.Count > 0; i++)
        {
            if (!candidates[i].ByNameOnly)
            {
                _nameOnly.Remove(candidates[i].Profile);
            }
        }

        // Each profile's best comparison: with any of its candidate leads, or with its representative (its surviving values).
        _best.Clear();
        _combined.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var other = candidates[i].Subject;
            if (candidates[i].ByNameOnly && _nameOnly.Contains(candidates[i].Profile) && PhonesDiffer(subject, other))
            {
                continue;
            }

            Consider(evidence, subject, other, candidates[i].Profile, shared);
        }

        _seen.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var profile = candidates[i].Profile;
            if (_seen.Add(profile) && !_nameOnly.Contains(profile) && !Decisive(evidence, _best[profile], shared))
            {
                // The representative (built on demand: it costs an allocation) only when a candidate lead did not settle it.
                var representative = representatives.RepresentativeOf(profile);
                if (!ReferenceEquals(representative, candidates[i].Subject))
                {
                    Consider(evidence, subject, representative, profile, shared);
                }
            }
        }

        // What the profile holds, field by field, across the leads compared (see IdentityEvidence.Combine).
        foreach (var (profile, combined) in _combined)
        {
            var weight = IdentityEvidence.Weigh(combined.Pair, shared);
            if (combined.Count > 1 && Better(combined.Pair, weight, _best[profile], shared))
            {
                _best[profile] = new Best(combined.Pair, weight);
            }
        }

        if (filed.NameAtCompany is > 1 and <= MaxNameFragments)
        {
            shared = CountFragmentsAsOne(evidence, representatives, shared);
        }

        _joined.Clear();
        foreach (var (profile, best) in _best)
        {
            var outcome = evidence.Decide(best.Pair, shared, best.Weight);
            if (outcome != MatchOutcome.NoMatch && _nameOnly.Contains(profile))
            {
                // Met by name and country alone: never merged, and raised for review only when nothing disagrees (a
                // namesake with another phone, mailbox or company is someone else as often as not).
                outcome = IdentityEvidence.Disagrees(best.Pair) ? MatchOutcome.NoMatch : MatchOutcome.PossibleDuplicate;
            }

            if (outcome == MatchOutcome.SamePerson)
            {
                _joined.Add(profile);
            }
            else if (outcome == MatchOutcome.PossibleDuplicate)
            {
                Possibles[profile] = MatchVerdict.FromEvidence(evidence, best.Pair, best.Weight, outcome, shared, _nameOnly.Contains(profile) ? NameOnlyRule : null);
            }
        }

        if (_joined.Count == 0)
        {
            return;
        }

        // A lead that matches several profiles merges them only when they could be one person themselves: the best match is
        // joined, and another only when nothing vetoes it against the profiles already joined (else it is a possible duplicate).
        if (_joined.Count > 1)
        {
            _joined.Sort(_byWeight ??= (x, y) => _best[y].Weight.CompareTo(_best[x].Weight) is var c && c != 0 ? c : x.CompareTo(y));
        }
        for (var j = 0; j < _joined.Count; j++)
        {
            var profile = _joined[j];
            var best = _best[profile];
            if (j > 0 && _keptApart is not null && KeptApartFromJoined(_keptApart, profile))
            {
                continue; // a review said it is not the person of a better match: neither joined nor raised
            }

            var verdict = MatchVerdict.FromEvidence(evidence, best.Pair, best.Weight, MatchOutcome.SamePerson, shared);
            if (j > 0 && !CompatibleWithJoined(evidence, profile, representatives, shared))
            {
                Possibles[profile] = MatchVerdict.FromEvidence(evidence, best.Pair, best.Weight, MatchOutcome.PossibleDuplicate, shared, ConflictRule);
                continue;
            }

            Joins[profile] = verdict;
        }
    }

    /// <summary>
    /// A name held at a company by several profiles that nothing tells apart is one person already split (a sparse lead
    /// that missed the "only profile of this name" weight starts a profile of its own, and every later one finds two):
    /// when every profile under the name-at-company key is a candidate holding the full name, and no two of them veto
    /// each other or weigh against each other, they count as one holder, and the lead may join (and so heal) them all.
    /// Namesakes at one company stay apart: their company mailboxes differ (a veto), or their free mailboxes do.
    /// </summary>
    private SharedCounts CountFragmentsAsOne(IdentityEvidence evidence, IRepresentatives representatives, SharedCounts shared)
    {
        _holders.Clear();
        foreach (var (profile, best) in _best)
        {
            if (best.Pair.FullNameAgrees && !best.Pair.GenerationsDiffer && best.Pair.Company is ValueComparison.Same or ValueComparison.Similar)
            {
                _holders.Add(profile);
            }
        }

        if (_holders.Count != shared.NameAtCompany)
        {
            return shared;
        }

        for (var i = 0; i < _holders.Count; i++)
        {
            var one = representatives.RepresentativeOf(_holders[i]);
            for (var j = i + 1; j < _holders.Count; j++)
            {
                Comparisons++;
                var pair = evidence.Compare(one, representatives.RepresentativeOf(_holders[j]));
                if (IdentityEvidence.Veto(pair, shared) is not null || IdentityEvidence.Weigh(pair, shared) < 0)
                {
                    return shared;
                }
            }
        }

        var asOne = shared with { NameAtCompany = 1 };
        foreach (var profile in _holders)
        {
            var best = _best[profile];
            _best[profile] = best with { Weight = IdentityEvidence.Weigh(best.Pair, asOne) };
        }

        return asOne;
    }

    private const int MaxNameFragments = 4;

    /// <summary>Whether both leads give a phone number and the numbers are different lines.</summary>
    private static bool PhonesDiffer(LeadMatchSubject one, LeadMatchSubject other) =>
        one.PhoneKey is { } a && other.PhoneKey is { } b && !PhoneKey.Suffix(a).SequenceEqual(PhoneKey.Suffix(b));

    /// <summary>A comparison that merges with room to spare and no veto: the representative could only confirm it.</summary>
    private static bool Decisive(IdentityEvidence evidence, Best best, in SharedCounts shared) =>
        best.Weight >= evidence.MergeWeight + DecisiveMargin && IdentityEvidence.Veto(best.Pair, shared) is null;

    private const double DecisiveMargin = 4.0;

    private bool CompatibleWithJoined(IdentityEvidence evidence, int profile, IRepresentatives representatives, in SharedCounts shared)
    {
        var representative = representatives.RepresentativeOf(profile);
        foreach (var joined in Joins.Keys)
        {
            var pair = evidence.Compare(representative, representatives.RepresentativeOf(joined));
            Comparisons++;
            if (IdentityEvidence.Veto(pair, shared) is not null)
            {
                return false;
            }
        }

        return true;
    }

    private bool KeptApartFromJoined(IKeptApart keptApart, int profile)
    {
        foreach (var joined in Joins.Keys)
        {
            if (keptApart.KeptApart(joined, profile))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps the joins (a custom strategy's too) that no review set apart from a better one, highest score first, and drops the possible duplicates with profiles kept apart from a join.</summary>
    private void HonourKeptApart(IKeptApart keptApart)
    {
        if (Joins.Count == 0)
        {
            return;
        }

        _joined.Clear();
        _joined.AddRange(Joins.Keys);
        _joined.Sort((x, y) => Joins[y].Score.CompareTo(Joins[x].Score) is var c && c != 0 ? c : x.CompareTo(y));
        _kept.Clear();
        foreach (var profile in _joined)
        {
            if (IsKeptApartFromKept(keptApart, profile))
            {
                Joins.Remove(profile);
            }
            else
            {
                _kept.Add(profile);
            }
        }

        _joined.Clear();
        _joined.AddRange(Possibles.Keys);
        foreach (var profile in _joined)
        {
            if (IsKeptApartFromKept(keptApart, profile))
            {
                Possibles.Remove(profile);
            }
        }
    }

    private bool IsKeptApartFromKept(IKeptApart keptApart, int profile)
    {
        foreach (var kept in _kept)
        {
            if (keptApart.KeptApart(kept, profile))
            {
                return true;
            }
        }

        return false;
    }

    private void Consider(IdentityEvidence evidence, LeadMatchSubject subject, LeadMatchSubject other, int profile, in SharedCounts shared)
    {
        Comparisons++;
        var pair = evidence.Compare(subject, other);
        var weight = IdentityEvidence.Weigh(pair, shared);
        if (!_best.TryGetValue(profile, out var best) || Better(pair, weight, best, shared))
        {
            _best[profile] = new Best(pair, weight);
        }

        _combined[profile] = _combined.TryGetValue(profile, out var combined)
            ? new Combined(IdentityEvidence.Combine(combined.Pair, pair), combined.Count + 1)
            : new Combined(pair, 1);
    }

    /// <summary>A comparison without a veto beats one with; then the higher weight.</summary>
    private static bool Better(in PairComparison pair, double weight, Best best, in SharedCounts shared)
    {
        var vetoed = IdentityEvidence.Veto(pair, shared) is not null;
        var bestVetoed = IdentityEvidence.Veto(best.Pair, shared) is not null;
        return vetoed != bestVetoed ? !vetoed : weight > best.Weight;
    }

    private void Record(int profile, MatchVerdict verdict)
    {
        Comparisons++;
        switch (verdict.Outcome)
        {
            case MatchOutcome.SamePerson:
                if (!Joins.TryGetValue(profile, out var joined) || verdict.Score > joined.Score)
                {
                    Joins[profile] = verdict;
                }

                Possibles.Remove(profile);
                break;
            case MatchOutcome.PossibleDuplicate when !Joins.ContainsKey(profile):
                if (!Possibles.TryGetValue(profile, out var possible) || verdict.Score > possible.Score)
                {
                    Possibles[profile] = verdict;
                }

                break;
        }
    }

    private const string NameOnlyRule = "met by full name and country alone (no address, phone or company in common), nothing disagreeing: never merged on a name, left for review";

    private const string ConflictRule = "the lead also matches a profile this one may not be merged with (first names or company mailboxes differ): left for review";

    private readonly record struct Best(PairComparison Pair, double Weight);

    private readonly record struct Combined(PairComparison Pair, int Count);
}
