using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.InteropServices;

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

    /// <summary>Whether two leads' keys before their name-in-country ones share a hash or, in a batch, a key id (the leads met otherwise than by name).</summary>
    public static bool ShareAKey<T>(ReadOnlySpan<T> one, ReadOnlySpan<T> other)
        where T : unmanaged, IEquatable<T>
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

    /// <summary>Gets the filed counts of the three keys from the counts of all the subject's keys, in their order (a key past the end counts 0).</summary>
    public SharedCounts CountsFrom(IReadOnlyList<int> filed) =>
        new(At(filed, Mailbox), At(filed, Phone), At(filed, NameAtCompany));

    private static int At(IReadOnlyList<int> filed, int index) => index >= 0 && index < filed.Count ? filed[index] : 0;
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

    // The candidate profiles of the decision being made: their slots, the slot of each candidate, the slots in the order the
    // subject was first compared with them, and (past MaxScannedSlots profiles) the slot of each profile by number.
    private ProfileSlot[] _slots = new ProfileSlot[MaxScannedSlots];
    private int _slotCount;
    private int[] _candidateSlot = new int[16];
    private readonly List<int> _compared = [];
    private readonly Dictionary<int, int> _slotIndex = [];
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
        var strategies = new string[_custom.Length];
        for (var i = 0; i < strategies.Length; i++)
        {
            strategies[i] = _custom[i].GetType().FullName ?? _custom[i].GetType().Name;
        }

        KeyScheme = string.Create(
            CultureInfo.InvariantCulture,
            $"{BlockingKeyVersion};email={(_useEmail ? 1 : 0)};phone={(_usePhone ? 1 : 0)};names={(_nameKeys ? 1 : 0)};strategies={string.Join(",", strategies)}");
    }

    /// <summary>
    /// The version of the built-in blocking keys: change it with any change to the keys <see cref="CollectKeys(LeadMatchSubject, BlockingKeys, out SharedKeySlots)"/>
    /// derives (a new key, another folding of names or companies), so that durable stores file their leads again
    /// (<see cref="IRefilingLeadDeduplicationStore"/>). <c>MatchDeciderKeySchemeTests</c> pins the keys of a fixed set of
    /// leads to it.
    /// </summary>
    internal const string BlockingKeyVersion = "keys-2026-12-07b";

    /// <summary>Gets what the keys of these options are derived by: <see cref="BlockingKeyVersion"/>, the matching options that choose keys, the custom strategies' types.</summary>
    public string KeyScheme { get; }

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

        if ((_usePhone || _nameKeys) && subject.PhoneCode != 0)
        {
            var before = keys.Count;
            Span<char> suffix = stackalloc char[PhoneKey.SuffixDigits];
            keys.Add(PhoneKeyPrefix, suffix[..PhoneKey.WriteSuffix(subject.PhoneCode, suffix)]); // same line, whatever the names say, however it was written
            phone = keys.Count > before ? (sbyte)before : (sbyte)-1;
        }

        if (_nameKeys)
        {
            var before = keys.Count;
            AddNameKeys(subject, keys);
            nameAtCompany = keys.Count > before && subject.CompanyKey is not null ? (sbyte)before : (sbyte)-1;
        }

        if (_useEmail && subject.EmailIdentity is not null)
        {
            AddMailboxStemKey(subject, keys); // after the mailbox, phone and name-at-company keys, whose places are counted on
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
            fileOnly = !HasOwnAddress(subject) ? (sbyte)-1 : (sbyte)(keys.Count - 2);
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
        var (first, last, country) = (subject.FirstNameCanonical ?? subject.FirstName, subject.LastName is { } lastName ? FamilyNames.Canonical(lastName) : null, subject.CountryCode);
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
        var withAddress = HasOwnAddress(subject);
        keys.Add(withAddress ? NameInCountryFiledPrefix : NameInCountrySparsePrefix, country, names);
        keys.Add(withAddress ? NameInCountrySparsePrefix : NameInCountryFiledPrefix, country, names);
        if (keys.Count == before + 2)
        {
            return true;
        }

        keys.TrimTo(before); // a hash that repeated another key: neither one-way key, rather than a key in the wrong role
        return false;
    }

    /// <summary>
    /// Whether the lead gives a mailbox of its own: a role's or a household's (info@, familie.schmitt@) identifies no one,
    /// so a lead giving only such a mailbox meets its namesakes by name and country like a lead without an address.
    /// </summary>
    private static bool HasOwnAddress(LeadMatchSubject subject) => subject.EmailIdentity is not null && !subject.IsRoleMailbox;

    /// <summary>Whether two subjects have the same name-in-country keys (same country, same sorted pair of names): only then can one have been found under the other's.</summary>
    internal static bool SameNameInCountry(LeadMatchSubject one, LeadMatchSubject other)
    {
        var (a1, a2) = (one.FirstNameCanonical ?? one.FirstName, one.LastName is { } lastA ? FamilyNames.Canonical(lastA) : null);
        var (b1, b2) = (other.FirstNameCanonical ?? other.FirstName, other.LastName is { } lastB ? FamilyNames.Canonical(lastB) : null);
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
            DecideByEvidence(_evidence, subject, AsSpan(candidates), representatives, filed);
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

    /// <summary>The candidates as a span: a list's or an array's own items, else a copy.</summary>
    private static ReadOnlySpan<MatchCandidate> AsSpan(IReadOnlyList<MatchCandidate> candidates) => candidates switch
    {
        List<MatchCandidate> list => CollectionsMarshal.AsSpan(list),
        MatchCandidate[] array => array,
        _ => System.Linq.Enumerable.ToArray(candidates),
    };

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
        var joined = compact[..Without(' ', company, compact)];
        keys.Add(NameAtCompanyPrefix, joined, names);
        if (subject.FirstName is { Length: > 0 } firstName && !joined.IsEmpty)
        {
            // A first name given as an initial ("M. Aldawsari") meets the full one (Mohammed) at the company: the initial and
            // the sound of the last name.
            Span<char> initialAndLast = stackalloc char[1 + Soundex.Length];
            initialAndLast[0] = firstName[0];
            var length = 1 + Soundex.Unpack(LeadMatchSubject.LastNameCodeOf(subject.NameCodes), initialAndLast[1..]);
            keys.Add(InitialAtCompanyPrefix, joined, initialAndLast[..length]);
        }
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

        if (company.IndexOf(' ') is var space and >= MinCompanyStem && space <= compact.Length)
        {
            // A company of several words also files under its first word ("summitlane" of Summit Lane Health: "summit"), so
            // that the person's lead that writes it short ("Summit Lane", "Narmada" for Narmada Enterprises) meets it. Beside
            // the whole name's key, never instead (BlockingKeyVersion tells durable stores to file their leads again).
            keys.Add(NameAtCompanyPrefix, compact[..space], names);
        }

        if (subject.EmailIdentity is null && company.IndexOf(' ') > 0)
        {
            // Without an e-mail address, a company of several words also files under its longer leading words run together
            // ("blueyonder" of Blue Yonder Airlines; the first word is filed above), which is how a shorter domain names it (jan@blueyonder.com): the lead
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

    /// <summary>
    /// Adds the key that finds one mailbox with its domain misspelt (<c>gmial.com</c>, <c>.com</c> for <c>.com.au</c>,
    /// <c>hotmial.com</c>): its local part and the domain's first three letters. A role's or household's mailbox gets none
    /// (its local part names no one), nor does a local part of fewer than three characters (as the comparison has it).
    /// </summary>
    private static void AddMailboxStemKey(LeadMatchSubject subject, BlockingKeys keys)
    {
        var identity = subject.EmailIdentity!;
        var at = identity.LastIndexOf('@');
        if (at >= 3 && !subject.IsRoleMailbox)
        {
            keys.Add(MailboxStemPrefix, identity.AsSpan(0, at), identity.AsSpan(at + 1, Math.Min(3, identity.Length - at - 1)));
        }
    }

    /// <summary>The prefix of the key of a mailbox's local part and its domain's first letters.</summary>
    internal const string MailboxStemPrefix = "m";

    /// <summary>The prefix of the key of a company, a first initial and the last name's sound.</summary>
    internal const string InitialAtCompanyPrefix = "ci";

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
        if (subject.FirstName is { Length: 1 } && !first.IsEmpty)
        {
            // An initial files as its letter alone, not as the sound "C000" that Chao, Hao or Wei also make: "C. Zheng" is not
            // a second profile named Chao Zheng at the company (it meets Chao through the initial's own key).
            first = first[..1];
        }

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

    private void DecideByEvidence(IdentityEvidence evidence, LeadMatchSubject subject, ReadOnlySpan<MatchCandidate> candidates, IRepresentatives representatives, SharedCounts filed)
    {
        // One slot per candidate profile, in the order the candidates first name them (each candidate's slot noted): a
        // handful of profiles per lead, so a short array rather than a dictionary and sets per question.
        ResetSlots();
        if (_candidateSlot.Length < candidates.Length)
        {
            _candidateSlot = new int[Math.Max(candidates.Length, _candidateSlot.Length * 2)];
        }

        // How many profiles hold the subject's mailbox and phone: a value many people share identifies no one. The store's
        // count of the key's block is the measure (candidates alone undercount: an oversized block gives none).
        // A profile is met by name and country alone when every one of its candidate leads is.
        int mailboxSharers = 0, phoneSharers = 0;
        var email = subject.EmailIdentity;
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = candidates[i];
            var other = candidate.Subject;
            var index = SlotOf(candidate.Profile, out var added);
            _candidateSlot[i] = index;
            ref var slot = ref _slots[index];
            slot.NameOnly = added ? candidate.ByNameOnly : slot.NameOnly && candidate.ByNameOnly;
            if (email is not null && !slot.MailboxSharer && string.Equals(email, other.EmailIdentity, StringComparison.Ordinal))
            {
                slot.MailboxSharer = true;
                mailboxSharers++;
            }

            if (subject.PhoneCode != 0 && !slot.PhoneSharer && other.PhoneCode != 0 && PhoneKey.SameSuffix(subject.PhoneCode, other.PhoneCode))
            {
                slot.PhoneSharer = true;
                phoneSharers++;
            }
        }

        var shared = new SharedCounts(Math.Max(mailboxSharers, filed.Mailbox), Math.Max(phoneSharers, filed.Phone), filed.NameAtCompany);

        // Each profile's best comparison: with any of its candidate leads, or with its representative (its surviving values).
        // The profiles met by name and country alone are compared with those leads only (never their representative), and a
        // lead of another phone number is someone else's without a comparison.
        for (var i = 0; i < candidates.Length; i++)
        {
            var other = candidates[i].Subject;
            var index = _candidateSlot[i];
            if (candidates[i].ByNameOnly && _slots[index].NameOnly && PhonesDiffer(subject, other))
            {
                continue;
            }

            Consider(evidence, subject, other, index, shared);
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            var index = _candidateSlot[i];
            if (_slots[index].Seen)
            {
                continue;
            }

            _slots[index].Seen = true;
            if (!_slots[index].NameOnly && !Decisive(evidence, _slots[index].Best, shared))
            {
                // The representative (built on demand: it costs an allocation) only when a candidate lead did not settle it.
                var representative = representatives.RepresentativeOf(_slots[index].Profile);
                if (!ReferenceEquals(representative, candidates[i].Subject))
                {
                    Consider(evidence, subject, representative, index, shared);
                }
            }
        }

        // What the profile holds, field by field, across the leads compared (see IdentityEvidence.Combine).
        foreach (var index in _compared)
        {
            ref var slot = ref _slots[index];
            if (slot.Combined.Count > 1 && IdentityEvidence.Weigh(slot.Combined.Pair, shared) is var weight && Better(slot.Combined.Pair, weight, slot.Best, shared))
            {
                slot.Best = new Best(slot.Combined.Pair, weight);
            }

            // The best lead may be a sparse one that says nothing where the rest of the profile says "someone else": a lead
            // without mailbox or phone (Deepika Gupta, Konkan Healthcare) is as like the namesake colleague as it is like
            // her, and the colleague's own company mailbox, which differs from the new lead's, is in the profile's other
            // leads. The combination only ever outranks a lead's level where that lead was silent, so a veto on it that the
            // best comparison does not carry comes from what the best lead left out.
            slot.VetoedByProfile = slot.Combined.Count > 1 && IdentityEvidence.Veto(slot.Best.Pair, shared) is null && IdentityEvidence.Veto(slot.Combined.Pair, shared) is not null;
        }

        if (filed.NameAtCompany is > 1 and <= MaxNameFragments)
        {
            shared = CountFragmentsAsOne(evidence, representatives, shared);
        }

        _joined.Clear();
        foreach (var index in _compared)
        {
            var profile = _slots[index].Profile;
            var best = _slots[index].Best;
            var nameOnly = _slots[index].NameOnly;
            var outcome = evidence.Decide(best.Pair, shared, best.Weight);
            if (outcome != MatchOutcome.NoMatch && nameOnly)
            {
                // Met by name and country alone: never merged, and raised for review only when nothing disagrees (a
                // namesake with another phone, mailbox or company is someone else as often as not).
                outcome = IdentityEvidence.Disagrees(best.Pair) ? MatchOutcome.NoMatch : MatchOutcome.PossibleDuplicate;
            }

            if (outcome == MatchOutcome.SamePerson && _slots[index].VetoedByProfile)
            {
                Possibles[profile] = MatchVerdict.FromEvidence(evidence, best.Pair, best.Weight, MatchOutcome.PossibleDuplicate, shared, ProfileVetoRule);
            }
            else if (outcome == MatchOutcome.SamePerson)
            {
                _joined.Add(index);
            }
            else if (outcome == MatchOutcome.PossibleDuplicate)
            {
                Possibles[profile] = MatchVerdict.FromEvidence(evidence, best.Pair, best.Weight, outcome, shared, nameOnly ? NameOnlyRule : null);
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
            _joined.Sort(_byWeight ??= (x, y) => _slots[y].Best.Weight.CompareTo(_slots[x].Best.Weight) is var c && c != 0 ? c : _slots[x].Profile.CompareTo(_slots[y].Profile));
        }

        for (var j = 0; j < _joined.Count; j++)
        {
            var profile = _slots[_joined[j]].Profile;
            var best = _slots[_joined[j]].Best;
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
        foreach (var index in _compared)
        {
            var pair = _slots[index].Best.Pair;
            if (pair.FullNameAgrees && !pair.GenerationsDiffer && pair.Company is ValueComparison.Same or ValueComparison.Similar)
            {
                _holders.Add(index);
            }
        }

        if (_holders.Count != shared.NameAtCompany)
        {
            return shared;
        }

        for (var i = 0; i < _holders.Count; i++)
        {
            var one = representatives.RepresentativeOf(_slots[_holders[i]].Profile);
            for (var j = i + 1; j < _holders.Count; j++)
            {
                Comparisons++;
                var pair = evidence.Compare(one, representatives.RepresentativeOf(_slots[_holders[j]].Profile));
                if (IdentityEvidence.Veto(pair, shared) is not null || IdentityEvidence.Weigh(pair, shared) < 0)
                {
                    return shared;
                }
            }
        }

        var asOne = shared with { NameAtCompany = 1 };
        foreach (var index in _holders)
        {
            ref var best = ref _slots[index].Best;
            best = best with { Weight = IdentityEvidence.Weigh(best.Pair, asOne) };
        }

        return asOne;
    }

    /// <summary>Empties the candidate profiles' slots.</summary>
    private void ResetSlots()
    {
        _slotCount = 0;
        _compared.Clear();
        if (_slotIndex.Count > 0)
        {
            _slotIndex.Clear();
        }
    }

    /// <summary>The slot of a candidate profile, added (all else unset) when it has none yet.</summary>
    private int SlotOf(int profile, out bool added)
    {
        added = false;
        int index;
        if (_slotIndex.Count == 0)
        {
            for (index = 0; index < _slotCount; index++)
            {
                if (_slots[index].Profile == profile)
                {
                    return index;
                }
            }

            if (_slotCount < MaxScannedSlots)
            {
                added = true;
                return AddSlot(profile);
            }

            for (index = 0; index < _slotCount; index++)
            {
                _slotIndex.Add(_slots[index].Profile, index); // many profiles: looked up by number from now on
            }
        }
        else if (_slotIndex.TryGetValue(profile, out index))
        {
            return index;
        }

        added = true;
        index = AddSlot(profile);
        _slotIndex.Add(profile, index);
        return index;
    }

    private int AddSlot(int profile)
    {
        if (_slotCount == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_slotCount] = new ProfileSlot { Profile = profile };
        return _slotCount++;
    }

    private const int MaxScannedSlots = 8;

    private const int MaxNameFragments = 4;

    /// <summary>Whether both leads give a phone number and the numbers are different lines.</summary>
    private static bool PhonesDiffer(LeadMatchSubject one, LeadMatchSubject other) =>
        one.PhoneCode != 0 && other.PhoneCode != 0 && !PhoneKey.SameSuffix(one.PhoneCode, other.PhoneCode);

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
            if (IdentityEvidence.Veto(pair, shared) is not null
                || (Conflicts(pair) >= 2 && IdentityEvidence.Weigh(pair, shared) < evidence.MergeWeight))
            {
                return false;
            }
        }

        return true;
    }

    private static int Conflicts(in PairComparison pair) =>
        (pair.Email is EmailComparison.Different or EmailComparison.WorkAndPersonal or EmailComparison.DifferentFreemail or EmailComparison.DifferentAtCompanyDomain ? 1 : 0)
        + (pair.Phone == ValueComparison.Different ? 1 : 0) + (pair.Company == ValueComparison.Different ? 1 : 0) + (pair.Country == ValueComparison.Different ? 1 : 0);

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

    private void Consider(IdentityEvidence evidence, LeadMatchSubject subject, LeadMatchSubject other, int index, in SharedCounts shared)
    {
        Comparisons++;
        var pair = evidence.Compare(subject, other);
        var weight = IdentityEvidence.Weigh(pair, shared);
        ref var slot = ref _slots[index];
        if (!slot.Compared)
        {
            slot.Compared = true;
            slot.Best = new Best(pair, weight);
            slot.Combined = new Combined(pair, 1);
            _compared.Add(index);
            return;
        }

        if (Better(pair, weight, slot.Best, shared))
        {
            slot.Best = new Best(pair, weight);
        }

        slot.Combined = new Combined(IdentityEvidence.Combine(slot.Combined.Pair, pair), slot.Combined.Count + 1);
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

    private const string ProfileVetoRule = "the best-matching lead is silent where the profile's other leads differ (a company mailbox, first names, two employers): left for review";

    private const string ConflictRule = "the lead also matches a profile this one may not be merged with (first names or company mailboxes differ): left for review";

    private readonly record struct Best(PairComparison Pair, double Weight);

    private readonly record struct Combined(PairComparison Pair, int Count);

    /// <summary>What one decision knows of a candidate profile.</summary>
    private struct ProfileSlot
    {
        /// <summary>The profile (caller-numbered).</summary>
        public int Profile;

        /// <summary>Every candidate lead of the profile was met by name and country alone.</summary>
        public bool NameOnly;

        /// <summary>A candidate lead of the profile has the subject's mailbox.</summary>
        public bool MailboxSharer;

        /// <summary>A candidate lead of the profile has the subject's phone line.</summary>
        public bool PhoneSharer;

        /// <summary>The profile's representative was considered, or found not needed.</summary>
        public bool Seen;

        /// <summary>The subject was compared with the profile: <see cref="Best"/> and <see cref="Combined"/> hold.</summary>
        public bool Compared;

        /// <summary>The best comparison passes, but the profile's leads compared field by field are vetoed (see <see cref="DecideByEvidence"/>).</summary>
        public bool VetoedByProfile;

        /// <summary>The best comparison with the profile.</summary>
        public Best Best;

        /// <summary>The comparisons with the profile combined field by field, and how many.</summary>
        public Combined Combined;
    }
}
