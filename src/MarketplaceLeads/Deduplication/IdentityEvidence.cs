using System;
using System.Collections.Generic;
using System.Globalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>How two names compare.</summary>
internal enum NameComparison : byte
{
    Missing,
    Same,
    Nickname,
    Transliterated,
    Partial,
    Typo,
    Initial,
    Different,

    /// <summary>The first names differ, but one side's own mailbox is named after the other side's first name (and not its own): one person's two names (an English and a native name).</summary>
    MailboxAlias,

    /// <summary>Short names of one length one letter apart (Omer and Omee, Koc and Kox): a slip of one key, or another person's name (Omer and Omar).</summary>
    OneLetter,
}

/// <summary>How two e-mail addresses compare.</summary>
internal enum EmailComparison : byte
{
    Missing,
    SameMailbox,
    SameCompanyMailbox,
    SameMailboxMisspelt,
    SameRoleMailbox,
    DifferentAtCompanyDomain,
    DifferentFreemail,
    Different,

    /// <summary>Different mailboxes, one of them shared (a role's or a household's): it says little about its reader's others.</summary>
    DifferentOneShared,

    /// <summary>A mailbox at a company's domain and a free one (Gmail, Outlook …), at one company: one person's work and personal accounts as often as two people's (at two companies it is <see cref="Different"/>).</summary>
    WorkAndPersonal,
}

/// <summary>How two phones, companies or countries compare.</summary>
internal enum ValueComparison : byte
{
    Missing,
    Same,
    Similar,
    Different,
}

/// <summary>How many profiles share the new lead's values: its mailbox, its phone, and its name at its company (each counted as the entries of that blocking key).</summary>
internal readonly record struct SharedCounts(int Mailbox, int Phone, int NameAtCompany);

/// <summary>The comparison of two customers, field by field (names in the better of the direct and the swapped reading). <c>TeamMailbox</c>: the shared mailbox of <see cref="EmailComparison.DifferentOneShared"/> is a role's at a company domain (contact@), not a household's.</summary>
internal readonly record struct PairComparison(
    NameComparison First,
    NameComparison Last,
    bool Swapped,
    EmailComparison Email,
    ValueComparison Phone,
    ValueComparison Company,
    ValueComparison Country,
    bool GenerationsDiffer,
    bool AcrossLeads = false,
    bool MobilePhone = false,
    bool SameTitle = false,
    bool OwnLine = false,
    bool DeskAndMobile = false,
    bool TeamMailbox = false)
{
    /// <summary>Gets a value indicating whether the one phone counts as a person's own line: a mobile, the names agreeing (two last names on one mobile may be colleagues of one first name at a small company that gives out a mobile, or one person after a marriage: the line does not tell which).</summary>
    /// <remarks>A name in another script on one side agrees with nothing: then at least the other name must agree.</remarks>
    public bool PersonalLine => MobilePhone && Last != NameComparison.Different
        && (First is not (NameComparison.Missing or NameComparison.Different) || Last != NameComparison.Missing);

    /// <summary>Gets a value indicating whether the first names are known to be different people's (neither equal, a nickname, an initial, nor a typo).</summary>
    public bool FirstNamesConflict => First == NameComparison.Different;

    /// <summary>Gets a value indicating whether both names agree fully (equal, nickname or transliteration; a last name in another romanisation).</summary>
    public bool FullNameAgrees =>
        First is NameComparison.Same or NameComparison.Nickname or NameComparison.Transliterated
        && Last is NameComparison.Same or NameComparison.Transliterated or NameComparison.Nickname;
}

/// <summary>
/// The built-in identity model: a Fellegi–Sunter style sum of match weights (bits) over comparison levels per field,
/// with term-frequency adjustment for shared values and vetoes. Evidence for and against both count: a first name that
/// is neither equal, a nickname, a short form, an initial nor a typo of the other is strong evidence against; two
/// different mailboxes at one company domain are two people unless the full name and an unshared phone agree; a phone
/// or mailbox already held by several profiles counts for less, halving with every doubling of the profiles sharing it;
/// a full name that only one profile at a company has counts for more.
/// </summary>
/// <remarks>
/// The weights are log2(m/u) per comparison level (m: how often the level occurs between two leads of one person;
/// u: between two different people who share a blocking key). Their derivation is in docs/deduplication.md.
/// </remarks>
internal sealed class IdentityEvidence
{
    internal const double Prior = -8.0;

    private const double SameMailbox = 14.0;
    private const double SameMailboxMisspelt = 10.0;
    private const double SameRoleMailbox = 0.0;
    private const double DifferentMailboxAtCompanyDomain = -5.0;
    private const double DifferentFreemailMailboxes = -4.0;
    private const double DifferentMailbox = -1.5;
    private const double WorkAndPersonalMailboxes = -0.5;
    private const double SamePhone = 9.0;
    private const double SimilarPhone = 7.0;
    private const double DifferentPhone = -1.0;
    private const double SameCompany = 2.0;
    private const double SimilarCompany = 1.5;
    private const double DifferentCompany = -3.0;
    private const double SameCountry = 0.5;
    private const double DifferentCountry = -4.0;
    private const double SwappedNames = -0.5;
    private const double OnlyNameAtCompany = 3.5;
    private const double MobileLine = 4.0;
    private const double SameTitleLastNameChanged = 3.0;
    private const double SameTitleAtCompany = 1.5;

    // Missing, Same, Nickname, Transliterated, Partial, Typo, Initial, Different, MailboxAlias (first names only).
    private static readonly double[] FirstNameWeights = [0, 3.5, 3.0, 3.0, 2.5, 2.0, 2.0, -7.0, 1.0, -1.0];
    private static readonly double[] LastNameWeights = [0, 5.0, 4.0, 4.5, 3.0, 4.0, 1.0, -3.0, 0, 1.0];

    private readonly bool _useEmail;
    private readonly bool _usePhone;
    private readonly bool _fuzzyNames;

    public IdentityEvidence(bool useEmail, bool usePhone, bool fuzzyNames, double mergeThreshold, double possibleThreshold)
    {
        _useEmail = useEmail;
        _usePhone = usePhone;
        _fuzzyNames = fuzzyNames;
        MergeWeight = MatchExplanation.ToWeight(mergeThreshold);
        PossibleWeight = MatchExplanation.ToWeight(possibleThreshold);
    }

    /// <summary>Gets the weight from which a pair merges (unless vetoed).</summary>
    public double MergeWeight { get; }

    /// <summary>Gets the weight from which a pair is a possible duplicate.</summary>
    public double PossibleWeight { get; }

    /// <summary>Compares two customers field by field.</summary>
    public PairComparison Compare(LeadMatchSubject a, LeadMatchSubject b)
    {
        var email = _useEmail ? CompareEmail(a, b) : EmailComparison.Missing;
        var phone = !_usePhone || a.PhoneCode == 0 || b.PhoneCode == 0 ? ValueComparison.Missing
            : a.PhoneCode == b.PhoneCode ? ValueComparison.Same
            : PhoneKey.SameSubscriberNumber(a.PhoneCode, b.PhoneCode) ? ValueComparison.Similar : ValueComparison.Different;
        if (phone is ValueComparison.Same or ValueComparison.Similar && a.HasPhoneExtension && b.HasPhoneExtension && DifferentExtensions(a.Customer.Phone, b.Customer.Phone))
        {
            phone = ValueComparison.Different; // one switchboard, two desks ("… ext 10", "… ext 911")
        }
        var company = a.CompanyKey is null || b.CompanyKey is null ? ValueComparison.Missing
            : string.Equals(a.CompanyKey, b.CompanyKey, StringComparison.Ordinal)
                ? (DifferentLegalForms(a, b) ? ValueComparison.Similar : ValueComparison.Same)
            : CompanyKey.Similarity(a.CompanyKey, b.CompanyKey) > 0 ? ValueComparison.Similar : ValueComparison.Different;
        var country = a.CountryCode is null || b.CountryCode is null ? ValueComparison.Missing
            : string.Equals(a.CountryCode, b.CountryCode, StringComparison.Ordinal) ? ValueComparison.Same : ValueComparison.Different;
        var workAndPersonal = email == EmailComparison.WorkAndPersonal;
        if (workAndPersonal && company is not (ValueComparison.Same or ValueComparison.Similar))
        {
            email = EmailComparison.Different; // a work and a personal account are one person's at one company; elsewhere, any two mailboxes
        }

        var first = CompareFirst(a.FirstName, a.FirstNameCanonical, b.FirstName, b.FirstNameCanonical);
        var last = CompareLast(a.LastName, b.LastName);
        var swapped = false;
        if ((first == NameComparison.Different || last == NameComparison.Different) && a.FirstName is not null && a.LastName is not null && b.FirstName is not null && b.LastName is not null)
        {
            // "Smith John" against "John Smith": either side may be the swapped one, so both readings are tried (the first
            // names being a's first and b's last, or a's last and b's first). Only a reading in which both halves agree counts:
            // "Schmitt Ralf" against "Michael Schmitt" shares a last name, and reading it swapped would take that last name
            // for a first name and hide that the first names differ.
            // The last-name half first: it is the cheaper test and usually settles it.
            var weight = NameWeight(first, last);
            var bSwappedLast = CompareLast(a.LastName, b.FirstName);
            if (bSwappedLast is not NameComparison.Different
                && CompareFirst(a.FirstName, a.FirstNameCanonical, b.LastName, Nicknames.Canonical(b.LastName)) is var bSwappedFirst and not NameComparison.Different
                && NameWeight(bSwappedFirst, bSwappedLast) + SwappedNames > weight)
            {
                (first, last, swapped) = (bSwappedFirst, bSwappedLast, true);
                weight = NameWeight(first, last) + SwappedNames;
            }

            var aSwappedLast = CompareLast(a.FirstName, b.LastName);
            if (aSwappedLast is not NameComparison.Different
                && CompareFirst(a.LastName, Nicknames.Canonical(a.LastName), b.FirstName, b.FirstNameCanonical) is var aSwappedFirst and not NameComparison.Different
                && NameWeight(aSwappedFirst, aSwappedLast) + SwappedNames > weight)
            {
                (first, last, swapped) = (aSwappedFirst, aSwappedLast, true);
            }
        }

        if ((first == NameComparison.Different || last == NameComparison.Different) && (a.HasRomanizedName || b.HasRomanizedName))
        {
            // A name romanised from Hangul agrees or says nothing: 서준 is Seojun, but also Chris to his colleagues, and the
            // letter-by-letter romanisation of a rarer family name is not always the spelling its holder uses (엄 Eom, Um).
            first = first == NameComparison.Different ? NameComparison.Missing : first;
            last = last == NameComparison.Different ? NameComparison.Missing : last;
        }

        if (first == NameComparison.Different && last is NameComparison.Same or NameComparison.Transliterated && !swapped
            && (MailboxNamedAfter(a, b.FirstName!) || MailboxNamedAfter(b, a.FirstName!)))
        {
            first = NameComparison.MailboxAlias;
        }

        var generations = !swapped && a.LastName is not null && b.LastName is not null && !ReferenceEquals(a.LastName, b.LastName)
            && !NameSpelling.GenerationOf(a.LastName).SequenceEqual(NameSpelling.GenerationOf(b.LastName));
        // Is the one phone a mobile, a person's own line, where a landline may be a switchboard or a household's? Asked only
        // where the mailbox does not already settle it (libphonenumber's numbering plan; once per subject). Two first names
        // on one mobile show it shared (a couple's, a team's), and so do two employers beside a personal or a household's
        // mailbox (a family's phone given by a parent and a child of one name): then it counts as any phone. Two employers'
        // own mailboxes beside one mobile are one person's job change, the number kept (the follow-up stream's parents and
        // children write a personal mailbox; Boreal's job changes, two work mailboxes).
        var mobile = phone is ValueComparison.Same or ValueComparison.Similar && first != NameComparison.Different
            && email is not (EmailComparison.SameMailbox or EmailComparison.SameCompanyMailbox)
            && !(company == ValueComparison.Different && (workAndPersonal || email is EmailComparison.DifferentFreemail or EmailComparison.DifferentAtCompanyDomain or EmailComparison.DifferentOneShared))
            && (PersonalNumber(a, b) || TwoEmployersOwnMailboxes(a, b, email, company, first, last) && a.MayBeMobilePhone);

        // The job title is asked only at one company, where the mailbox does not settle it: with the names agreeing (a
        // sparse lead, a role mailbox), or where it tells a changed last name from a colleague of one first name (one
        // mobile, the last names apart). Worked out on the stack, only for the pairs that pass the rest.
        var askTitle = company is ValueComparison.Same or ValueComparison.Similar
            && email is not (EmailComparison.SameMailbox or EmailComparison.SameCompanyMailbox or EmailComparison.SameMailboxMisspelt);
        var ownLine = askTitle && phone is ValueComparison.Same or ValueComparison.Similar && (mobile || PersonalNumber(a, b));
        var sameTitle = askTitle && (NamesAgree(first, last) || ownLine) && SameTitle(a, b);
        // A work and a personal account at one company with two numbers: a desk line beside a mobile is how one person's two
        // accounts read (the office's number at work, their own at home); two landlines or two mobiles, two people's.
        // Asked only where it counts (one title at one company): the numbering plan's answer costs a parse per subject.
        var deskAndMobile = email == EmailComparison.WorkAndPersonal && sameTitle && phone == ValueComparison.Different && a.IsMobilePhone != b.IsMobilePhone;
        // A role's mailbox at the company's own domain (the team's contact@) beside a person's own, not a household's at a free one.
        var teamMailbox = email == EmailComparison.DifferentOneShared && (a.IsRoleMailbox ? !a.IsFreemailDomain : !b.IsFreemailDomain);
        return new PairComparison(first, last, swapped, email, phone, company, country, generations, MobilePhone: mobile, SameTitle: sameTitle, OwnLine: ownLine, DeskAndMobile: deskAndMobile, TeamMailbox: teamMailbox);
    }

    /// <summary>
    /// Combines two comparisons of one lead with two leads of one profile field by field: each field takes the better
    /// known level (a missing value never outranks a known one, so a lead without a mailbox does not hide another's
    /// different mailbox); Jr./Sr. differing on either side stays. One person's profile holds the values they used — two
    /// phones, a native and an English first name, a maiden and a married name — and a new lead is that person when it
    /// agrees with what the profile holds, not only with one earlier lead.
    /// </summary>
    public static PairComparison Combine(in PairComparison x, in PairComparison y)
    {
        var (first, swapped) = Rank(x.First, FirstNameWeights) >= Rank(y.First, FirstNameWeights) ? (x.First, x.Swapped) : (y.First, y.Swapped);
        var last = Rank(x.Last, LastNameWeights) >= Rank(y.Last, LastNameWeights) ? x.Last : y.Last;
        var (email, teamMailbox) = Known(x.Email == EmailComparison.Missing, EmailWeight(x)) >= Known(y.Email == EmailComparison.Missing, EmailWeight(y)) ? (x.Email, x.TeamMailbox) : (y.Email, y.TeamMailbox);
        var (phone, mobile, deskAndMobile) = Known(x.Phone == ValueComparison.Missing, PhoneWeight(x.Phone, 1, x.PersonalLine)) >= Known(y.Phone == ValueComparison.Missing, PhoneWeight(y.Phone, 1, y.PersonalLine))
            ? (x.Phone, x.MobilePhone, x.DeskAndMobile) : (y.Phone, y.MobilePhone, y.DeskAndMobile);
        return new PairComparison(
            first,
            last,
            swapped,
            email,
            phone,
            Better(x.Company, y.Company, CompanyWeight(x.Company), CompanyWeight(y.Company)),
            Better(x.Country, y.Country, CountryWeight(x.Country), CountryWeight(y.Country)),
            x.GenerationsDiffer || y.GenerationsDiffer,
            AcrossLeads: true,
            MobilePhone: mobile,
            SameTitle: x.SameTitle || y.SameTitle,
            OwnLine: x.OwnLine || y.OwnLine,
            DeskAndMobile: deskAndMobile && email == EmailComparison.WorkAndPersonal,
            TeamMailbox: teamMailbox);

        static double Rank(NameComparison level, double[] weights) => Known(level == NameComparison.Missing, weights[(int)level]);
        static double Known(bool missing, double weight) => missing ? double.NegativeInfinity : weight;
        static ValueComparison Better(ValueComparison a, ValueComparison b, double aWeight, double bWeight) =>
            Known(a == ValueComparison.Missing, aWeight) >= Known(b == ValueComparison.Missing, bWeight) ? a : b;
    }

    /// <summary>The total weight of a comparison, given how many profiles share the new lead's values.</summary>
    public static double Weigh(in PairComparison pair, in SharedCounts shared)
    {
        var weight = Prior + NameWeight(pair.First, pair.Last) + (pair.Swapped ? SwappedNames : 0) + (TwoNamesOneMailbox(pair, shared) ? TwoNamesOneMailboxRelief : 0);
        weight += MailboxWeight(pair, shared) + PhoneWeight(pair.Phone, shared.Phone, pair.PersonalLine) + CompanyWeight(pair.Company) + CountryWeight(pair.Country);
        return weight + (IsOnlyNameAtCompany(pair, shared) ? OnlyNameAtCompany : 0) + TitleWeight(pair, shared);
    }

    /// <summary>Decides a comparison: same person, possibly, or not.</summary>
    public MatchOutcome Decide(in PairComparison pair, in SharedCounts shared, double weight)
    {
        if (weight >= MergeWeight && Veto(pair, shared) is null)
        {
            return MatchOutcome.SamePerson;
        }

        return weight >= PossibleWeight || OneLineCompanyAndTitle(pair, shared) ? MatchOutcome.PossibleDuplicate : MatchOutcome.NoMatch;
    }

    /// <summary>
    /// One person's own line (a mobile or a desk extension that no other profile holds), one company and one job title,
    /// whatever the names say: a reviewer should see it. Names change and are swapped at once ("Aoife Nolan" and
    /// "O'Sullivan | Aoife"), which the name comparison cannot read; two people who share all three are rare (a role's
    /// phone handed to the next holder of the job).
    /// </summary>
    private static bool OneLineCompanyAndTitle(in PairComparison pair, in SharedCounts shared) =>
        pair.OwnLine && pair.SameTitle && shared.Phone <= 1 && !pair.GenerationsDiffer;

    /// <summary>
    /// Two first names on one personal mailbox at a company domain that no other profile holds, the last names agreeing: a
    /// company gives a mailbox to one person, so the two names are more likely one person's (an English and a native name:
    /// Grace and Ji-woo Park at <c>gpark@</c>) than two people's. The first names then count −3 rather than −7 (and do not
    /// veto, see <see cref="Veto"/>).
    /// </summary>
    private static bool TwoNamesOneMailbox(in PairComparison pair, in SharedCounts shared) =>
        pair.FirstNamesConflict && pair.Email == EmailComparison.SameCompanyMailbox && shared.Mailbox <= 1
        && pair.Last is NameComparison.Same or NameComparison.Transliterated or NameComparison.Typo or NameComparison.Partial or NameComparison.Nickname;

    private const double TwoNamesOneMailboxRelief = 4.0;

    /// <summary>
    /// Two employers, and nothing of one person's own between the two leads: only a phone that is not a personal line (a
    /// home landline) and no mailbox or a household's. A father and a son of one name give the family's landline and
    /// mailbox and work at two companies; so does one person who changed jobs. The name cannot tell which.
    /// </summary>
    private static bool HouseholdLineTwoEmployers(in PairComparison pair) =>
        pair.Company == ValueComparison.Different && pair.Phone is ValueComparison.Same or ValueComparison.Similar && !pair.PersonalLine
        && pair.Email is EmailComparison.Missing or EmailComparison.SameRoleMailbox or EmailComparison.DifferentOneShared;

    /// <summary>Says why a pair may never merge automatically, or <see langword="null"/>.</summary>
    public static string? Veto(in PairComparison pair, in SharedCounts shared)
    {
        if (pair.FirstNamesConflict && !TwoNamesOneMailbox(pair, shared))
        {
            // A free or family mailbox is shared by a household; a personal mailbox at a company, held by no one else, is one person's.
            return "first names differ: never merged automatically";
        }

        if (pair.GenerationsDiffer)
        {
            return "the last names differ by Jr./Sr.: two generations, never merged automatically";
        }

        if (HouseholdLineTwoEmployers(pair))
        {
            return "one household's line or mailbox and two employers: a parent and child of one name, or one person who changed jobs; never merged automatically";
        }

        if (pair.Email == EmailComparison.DifferentAtCompanyDomain && !LastNameChanged(pair, shared))
        {
            return "different mailboxes at one company domain: two people (colleagues, namesakes), never merged automatically";
        }

        return null;
    }

    /// <summary>Explains a comparison: the waterfall of its fields and the rule that decided (<paramref name="rule"/> when another rule than the weight decided).</summary>
    public MatchExplanation Explain(in PairComparison pair, in SharedCounts shared, MatchOutcome outcome, string? rule = null)
    {
        var weight = Weigh(pair, shared);
        var veto = Veto(pair, shared);
        var evidence = new List<MatchEvidence>(8)
        {
            new("Email", pair.Email switch
            {
                EmailComparison.SameMailbox => shared.Mailbox > 1 ? string.Create(CultureInfo.InvariantCulture, $"same mailbox, held by {shared.Mailbox} profiles") : "same mailbox",
                EmailComparison.SameCompanyMailbox => shared.Mailbox > 1 ? string.Create(CultureInfo.InvariantCulture, $"same personal mailbox at a company domain, held by {shared.Mailbox} profiles") : "same personal mailbox at a company domain",
                EmailComparison.SameMailboxMisspelt => "same mailbox, its domain misspelt on one side",
                EmailComparison.SameRoleMailbox => "same role mailbox (info@, sales@ …)",
                EmailComparison.DifferentAtCompanyDomain when LastNameChanged(pair, shared) => "different mailboxes at one company domain, one unshared mobile or desk line, one job title: a changed last name",
                EmailComparison.DifferentAtCompanyDomain when NameChanged(pair, shared) => "different mailboxes at one company domain, one unshared phone: perhaps a changed last name (for review)",
                EmailComparison.DifferentAtCompanyDomain => "different mailboxes at one company domain",
                EmailComparison.DifferentFreemail => "different free mailboxes (Gmail, Outlook …)",
                EmailComparison.Different => "different mailboxes",
                EmailComparison.WorkAndPersonal => "a work mailbox and a personal one (Gmail, Outlook …)",
                EmailComparison.DifferentOneShared when pair.TeamMailbox => "a team's mailbox at the company (contact@, sales@ …) and a person's own",
                EmailComparison.DifferentOneShared => "different mailboxes, one shared (info@, a family's)",
                _ => "missing on one side",
            }, MailboxWeight(pair, shared)),
            new("Phone", pair.Phone switch
            {
                ValueComparison.Same when pair.PersonalLine => shared.Phone > 1 ? string.Create(CultureInfo.InvariantCulture, $"same mobile number, held by {shared.Phone} profiles") : "same mobile number (a person's own line)",
                ValueComparison.Same => shared.Phone > 1 ? string.Create(CultureInfo.InvariantCulture, $"same phone, held by {shared.Phone} profiles") : "same phone",
                ValueComparison.Similar when pair.PersonalLine => "same mobile number, written another way (country code, trunk 0)",
                ValueComparison.Similar => "same number, written another way (country code, trunk 0)",
                ValueComparison.Different => "different phones",
                _ => "missing on one side",
            }, PhoneWeight(pair.Phone, shared.Phone, pair.PersonalLine)),
            pair.First == NameComparison.Typo && pair.Last == NameComparison.Typo
                ? new("FirstName", "first name: a typo apart too (two typos count as one)", 0)
                : TwoNamesOneMailbox(pair, shared)
                    ? new("FirstName", "first names differ on one personal mailbox at a company domain that no one else holds (one person's two names?)", FirstNameWeights[(int)pair.First] + TwoNamesOneMailboxRelief)
                    : new("FirstName", Describe(pair.First, "first name"), FirstNameWeights[(int)pair.First]),
            new("LastName", pair.GenerationsDiffer ? "last names differ by Jr./Sr." : Describe(pair.Last, "last name"), LastNameWeights[(int)pair.Last]),
        };
        if (pair.Swapped)
        {
            evidence.Add(new MatchEvidence("Name", "first and last name swapped", SwappedNames));
        }

        if (IsOnlyNameAtCompany(pair, shared))
        {
            evidence.Add(new MatchEvidence("Name", "the only profile of this name at this company", OnlyNameAtCompany));
        }

        if (LastNameChanged(pair, shared))
        {
            evidence.Add(new MatchEvidence("Title", "same job title, the first name, company and one unshared mobile or desk line agreeing: a changed last name, not a colleague", SameTitleLastNameChanged));
        }
        else if (TitleWeight(pair, shared) is > 0 and var title)
        {
            evidence.Add(new MatchEvidence("Title", "same job title at the same company", title));
        }

        if (pair.AcrossLeads)
        {
            evidence.Add(new MatchEvidence("Profile", "compared with the profile's leads, field by field", 0));
        }

        evidence.Add(new MatchEvidence("Company", pair.Company switch
        {
            ValueComparison.Same => "same company",
            ValueComparison.Similar => "similar company",
            ValueComparison.Different => "different companies",
            _ => "missing on one side",
        }, CompanyWeight(pair.Company)));
        evidence.Add(new MatchEvidence("Country", pair.Country switch
        {
            ValueComparison.Same => "same country",
            ValueComparison.Different => "different countries",
            _ => "missing on one side",
        }, CountryWeight(pair.Country)));

        rule ??= outcome switch
        {
            MatchOutcome.SamePerson => string.Create(CultureInfo.InvariantCulture, $"weight {weight:0.0} ≥ merge threshold {MergeWeight:0.0}"),
            MatchOutcome.PossibleDuplicate when weight < PossibleWeight => string.Create(CultureInfo.InvariantCulture, $"one unshared mobile or desk line, one company and one job title: perhaps one person whose names changed, for review (weight {weight:0.0} < possible-duplicate threshold {PossibleWeight:0.0})"),
            MatchOutcome.PossibleDuplicate when veto is not null => veto + string.Create(CultureInfo.InvariantCulture, $"; weight {weight:0.0} ≥ possible-duplicate threshold {PossibleWeight:0.0}"),
            MatchOutcome.PossibleDuplicate => string.Create(CultureInfo.InvariantCulture, $"possible-duplicate threshold {PossibleWeight:0.0} ≤ weight {weight:0.0} < merge threshold {MergeWeight:0.0}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"weight {weight:0.0} < possible-duplicate threshold {PossibleWeight:0.0}"),
        };
        return new MatchExplanation(Prior, evidence, outcome, rule);
    }

    /// <summary>Whether any field the two leads both give points to two people: mailboxes, phones, companies, first or last names, generations.</summary>
    internal static bool Disagrees(in PairComparison pair) =>
        pair.Email is EmailComparison.Different or EmailComparison.WorkAndPersonal or EmailComparison.DifferentFreemail or EmailComparison.DifferentAtCompanyDomain
        || pair.Phone == ValueComparison.Different || pair.Company == ValueComparison.Different || pair.Country == ValueComparison.Different
        || pair.FirstNamesConflict || pair.Last == NameComparison.Different || pair.GenerationsDiffer;

    /// <summary>Whether two names of one company key give two different legal forms ("Copperlyn Oy", "Copperlyn Lda."): two entities of one name, or one group's, so the company counts as similar, not the same. Worked out only where the names are written differently.</summary>
    private static bool DifferentLegalForms(LeadMatchSubject a, LeadMatchSubject b) =>
        !string.Equals(a.Customer.Company, b.Customer.Company, StringComparison.OrdinalIgnoreCase)
        && a.CompanyFormCode is var formA and not 0 && b.CompanyFormCode is var formB and not 0 && formA != formB;

    /// <summary>
    /// One person's work and personal accounts, as far as the fields can tell: one job title at one company, and no phone
    /// on one side or a desk line beside a mobile. Two namesakes at one company under one title, one writing from a
    /// personal mailbox, are as alike (Atlantic makes them on purpose), but rarer than the people who sign in once with a
    /// work account and once with a personal one; two landlines in two cities, or two mobiles, still read as two people.
    /// </summary>
    private static bool WorkAndPersonalOfOne(in PairComparison pair) =>
        pair.Email == EmailComparison.WorkAndPersonal && pair.SameTitle && (pair.Phone == ValueComparison.Missing || pair.DeskAndMobile);

    /// <summary>
    /// The full name at the same company, and nothing else to go on (no e-mail on one side or a shared role mailbox, no
    /// common phone; a role's mailbox beside a person's own under one job title, the team's <c>contact@</c> and the
    /// person's <c>saurabh.verma@</c>; or one person's work and personal accounts, <see cref="WorkAndPersonalOfOne"/>): the
    /// only profile of that name at the company is likely the one.
    /// </summary>
    private static bool IsOnlyNameAtCompany(in PairComparison pair, in SharedCounts shared) =>
        pair.FullNameAgrees && !pair.GenerationsDiffer && pair.Company is ValueComparison.Same or ValueComparison.Similar && shared.NameAtCompany <= 1
        && (pair.Email is EmailComparison.Missing or EmailComparison.SameRoleMailbox || (pair.TeamMailbox && pair.SameTitle) || WorkAndPersonalOfOne(pair))
        && pair.Phone is not (ValueComparison.Same or ValueComparison.Similar);

    /// <summary>
    /// The job title's weight: one title at one company, the names agreeing, counts a little (many people at a company
    /// hold "IT Manager"); where it tells a changed last name from a colleague it counts more. Two different titles count
    /// nothing against: titles change, and are written many ways.
    /// </summary>
    private static double TitleWeight(in PairComparison pair, in SharedCounts shared) =>
        !pair.SameTitle ? 0
        : LastNameChanged(pair, shared) ? SameTitleLastNameChanged
        : NamesAgree(pair.First, pair.Last) && pair.Company is ValueComparison.Same or ValueComparison.Similar ? SameTitleAtCompany : 0;

    /// <summary>Whether one number both give is a person's own: a mobile, or one extension on both sides (one desk).</summary>
    private static bool PersonalNumber(LeadMatchSubject a, LeadMatchSubject b) => a.IsMobilePhone || (a.HasPhoneExtension && b.HasPhoneExtension);

    /// <summary>
    /// Two employers, each lead with its own person's mailbox at its own company's domain, one full name: a job change, the
    /// number kept. Where the numbering plan cannot tell a mobile from a landline (the US, Mexico), the one number is then
    /// taken for the person's own: a household's landline reaches two employers through a parent and a child, who give a
    /// personal or a family's mailbox, and a switchboard is one company's.
    /// </summary>
    private static bool TwoEmployersOwnMailboxes(LeadMatchSubject a, LeadMatchSubject b, EmailComparison email, ValueComparison company, NameComparison first, NameComparison last) =>
        email == EmailComparison.Different && company == ValueComparison.Different
        && first is NameComparison.Same or NameComparison.Nickname or NameComparison.Transliterated
        && last is NameComparison.Same or NameComparison.Transliterated
        && !a.IsFreemailDomain && !b.IsFreemailDomain && !a.IsRoleMailbox && !b.IsRoleMailbox;

    /// <summary>Whether both give a job title and it is one title (<see cref="JobTitle.Code"/>).</summary>
    private static bool SameTitle(LeadMatchSubject a, LeadMatchSubject b) =>
        a.Customer.Title is not null && b.Customer.Title is not null && JobTitle.Code(a.Customer.Title) is var code and not 0 && code == JobTitle.Code(b.Customer.Title);

    /// <summary>Whether both names are given and agree at some level (not different, not missing, not only a mailbox alias).</summary>
    private static bool NamesAgree(NameComparison first, NameComparison last) =>
        first is not (NameComparison.Missing or NameComparison.Different or NameComparison.MailboxAlias)
        && last is not (NameComparison.Missing or NameComparison.Different or NameComparison.MailboxAlias);

    /// <summary>The mailboxes' weight: none for two mailboxes at one company domain where the last name may have changed.</summary>
    private static double MailboxWeight(in PairComparison pair, in SharedCounts shared) =>
        pair.Email == EmailComparison.DifferentAtCompanyDomain && (NameChanged(pair, shared) || LastNameChanged(pair, shared)) ? 0 : EmailWeight(pair, shared.Mailbox);

    /// <summary>The mailboxes' weight; a team's mailbox at the company's domain beside a person's own (<see cref="PairComparison.TeamMailbox"/>) says nothing of who wrote from it.</summary>
    private static double EmailWeight(in PairComparison pair, int sharers = 1) => pair.TeamMailbox ? 0 : EmailWeight(pair.Email, sharers);

    /// <summary>The weight lost by a value that several profiles share: log2 of their number.</summary>
    private static double Shared(int sharers) => sharers <= 1 ? 0 : Math.Log2(sharers);

    private static double EmailWeight(EmailComparison email, int sharers) => email switch
    {
        EmailComparison.SameMailbox or EmailComparison.SameCompanyMailbox => SameMailbox - Shared(sharers),
        EmailComparison.SameMailboxMisspelt => SameMailboxMisspelt,
        EmailComparison.SameRoleMailbox => SameRoleMailbox,
        EmailComparison.DifferentAtCompanyDomain => DifferentMailboxAtCompanyDomain,
        EmailComparison.DifferentFreemail => DifferentFreemailMailboxes,
        EmailComparison.Different or EmailComparison.DifferentOneShared => DifferentMailbox,
        EmailComparison.WorkAndPersonal => WorkAndPersonalMailboxes,
        _ => 0,
    };

    private static double PhoneWeight(ValueComparison phone, int sharers, bool mobile = false) => phone switch
    {
        ValueComparison.Same => SamePhone + (mobile ? MobileLine : 0) - Shared(sharers),
        ValueComparison.Similar => SimilarPhone + (mobile ? MobileLine : 0) - Shared(sharers),
        ValueComparison.Different => DifferentPhone,
        _ => 0,
    };

    private static double CompanyWeight(ValueComparison company) => company switch
    {
        ValueComparison.Same => SameCompany,
        ValueComparison.Similar => SimilarCompany,
        ValueComparison.Different => DifferentCompany,
        _ => 0,
    };

    private static double CountryWeight(ValueComparison country) => country switch
    {
        ValueComparison.Same => SameCountry,
        ValueComparison.Different => DifferentCountry,
        _ => 0,
    };

    /// <summary>The names' weight; a typo in both is not two pieces of evidence (two people with similar names are likelier than two typos), so it counts as one.</summary>
    private static double NameWeight(NameComparison first, NameComparison last) =>
        first == NameComparison.Typo && last == NameComparison.Typo
            ? LastNameWeights[(int)NameComparison.Typo]
            : FirstNameWeights[(int)first] + LastNameWeights[(int)last];

    /// <summary>
    /// Says whether <paramref name="subject"/>'s own personal mailbox is named after <paramref name="firstName"/> and not
    /// after the subject's own first name: a part of the local part (between dots, dashes, underscores and digits) is that
    /// first name, alone or run together with the last name or its initial (<c>yifan.h@</c>, <c>yunakim@</c>,
    /// <c>kim.yuna@</c> for Yu Na Kim). A family mailbox names both (<c>john.mary@</c>) or none; a role mailbox no one.
    /// </summary>
    private static bool MailboxNamedAfter(LeadMatchSubject subject, string firstName)
    {
        if (subject.EmailIdentity is not { } mailbox || subject.IsRoleMailbox || subject.FirstName is not { } own || subject.LastName is not { } last)
        {
            return false;
        }

        // Both first names must be long enough to tell: a mailbox that might name its own holder ("al.yifan@" of Al) may be a family's.
        var local = mailbox.AsSpan(0, mailbox.LastIndexOf('@'));
        return Letters(own) >= MinAliasLetters && NamesMailbox(local, firstName, last) && !NamesMailbox(local, own, last);
    }

    private const int MinAliasLetters = 3;

    private static readonly System.Buffers.SearchValues<char> MailboxSeparators = System.Buffers.SearchValues.Create(".-_+0123456789");

    private static int Letters(string name)
    {
        var count = 0;
        foreach (var c in name)
        {
            count += char.IsAsciiLetterLower(c) ? 1 : 0;
        }

        return count;
    }

    private static bool NamesMailbox(ReadOnlySpan<char> local, string firstName, string lastName)
    {
        Span<char> first = stackalloc char[Math.Min(firstName.Length, 64)];
        first = first[..NameSpelling.AsciiLetters(firstName, first)];
        if (first.Length < MinAliasLetters)
        {
            return false; // "Li", "Al": too short to say anything
        }

        var last = lastName.AsSpan();
        var space = last.LastIndexOf(' ');
        last = space >= 0 ? last[(space + 1)..] : last;
        while (!local.IsEmpty)
        {
            // The parts between dots, dashes, underscores, plus signs and digits.
            var end = local.IndexOfAny(MailboxSeparators);
            var part = end < 0 ? local : local[..end];
            local = end < 0 ? default : local[(end + 1)..];
            if (part.SequenceEqual(first)
                || (part.StartsWith(first) && part[first.Length..] is var rest && (rest.SequenceEqual(last) || (rest.Length == 1 && last.Length > 0 && rest[0] == last[0])))
                || (part.EndsWith(first) && part[..^first.Length].SequenceEqual(last)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(NameComparison comparison, string field) => comparison switch
    {
        NameComparison.MailboxAlias => field + "s differ, but one's own mailbox is named after the other (two names of one person)",
        NameComparison.Same => "same " + field,
        NameComparison.Nickname => field + ": nickname or romanisation of the other",
        NameComparison.Transliterated => field + ": same in another spelling (ü/ue, ł/l …)",
        NameComparison.Partial => field + ": one is part or a short form of the other",
        NameComparison.Typo => field + ": a typo apart",
        NameComparison.Initial => field + ": an initial of the other",
        NameComparison.Different => field + "s differ",
        NameComparison.OneLetter => field + ": short names one letter apart (a typo, or another name)",
        _ => "missing or not comparable (another script) on one side",
    };

    private static bool DifferentExtensions(string? a, string? b)
    {
        var extensionA = PhoneKey.ExtensionOf(a);
        var extensionB = PhoneKey.ExtensionOf(b);
        return !extensionA.IsEmpty && !extensionB.IsEmpty && !extensionA.SequenceEqual(extensionB);
    }

    private static EmailComparison CompareEmail(LeadMatchSubject a, LeadMatchSubject b)
    {
        if (a.EmailIdentity is null || b.EmailIdentity is null)
        {
            return EmailComparison.Missing;
        }

        if (string.Equals(a.EmailIdentity, b.EmailIdentity, StringComparison.Ordinal))
        {
            return a.IsRoleMailbox ? EmailComparison.SameRoleMailbox : a.IsFreemailDomain ? EmailComparison.SameMailbox : EmailComparison.SameCompanyMailbox;
        }

        var atA = a.EmailIdentity.LastIndexOf('@');
        var atB = b.EmailIdentity.LastIndexOf('@');
        var domainA = a.EmailIdentity.AsSpan(atA + 1);
        var domainB = b.EmailIdentity.AsSpan(atB + 1);
        if (!a.IsRoleMailbox && a.EmailIdentity.AsSpan(0, atA).SequenceEqual(b.EmailIdentity.AsSpan(0, atB)) && atA >= 3
            && (domainA.StartsWith(domainB) || domainB.StartsWith(domainA) || EditDistance.AtMost(domainA, domainB, 1)))
        {
            // One slip of the keyboard (gmial.com, hotmai.com, contso.com) or a cut-off ending (gmail.co, .com for .com.au).
            // Not two: companies' domains one or two characters apart are other companies' (vltava50.com, vltava94.com;
            // granittele.ro, granitsyst.ro), and one handle at two of them is two namesakes.
            return EmailComparison.SameMailboxMisspelt;
        }

        if (!a.IsRoleMailbox && !b.IsRoleMailbox && (GmailMisspelt(a.EmailIdentity.AsSpan(0, atA), domainA, b.EmailIdentity.AsSpan(0, atB), domainB)
            || GmailMisspelt(b.EmailIdentity.AsSpan(0, atB), domainB, a.EmailIdentity.AsSpan(0, atA), domainA)))
        {
            return EmailComparison.SameMailboxMisspelt; // fiona.nguyen@gnail.com: Gmail's identity has no dots, the slip's keeps them
        }

        if (a.IsRoleMailbox != b.IsRoleMailbox)
        {
            return EmailComparison.DifferentOneShared; // a household's or a role's mailbox beside a person's own
        }

        if (a.IsFreemailDomain && b.IsFreemailDomain)
        {
            return EmailComparison.DifferentFreemail; // two personal mailboxes: people keep one, households have several
        }

        if (a.IsFreemailDomain != b.IsFreemailDomain && !a.IsRoleMailbox && !b.IsRoleMailbox)
        {
            return EmailComparison.WorkAndPersonal; // one person signs in with a work account one day and a personal one the next
        }

        return !a.IsFreemailDomain && !b.IsFreemailDomain && !a.IsRoleMailbox && !b.IsRoleMailbox && domainA.SequenceEqual(domainB)
            ? EmailComparison.DifferentAtCompanyDomain
            : EmailComparison.Different;
    }

    /// <summary>
    /// Whether an address at a slip of Gmail's domain (<c>gnail.com</c>, <c>gmial.com</c>) is the Gmail mailbox: Gmail's
    /// identity is written without dots (and a <c>+tag</c>), so the slip's local part is read the same way first.
    /// </summary>
    private static bool GmailMisspelt(ReadOnlySpan<char> gmailLocal, ReadOnlySpan<char> gmailDomain, ReadOnlySpan<char> local, ReadOnlySpan<char> domain)
    {
        if (!gmailDomain.SequenceEqual("gmail.com") || domain.SequenceEqual("gmail.com") || !EditDistance.AtMost(domain, "gmail.com", 1) || local.Length > 64)
        {
            return false;
        }

        var plus = local.IndexOf('+');
        local = plus >= 0 ? local[..plus] : local;
        Span<char> bare = stackalloc char[local.Length];
        var length = 0;
        foreach (var c in local)
        {
            if (c != '.')
            {
                bare[length++] = c;
            }
        }

        return length >= 3 && bare[..length].SequenceEqual(gmailLocal);
    }

    private NameComparison CompareFirst(string? a, string? canonicalA, string? b, string? canonicalB)
    {
        if (a is null || b is null)
        {
            return NameComparison.Missing;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return NameComparison.Same;
        }

        if (string.Equals(canonicalA, canonicalB, StringComparison.Ordinal) || Nicknames.ShareAName(a, b))
        {
            return NameComparison.Nickname;
        }

        if (NameSpelling.IsLatin(a) != NameSpelling.IsLatin(b))
        {
            return NameComparison.Missing; // one in another script: not comparable
        }

        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0] ? NameComparison.Initial : NameComparison.Different;
        }

        if (NameSpelling.AreGenderedForms(a, b))
        {
            return NameComparison.Different; // Mario and Maria
        }

        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        if (a.Length != b.Length && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            // A short form: Jo for Joanne, Alex for Alexandra, Chris for Christopher. A name of two letters against one a
            // letter longer is a slip or another name (Hu for Hui; Li and Liu), as short names one letter apart are.
            return shorter.Length <= 2 && longer.Length == shorter.Length + 1 ? NameComparison.OneLetter : NameComparison.Partial;
        }

        if (shorter.Length >= 4 && longer.Length >= 7 && longer.EndsWith(shorter, StringComparison.Ordinal))
        {
            return NameComparison.Partial; // a short form from the end: Tope for Temitope, Tina for Christina, Rick for Frederick
        }

        var comparison = CompareNames(a, b, 0.9);

        // Jaro-Winkler forgives short names too much: Raúl and Raquel score 0.91 but are two edits apart, two people's
        // names rather than one slip. A typo in a first name is one edit, or two in a long name.
        return comparison == NameComparison.Typo && !EditDistance.AtMost(a, b, Math.Max(a.Length, b.Length) >= 8 ? 2 : 1)
            ? NameComparison.Different
            : comparison == NameComparison.Different && OneLetterApart(a, b) ? NameComparison.OneLetter : comparison;
    }

    /// <summary>Two names of one length from three letters on, the first letter equal, one other letter different: a typo Jaro–Winkler does not forgive in a short name.</summary>
    private static bool OneLetterApart(string a, string b)
    {
        if (a.Length != b.Length || a.Length < 4 || a[0] != b[0])
        {
            return false;
        }

        var differences = 0;
        for (var i = 1; i < a.Length; i++)
        {
            differences += a[i] != b[i] ? 1 : 0;
        }

        return differences == 1;
    }

    /// <summary>
    /// One person whose last name changed (a marriage), or two colleagues of one first name: two mailboxes at the company's
    /// domain, the first names agreeing, and one phone that no other profile holds (a mobile, a desk, or an office number
    /// only these two gave). The corpora disagree on which is likelier, so the mailboxes count for nothing either way and
    /// the pair goes to review (the veto on two company mailboxes stands); one job title as well merges it
    /// (<see cref="LastNameChanged"/>).
    /// </summary>
    private static bool NameChanged(in PairComparison pair, in SharedCounts shared) =>
        pair.Email == EmailComparison.DifferentAtCompanyDomain && pair.Phone is ValueComparison.Same or ValueComparison.Similar && shared.Phone <= 1 && pair.Last == NameComparison.Different
        && pair.First is NameComparison.Same or NameComparison.Nickname or NameComparison.Transliterated or NameComparison.Initial or NameComparison.Partial or NameComparison.Typo or NameComparison.OneLetter
        && pair.Company is ValueComparison.Same or ValueComparison.Similar && !pair.GenerationsDiffer;


    /// <summary>
    /// One person whose last name changed, told from two colleagues of one first name: the first names agree, the last
    /// names differ (or one is part of the other: a double-barrelled married name), the company agrees, one mobile that no
    /// other profile holds is on both, and so is one job title (<see cref="JobTitle"/>). Two colleagues share a first name,
    /// a company mobile and a title far more rarely than one of them does; without the title the pair goes to review
    /// (<see cref="NameChanged"/>). A household's mailbox beside a personal one, or two free mailboxes, are a family's signs, not this.
    /// </summary>
    private static bool LastNameChanged(in PairComparison pair, in SharedCounts shared) =>
        pair.SameTitle && pair.MobilePhone && shared.Phone <= 1 && pair.Last is NameComparison.Different or NameComparison.Partial
        && pair.First is NameComparison.Same or NameComparison.Nickname or NameComparison.Transliterated or NameComparison.Initial or NameComparison.Partial or NameComparison.Typo or NameComparison.OneLetter
        && pair.Company is ValueComparison.Same or ValueComparison.Similar && !pair.GenerationsDiffer
        && pair.Email is not (EmailComparison.DifferentFreemail or EmailComparison.DifferentOneShared);

    private NameComparison CompareLast(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return NameComparison.Missing;
        }

        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return NameComparison.Same;
        }

        if (NameSpelling.IsLatin(a) != NameSpelling.IsLatin(b))
        {
            return NameComparison.Missing; // one in another script: not comparable
        }

        if (a.Length == 1 || b.Length == 1)
        {
            return a[0] == b[0] ? NameComparison.Initial : NameComparison.Different; // "Surya N" against "Surya Naidu"
        }

        var bareA = NameSpelling.WithoutGeneration(a);
        var bareB = NameSpelling.WithoutGeneration(b);
        if (bareA.SequenceEqual(bareB))
        {
            return NameComparison.Same; // the generational suffix is weighed on its own (a veto when they differ)
        }

        if (NameSpelling.SameWordsReordered(a, b))
        {
            return NameComparison.Transliterated; // "Linden, van der" against "van der Linden"
        }

        if (FamilyNames.AreRomanisations(a, b))
        {
            return NameComparison.Nickname; // Park and Bak, Zhou and Chou, Lü and Lv, Ito and Itoh
        }

        var comparison = CompareNames(a, b, 0.88);
        return comparison == NameComparison.Different && OneLetterApart(a, b) ? NameComparison.OneLetter : comparison;
    }

    private NameComparison CompareNames(string a, string b, double typoSimilarity)
    {
        if (NameSpelling.AreTransliterations(a, b))
        {
            return NameComparison.Transliterated;
        }

        if (NameSpelling.OneContainsTheOther(a, b))
        {
            return NameComparison.Partial;
        }

        if (_fuzzyNames && a.Length >= 3 && b.Length >= 3 && JaroWinkler.Similarity(a, b) >= typoSimilarity)
        {
            return NameComparison.Typo;
        }

        return NameComparison.Different;
    }
}
