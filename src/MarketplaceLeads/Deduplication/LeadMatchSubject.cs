using System;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// A customer's details reduced to what matching compares: folded names, the mailbox identity of the
/// e-mail address, a phone key, a company key and the country code. Built once per lead (and once
/// per profile, for its surviving values) and handed to every <see cref="ILeadMatchStrategy"/>.
/// </summary>
/// <remarks>
/// Every value is <see langword="null"/> when the field is blank, invalid or reduces to nothing, so
/// "both present and equal" is how a strategy tests a match: blanks never match.
/// </remarks>
public sealed class LeadMatchSubject
{
    private LeadMatchSubject(CustomerInfo customer, SubjectCache? cache)
    {
        Customer = customer;
        IsTestData = customer.IsTestData;
        uint firstCode = 0, lastCode = 0;
        var codesKnown = cache is not null;
        if (cache is null)
        {
            FirstName = FoldOrNull(customer.FirstName);
            FirstNameCanonical = FirstName is null ? null : Nicknames.Canonical(FirstName);
            LastName = FoldOrNull(customer.LastName);
        }
        else
        {
            FirstName = cache.FirstName(customer.FirstName, out var canonical, out firstCode);
            FirstNameCanonical = canonical;
            LastName = cache.LastName(customer.LastName, out lastCode);
        }

        if (LastName is null && customer.FirstName is { } whole && whole.IndexOf(',') is var comma and > 0
            && FoldOrNull(whole[..comma]) is { } before && FoldOrNull(whole[(comma + 1)..]) is { } after)
        {
            // "Robinson, Richard P." in the first-name field and nothing in the last: the name as a list writes it, last name first.
            LastName = before;
            FirstName = after;
            FirstNameCanonical = Nicknames.Canonical(FirstName);
            codesKnown = false;
        }
        else if (LastName is null && FirstName is not null && FirstName.LastIndexOf(' ') is var space and > 0)
        {
            // The whole name in the first-name field ("Naga Mounika Ravipati"): its last word is the last name.
            LastName = FirstName[(space + 1)..];
            FirstName = FirstName[..space];
            FirstNameCanonical = Nicknames.Canonical(FirstName);
            codesKnown = false;
        }

        if (LastName is not null && FirstName is not null && FirstName.Length > LastName.Length + 1
            && FirstName.AsSpan().EndsWith(LastName, StringComparison.Ordinal) && FirstName[FirstName.Length - LastName.Length - 1] == ' ')
        {
            // The whole name in the first-name field and the last name again in its own ("Lorena Díaz Fernández | Díaz Fernández").
            FirstName = FirstName[..(FirstName.Length - LastName.Length - 1)];
            FirstNameCanonical = Nicknames.Canonical(FirstName);
            codesKnown = false;
        }

        if (codesKnown)
        {
            _nameCodes = PackNameCodes(firstCode, lastCode);
        }

        CompanyKey = cache is null ? CompanyKeyOrNull(customer.Company) : cache.Company(customer.Company);
        CountryCode = cache is null ? Countries.ToAlpha2(customer.Country) : cache.Country(customer.Country);
        PhoneCode = Deduplication.PhoneKey.PackedOf(customer.Phone, CountryCode);
        HasPhoneExtension = PhoneCode != 0 && !Deduplication.PhoneKey.ExtensionOf(customer.Phone).IsEmpty;
        if (!string.IsNullOrWhiteSpace(customer.Email))
        {
            var email = customer.Email.AsSpan().Trim();
            if (EmailNormalizer.IsValid(email))
            {
                // A valid address is at most 254 characters and has one '@', so the identity's '@' is its last.
                Span<char> buffer = stackalloc char[2 * email.Length];
                var lower = buffer[..email.Length];
                var identity = buffer[email.Length..];
                email.ToLowerInvariant(lower);
                var written = Deduplication.EmailIdentity.Write(lower, identity, out var at, out var freemail);
                IsFreemailDomain = freemail;

                // Most addresses are their own mailbox identity (lower case, no tag): the address itself is kept then, no copy.
                EmailIdentity = identity[..written].SequenceEqual(customer.Email) ? customer.Email : new string(identity[..written]);
            }
        }
    }

    /// <summary>Gets the customer as sent.</summary>
    public CustomerInfo Customer { get; }

    /// <summary>Gets the first name folded for comparison: lower case, no diacritics, no punctuation ("José-María" → <c>jose maria</c>). When the last name is blank and the first-name field holds several words, the words before the last.</summary>
    public string? FirstName { get; }

    /// <summary>Gets the canonical form of <see cref="FirstName"/> by the nickname table (Bob, Rob, Bobby → <c>robert</c>).</summary>
    public string? FirstNameCanonical { get; }

    /// <summary>Gets the last name folded for comparison ("O'Brien" → <c>obrien</c>); when blank and the first-name field holds several words, its last word.</summary>
    public string? LastName { get; }

    /// <summary>Gets the mailbox the e-mail address delivers to: lower case, provider rules applied (Gmail dots and <c>+tag</c>, Outlook/Hotmail/Live and iCloud <c>+tag</c>, Yahoo <c>-tag</c>); <see langword="null"/> for a missing or invalid address.</summary>
    public string? EmailIdentity { get; }

    /// <summary>Gets the domain of <see cref="EmailIdentity"/>.</summary>
    public ReadOnlySpan<char> EmailDomain => EmailIdentity is null ? default : EmailIdentity.AsSpan(EmailIdentity.LastIndexOf('@') + 1);

    /// <summary>Gets a value indicating whether the e-mail domain is a free mailbox provider (Gmail, Outlook.com, Yahoo, …), which says nothing about the company.</summary>
    public bool IsFreemailDomain { get; }

    /// <summary>Gets a value indicating whether the mailbox is a role address (<c>info@</c>, <c>sales@</c>, <c>admin@</c> …) that several people may share.</summary>
    /// <remarks>Worked out on first use (most subjects are never compared on their mailbox).</remarks>
    public bool IsRoleMailbox
    {
        get
        {
            // 0: not yet known; 1: no; 2: yes. One byte, so a race only works it out twice.
            var role = _roleMailbox;
            if (role == 0)
            {
                var identity = EmailIdentity;
                role = identity is not null && (Deduplication.EmailIdentity.IsRoleMailbox(identity.AsSpan(0, identity.LastIndexOf('@'))) || IsRoleAsWritten() || NamesTheFamily(identity)) ? (byte)2 : (byte)1;
                _roleMailbox = role;
            }

            return role == 2;
        }
    }

    private byte _roleMailbox;

    /// <summary>
    /// Whether the mailbox is named after the customer's family as a household writes it: "the" and the family name in the
    /// plural (<c>thegills@</c> of Kavita Gill, <c>the.robinsons@</c> of Steven Robinson). Only the customer's own last name
    /// reads so: <c>theodoros@</c> names a person.
    /// </summary>
    private bool NamesTheFamily(string identity)
    {
        if (LastName is not { Length: >= 2 } last || identity.Length < 6 || !identity.StartsWith("the", StringComparison.Ordinal))
        {
            return false; // most mailboxes: one comparison
        }

        Span<char> letters = stackalloc char[Math.Min(identity.Length, 128)];
        var local = letters[..NameSpelling.AsciiLetters(identity.AsSpan(0, identity.LastIndexOf('@')), letters)];
        if (!local.StartsWith("the", StringComparison.Ordinal))
        {
            return false;
        }

        var plural = local[3..];
        Span<char> family = stackalloc char[Math.Min(last.Length, 64)];
        family = family[..NameSpelling.AsciiLetters(last, family)];
        return family.Length >= 2 && plural.StartsWith(family, StringComparison.Ordinal)
            && plural[family.Length..] is var ending && (ending.SequenceEqual("s") || ending.SequenceEqual("es"));
    }

    /// <summary>
    /// Whether the local part as written (lower case, without its tag) names a role or a household: the mailbox identity of a
    /// Gmail address has no dots, so <c>fam.vogt@gmail.com</c> is <c>famvogt</c> there, and its words are seen only here.
    /// </summary>
    private bool IsRoleAsWritten()
    {
        var email = Customer.Email.AsSpan().Trim();
        var at = email.LastIndexOf('@');
        var local = at > 0 ? email[..at] : default;
        var tag = local.IndexOf('+');
        local = tag > 0 ? local[..tag] : local;
        if (local.IsEmpty || local.Length > 64 || local.IndexOfAny('.', '_', '-') < 0)
        {
            return false; // no separator: the identity's local part said it all
        }

        Span<char> lower = stackalloc char[local.Length];
        local.ToLowerInvariant(lower);
        return Deduplication.EmailIdentity.IsRoleMailbox(lower);
    }

    // The packed Soundex codes of FirstNameCanonical (bits 14-27) and LastName (bits 0-13), bit 31 set once worked out:
    // a batch takes them from its cache (one per distinct name); otherwise they are worked out on first use.
    private uint _nameCodes;

    private const uint NameCodesKnown = 1u << 31;

    /// <summary>Gets the packed Soundex codes of <see cref="FirstNameCanonical"/> and <see cref="LastName"/> (read them with <see cref="FirstNameCodeOf"/> and <see cref="LastNameCodeOf"/>).</summary>
    internal uint NameCodes
    {
        get
        {
            var codes = _nameCodes;
            if (codes == 0)
            {
                codes = PackNameCodes(Soundex.Pack(FirstNameCanonical), Soundex.Pack(LastName is null ? null : FamilyNames.Canonical(LastName)));
                _nameCodes = codes; // a race only works them out twice
            }

            return codes;
        }
    }

    /// <summary>Gets a value indicating whether the phone number as sent has an extension (<see cref="Deduplication.PhoneKey.ExtensionOf"/>); <see langword="false"/> without a <see cref="PhoneKey"/>.</summary>
    internal bool HasPhoneExtension { get; }

    /// <summary>The packed Soundex code of the canonical first name in <paramref name="codes"/> (0 for none).</summary>
    internal static uint FirstNameCodeOf(uint codes) => (codes >> 14) & 0x3FFF;

    /// <summary>The packed Soundex code of the last name in <paramref name="codes"/> (0 for none).</summary>
    internal static uint LastNameCodeOf(uint codes) => codes & 0x3FFF;

    private static uint PackNameCodes(uint first, uint last) => NameCodesKnown | (first << 14) | last;

    /// <summary>Gets the phone number as <c>+</c>, country calling code and national digits, read with the customer's country; <see langword="null"/> for a missing or implausible number.</summary>
    /// <remarks>Formatted on each call: the subject keeps the number packed in 64 bits, which is what matching compares.</remarks>
    public string? PhoneKey => Deduplication.PhoneKey.ToText(PhoneCode);

    /// <summary>Gets a value indicating whether the phone is a mobile by its country's numbering plan (worked out on first use; <see cref="Deduplication.PhoneKey.IsMobile"/>).</summary>
    internal bool IsMobilePhone
    {
        get
        {
            var known = _mobile;
            if (known == 0)
            {
                _mobile = known = Deduplication.PhoneKey.LineClass(PhoneCode); // a race computes it twice, the same
            }

            return known == 2;
        }
    }

    /// <summary>Gets a value indicating whether the phone may be a mobile: a mobile, or a number of a plan that does not tell mobiles from landlines (the US, Mexico; <see cref="Deduplication.PhoneKey.LineClass"/>).</summary>
    internal bool MayBeMobilePhone => IsMobilePhone || _mobile == 3;

    private byte _mobile;

    /// <summary>Gets a value indicating whether a name was given in Hangul, Cyrillic or Greek and romanised (<see cref="Hangul"/>, <see cref="CyrillicGreek"/>): its romanisation may differ from the Latin spelling a person uses, so a difference says little (worked out on first use).</summary>
    internal bool HasRomanizedName
    {
        get
        {
            var known = _romanized;
            if (known == 0)
            {
                _romanized = known = Hangul.Contains(Customer.FirstName) || Hangul.Contains(Customer.LastName)
                    || CyrillicGreek.Contains(Customer.FirstName) || CyrillicGreek.Contains(Customer.LastName) ? (byte)2 : (byte)1;
            }

            return known == 2;
        }
    }

    private byte _romanized;

    /// <summary>Gets the code of the legal form the company name gives (<see cref="Deduplication.CompanyKey.FormCode"/>; 0 for none), worked out on first use.</summary>
    internal int CompanyFormCode
    {
        get
        {
            var known = _formCode;
            if (known == 0)
            {
                var code = Deduplication.CompanyKey.FormCode(Customer.Company);
                _formCode = known = code == 0 ? int.MinValue : code; // int.MinValue: none (a code is odd, never int.MinValue)
            }

            return known == int.MinValue ? 0 : known;
        }
    }

    private int _formCode;

    /// <summary>Gets <see cref="PhoneKey"/> packed (<see cref="Deduplication.PhoneKey.Pack"/>), 0 for none: equal keys, equal codes.</summary>
    internal ulong PhoneCode { get; }

    /// <summary>Gets the company name folded with legal-form suffixes removed ("Contoso, Ltd." → <c>contoso</c>).</summary>
    public string? CompanyKey { get; }

    /// <summary>Gets the ISO 3166-1 alpha-2 code of the customer's country, when recognised.</summary>
    public string? CountryCode { get; }

    /// <summary>Gets a value indicating whether the customer is marketplace test data (<c>MSFT_TEST_</c> values).</summary>
    public bool IsTestData { get; }

    /// <summary>Gets a value indicating whether nothing matchable is present (no name, e-mail, phone or company).</summary>
    public bool IsBlank => FirstName is null && LastName is null && EmailIdentity is null && PhoneCode == 0 && CompanyKey is null;

    /// <summary>Reduces a customer's details for matching.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The subject.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is <see langword="null"/>.</exception>
    public static LeadMatchSubject Create(CustomerInfo customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new LeadMatchSubject(customer, null);
    }

    /// <summary>Reduces a customer's details, reusing the folded names, company keys and country codes of a batch.</summary>
    internal static LeadMatchSubject Create(CustomerInfo customer, SubjectCache cache) => new(customer, cache);

    /// <summary>Folds a name (<see cref="TextFolding.Fold"/>) without the form of address in front of it (<see cref="WithoutHonorific"/>); a name in Hangul, Cyrillic or Greek is romanised (<see cref="Hangul"/>, <see cref="CyrillicGreek"/>), so that it compares with its Latin spelling.</summary>
    internal static string? FoldOrNull(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = WithoutHonorific(TextFolding.Fold(text), text);
        return NullIfEmpty(Hangul.Contains(folded) ? Hangul.Romanize(folded) : CyrillicGreek.Contains(folded) ? CyrillicGreek.Romanize(folded) : folded);
    }

    /// <summary>
    /// A folded name without the form of address it starts with ("Mrs. Novi" → <c>novi</c>, "Dr. Ahmed" → <c>ahmed</c>,
    /// "Eng. Hassan" → <c>hassan</c>); a name that is only a form of address ("Mr.") is no name. Only the first word is
    /// read, and only the forms below; those that are names too (Eng, Ing, Sr) only with their full stop as written
    /// (<paramref name="written"/>). Don, Sir or Bay stay names.
    /// </summary>
    internal static string WithoutHonorific(string folded, ReadOnlySpan<char> written)
    {
        var space = folded.IndexOf(' ');
        var word = space < 0 ? folded.AsSpan() : folded.AsSpan(0, space);
        var isHonorific = word switch
        {
            "mr" or "mrs" or "ms" or "mx" or "miss" or "dr" or "prof" or "mme" or "mlle" or "herr" or "frau" or "sra" or "srta" or "shri" or "smt" => true,
            "eng" or "engr" or "ing" or "sr" => FullStopAfterFirstWord(written, word.Length),
            _ => false,
        };
        if (!isHonorific)
        {
            return folded;
        }

        return space < 0 ? string.Empty : folded[(space + 1)..];
    }

    /// <summary>Whether the text as written has a full stop right after its first <paramref name="letters"/> letters ("Eng. Hassan", not "Eng Hock").</summary>
    private static bool FullStopAfterFirstWord(ReadOnlySpan<char> written, int letters)
    {
        written = written.TrimStart();
        return written.Length > letters && written[letters] == '.';
    }

    internal static string? CompanyKeyOrNull(string? company) =>
        string.IsNullOrWhiteSpace(company) ? null : NullIfEmpty(Deduplication.CompanyKey.Of(company));

    /// <summary>Returns a description without personal data: which values are present.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"LeadMatchSubject {{ Name = {(LastName is null ? "no" : "yes")}, Email = {(EmailIdentity is null ? "no" : "yes")}, Phone = {(PhoneKey is null ? "no" : "yes")}, Company = {(CompanyKey is null ? "no" : "yes")}, Country = {CountryCode ?? "none"}, Test = {IsTestData} }}";

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
