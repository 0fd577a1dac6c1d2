using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A name template: what goes into FirstName and LastName, in tokens (see <see cref="MeridianIdentity"/>).</summary>
internal sealed record MeridianTemplate(string First, string Last, int Weight);

/// <summary>
/// A person's name and how they write it: the parts (given, middle, family, patronym, English name) and their
/// habits (which order, which spelling, nickname, diacritics). Templates use tokens: <c>{G}</c> the given name
/// they go by on this form (their own or their English one), <c>{C}</c> their own given name, <c>{W}</c> the
/// English one, <c>{M}</c>/<c>{m}</c> the middle name or prefix and its initial, <c>{F}</c>/<c>{f}</c> the family
/// name and its initial, <c>{P}</c>/<c>{p}</c> the father's name and its initial, <c>{S}</c> Singh or Kaur,
/// <c>{B}</c> bin or binti.
/// </summary>
internal sealed class MeridianIdentity
{
    private static readonly string[] AlStyles = ["Al ", "Al-", "Al", "al-", "Al"];

    public required MeridianCultureInfo Culture { get; init; }

    public required bool Female { get; init; }

    public required MeridianName Given { get; init; }

    public MeridianName? Western { get; init; }

    public MeridianName? Middle { get; init; }

    public MeridianName? Family { get; init; }

    /// <summary>Gets a family name that is not from the pool: a double-barrelled married name (Kaya Yılmaz, Smith-Jones).</summary>
    public string? FamilyText { get; init; }

    public MeridianName? Patronym { get; init; }

    public string? SikhWord { get; init; }

    public required MeridianTemplate[] Templates { get; init; }

    /// <summary>Gets the index of the template the person usually follows.</summary>
    public required int Habit { get; init; }

    /// <summary>Gets how the person writes a two-syllable given name (0 joined, 1 spaced, 2 hyphen, 3 hyphen or camel case).</summary>
    public int SyllableStyle { get; init; }

    /// <summary>Gets how the person writes the Arabic article (Al Qahtani, Al-Qahtani, Alqahtani …).</summary>
    public string AlStyle { get; init; } = "Al ";

    /// <summary>Gets the person's own spelling of the given name (Mohammed, Muhammad …).</summary>
    public required string GivenSpelling { get; init; }

    /// <summary>Gets the person's own spelling of the family name (Banerjee or Bandyopadhyay …).</summary>
    public string? FamilySpelling { get; init; }

    /// <summary>Gets the person's spelling of the middle name or prefix (Muhammad, Mohd, Md …).</summary>
    public string? MiddleSpelling { get; init; }

    /// <summary>Gets how the person writes bin or binti.</summary>
    public string BinWord { get; init; } = "bin";

    /// <summary>Gets the share of forms on which the person goes by the English given name.</summary>
    public double WesternShare { get; init; }

    /// <summary>Gets the nickname the person goes by on some forms, if any.</summary>
    public string? Nickname { get; init; }

    /// <summary>Gets the share of forms with the nickname.</summary>
    public double NicknameShare { get; init; }

    /// <summary>Gets the share of forms typed without diacritics.</summary>
    public double StripDiacritics { get; init; }

    /// <summary>Gets the share of forms with the family name in capitals (ADEYEMI Oluwaseun, TAN Wei Ming).</summary>
    public double UpperFamily { get; init; }

    /// <summary>Gets a value indicating whether the person's mailbox at work uses the English given name.</summary>
    public bool WesternAtWork { get; init; }

    /// <summary>Gets the given name as it goes into a mailbox (ASCII, lower case).</summary>
    public string MailGiven =>
        MeridianPlaces.ToMailbox(WesternAtWork && Western is not null ? Western.Canonical : GivenSpelling);

    /// <summary>Gets the given name's syllable initials for Korean-style mailboxes (Min-jun → mj).</summary>
    public string MailGivenInitials =>
        WesternAtWork && Western is not null ? MailGiven[..1]
        : Given.Syllables.Count > 0 ? string.Concat(Given.Syllables.Select(s => MeridianPlaces.ToMailbox(s)[..1]))
        : MailGiven[..1];

    /// <summary>Gets the family name as it goes into a mailbox (the father's name where there is no family name).</summary>
    public string MailFamily
    {
        get
        {
            if (FamilyText is not null)
            {
                return MeridianPlaces.ToMailbox(FamilyText.Split(' ', '-')[^1]);
            }

            if (Family is not null)
            {
                var family = MeridianPlaces.ToMailbox(FamilySpelling ?? Family.Canonical);
                return Family.AlPrefix && AlStyle.Length > 0 && AlStyle != "Al " ? "al" + family : family;
            }

            if (SikhWord is not null)
            {
                return MeridianPlaces.ToMailbox(SikhWord);
            }

            return Patronym is not null ? MeridianPlaces.ToMailbox(Patronym.Canonical) : MailGiven;
        }
    }

    /// <summary>Gets the middle name's initial for Vietnamese-style mailboxes (minhnv), or empty.</summary>
    public string MailMiddleInitial => Middle is null ? string.Empty : MeridianPlaces.ToMailbox(Middle.Canonical)[..1];

    /// <summary>Gets the full name as usually written, for tests and statistics.</summary>
    public string DisplayName => Resolve(Templates[Habit].First, null, useWestern: false) + " " + Resolve(Templates[Habit].Last, null, useWestern: false);

    /// <summary>Makes a new identity of a tradition.</summary>
    /// <param name="culture">The tradition.</param>
    /// <param name="female">Whether the person is a woman.</param>
    /// <param name="random">The random source.</param>
    /// <param name="given">A given name to use (namesakes), or null to draw one.</param>
    /// <param name="family">A family name to use (households, namesakes), or null to draw one.</param>
    /// <param name="twin">An identity whose spelling habits to copy (namesakes, households), or null.</param>
    /// <param name="familyText">A family name outside the pool (a double-barrelled married name).</param>
    public static MeridianIdentity Create(
        MeridianCultureInfo culture,
        bool female,
        Random random,
        MeridianName? given = null,
        MeridianName? family = null,
        MeridianIdentity? twin = null,
        string? familyText = null)
    {
        given ??= random.PickName(female ? culture.Female : culture.Male);
        var middlePool = female ? culture.MiddleFemale : culture.MiddleMale;
        MeridianName? middle = null;
        MeridianName? patronym = null;
        string? sikh = null;
        var c = culture.Culture;
        switch (c)
        {
            case MeridianCulture.Vietnamese:
                middle = random.PickName(middlePool);
                break;
            case MeridianCulture.Kenyan:
                middle = random.Chance(0.8) ? random.PickName(middlePool) : null;
                break;
            case MeridianCulture.Telugu:
                middle = random.Chance(0.35) ? random.PickName(middlePool) : null;
                break;
            case MeridianCulture.Turkish:
                middle = random.Chance(0.18) ? random.PickName(middlePool) : null;
                break;
            case MeridianCulture.Malay:
                middle = random.Chance(0.5) ? random.PickName(middlePool) : null;
                patronym = random.PickName(culture.Male);
                break;
            case MeridianCulture.Arab:
                patronym = random.PickName(culture.Male);
                break;
            case MeridianCulture.Tamil:
                patronym = random.PickName(culture.Male);
                break;
            case MeridianCulture.Punjabi:
                sikh = female ? "Kaur" : "Singh";
                break;
            default:
                break;
        }

        if (family is null && familyText is null && culture.Family.Length > 0)
        {
            // Patronymic Tamil names: about half the people have no family name, only the father's.
            var patronymicOnly = c == MeridianCulture.Tamil && twin is null && random.Chance(0.45);
            var clanless = c == MeridianCulture.Punjabi && twin is null && random.Chance(0.35);
            family = patronymicOnly || clanless ? null : random.PickName(culture.Family);
        }

        // Namesakes share the English name too; members of a household have their own.
        var western = twin is not null && twin.Given == given ? twin.Western : null;
        if ((twin is null || twin.Given != given) && culture.WesternRate > 0 && random.Chance(culture.WesternRate))
        {
            western = random.PickName(female ? culture.WesternFemale : culture.WesternMale);
        }

        var templates = TemplatesOf(c, family is not null || familyText is not null, middle is not null, western is not null);
        var habit = twin is not null && twin.Templates.Length == templates.Length
            ? twin.Habit
            : random.Weighted([.. templates.Select((t, i) => (i, t.Weight))]);

        var nickname = given.Nicknames.Count > 0 ? random.Pick(given.Nicknames) : null;
        return new MeridianIdentity
        {
            Culture = culture,
            Female = female,
            Given = given,
            Western = western,
            Middle = middle,
            Family = familyText is null ? family : null,
            FamilyText = familyText,
            Patronym = patronym,
            SikhWord = sikh,
            Templates = templates,
            Habit = habit,
            SyllableStyle = twin?.SyllableStyle ?? SyllableHabit(c, random),
            AlStyle = twin?.AlStyle ?? random.Pick(AlStyles),
            GivenSpelling = twin is not null && twin.Given == given ? twin.GivenSpelling : Spelling(given, random, 0.25),
            FamilySpelling = family is null ? null
                : twin is not null && twin.Family == family ? twin.FamilySpelling : Spelling(family, random, 0.2),
            MiddleSpelling = middle is null ? null : Spelling(middle, random, 0.6),
            BinWord = female ? random.Pick(["binti", "binti", "Binti", "bt", "bte"]) : random.Pick(["bin", "bin", "Bin", "b."]),
            WesternShare = western is null ? 0 : random.Pick([0.5, 0.7, 0.85, 0.95]),
            WesternAtWork = western is not null && random.Chance(0.6),
            Nickname = nickname,
            NicknameShare = nickname is null ? 0 : random.Chance(0.35) ? random.Pick([0.3, 0.5, 0.8]) : 0.04,
            StripDiacritics = random.Pick([0.05, 0.4, 0.8, 0.95]),
            UpperFamily = c is MeridianCulture.Yoruba or MeridianCulture.Igbo or MeridianCulture.Hausa or MeridianCulture.SeaChinese or MeridianCulture.Chinese
                ? random.Pick([0.0, 0.0, 0.2, 0.6])
                : random.Pick([0.0, 0.0, 0.0, 0.05]),
        };
    }

    /// <summary>Makes the identity after a marriage: same person and given name, another family name.</summary>
    public MeridianIdentity Married(Random random)
    {
        var husband = random.PickName(Culture.Family.Where(f => f != Family).ToArray());
        string? familyText = null;
        if (Culture.Culture == MeridianCulture.Turkish && random.Chance(0.4) && Family is not null)
        {
            familyText = Family.Canonical + " " + husband.Canonical; // maiden name kept before the married one
        }
        else if (Culture.Culture is MeridianCulture.Anglo or MeridianCulture.Afrikaner && random.Chance(0.2) && Family is not null)
        {
            familyText = Family.Canonical + "-" + husband.Canonical;
        }

        var templates = TemplatesOf(Culture.Culture, hasFamily: true, Middle is not null, Western is not null);
        return new MeridianIdentity
        {
            Culture = Culture,
            Female = Female,
            Given = Given,
            Western = Western,
            Middle = Middle,
            Family = familyText is null ? husband : null,
            FamilyText = familyText,
            Patronym = Patronym,
            SikhWord = SikhWord,
            Templates = templates,
            Habit = Math.Min(Habit, templates.Length - 1),
            SyllableStyle = SyllableStyle,
            AlStyle = AlStyle,
            GivenSpelling = GivenSpelling,
            FamilySpelling = familyText is null ? husband.Canonical : null,
            MiddleSpelling = MiddleSpelling,
            BinWord = BinWord,
            WesternShare = WesternShare,
            WesternAtWork = WesternAtWork,
            Nickname = Nickname,
            NicknameShare = NicknameShare,
            StripDiacritics = StripDiacritics,
            UpperFamily = UpperFamily,
        };
    }

    /// <summary>Writes the name for one form: picks a template, resolves the tokens with the person's habits and slips.</summary>
    /// <returns>FirstName and LastName as typed (before generic corruption such as typos and case).</returns>
    public (string First, string Last) Write(Random random)
    {
        var template = random.Chance(0.8) ? Templates[Habit] : random.Weighted([.. Templates.Select(t => (t, t.Weight))]);
        var useWestern = Western is not null && random.Chance(WesternShare);
        if (Culture.NativeRate > 0 && random.Chance(Culture.NativeRate) && Given.Native is not null && Family?.Native is not null)
        {
            return NativeForm(random);
        }

        return (Resolve(template.First, random, useWestern), Resolve(template.Last, random, useWestern));
    }

    private (string First, string Last) NativeForm(Random random)
    {
        var given = Given.Native!;
        var family = Family!.Native!;
        return Culture.Culture switch
        {
            // Chinese: often the whole name in one field, family first.
            MeridianCulture.Chinese when random.Chance(0.4) => (family + given, string.Empty),
            MeridianCulture.Japanese when random.Chance(0.3) => (family + "\u3000" + given, string.Empty),
            _ => (given, family),
        };
    }

    private string Resolve(string template, Random? random, bool useWestern)
    {
        if (template.Length == 0)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        foreach (var token in template.Split(' '))
        {
            var value = token switch
            {
                "{G}" => useWestern && Western is not null ? WriteWestern(random) : WriteGiven(random),
                "{C}" => WriteGiven(random),
                "{W}" => Western is not null ? WriteWestern(random) : WriteGiven(random),
                "{M}" => WriteMiddle(random),
                "{m}" => Initial(WriteMiddle(null)),
                "{F}" => WriteFamily(random),
                "{f}" => Initial(WriteFamily(null)),
                "{P}" => Patronym?.Canonical ?? string.Empty,
                "{p}" => Initial(Patronym?.Canonical ?? string.Empty),
                "{p}." => Initial(Patronym?.Canonical ?? string.Empty) + ".",
                "{f}." => Initial(WriteFamily(null)) + ".",
                "{S}" => SikhWord ?? string.Empty,
                "{B}" => BinWord,
                _ => token,
            };
            if (value.Length > 0)
            {
                parts.Add(value);
            }
        }

        return string.Join(' ', parts);
    }

    private string WriteGiven(Random? random)
    {
        if (random is not null && Nickname is not null && random.Chance(NicknameShare))
        {
            return Nickname;
        }

        var spelling = GivenSpelling;
        if (random is not null && Given.Variants.Count > 0 && random.Chance(0.05))
        {
            spelling = random.Pick([Given.Canonical, .. Given.Variants]);
        }

        if (Given.Syllables.Count == 2 && MeridianPlaces.ToMailbox(spelling) == MeridianPlaces.ToMailbox(Given.Canonical))
        {
            var style = random is not null && random.Chance(0.12) ? random.Next(4) : SyllableStyle;
            var (a, b) = (Given.Syllables[0], Given.Syllables[1]);
            var lower = b.ToLowerInvariant();
            var upper = char.ToUpperInvariant(b[0]) + b[1..];
            return style switch
            {
                0 => a + lower,
                1 => a + " " + upper,
                2 => a + "-" + lower,
                _ => Culture.Culture == MeridianCulture.Korean ? a + "-" + upper : a + upper,
            };
        }

        return spelling;
    }

    private string WriteWestern(Random? random)
    {
        var western = Western!;
        return random is not null && western.Nicknames.Count > 0 && random.Chance(0.15) ? random.Pick(western.Nicknames) : western.Canonical;
    }

    private string WriteMiddle(Random? random)
    {
        if (Middle is null)
        {
            return string.Empty;
        }

        var spelling = MiddleSpelling ?? Middle.Canonical;
        if (random is not null && Middle.Variants.Count > 0 && random.Chance(0.15))
        {
            spelling = random.Pick([Middle.Canonical, .. Middle.Variants]);
        }

        return spelling;
    }

    private string WriteFamily(Random? random)
    {
        if (FamilyText is not null)
        {
            return FamilyText;
        }

        if (Family is null)
        {
            return string.Empty;
        }

        var spelling = FamilySpelling ?? Family.Canonical;
        if (random is not null && Family.Variants.Count > 0 && random.Chance(0.07))
        {
            spelling = random.Pick([Family.Canonical, .. Family.Variants]);
        }

        if (!Family.AlPrefix)
        {
            return spelling;
        }

        var style = random is not null && random.Chance(0.12) ? random.Pick(AlStyles) : AlStyle;
        if (random is not null && random.Chance(0.04))
        {
            return spelling; // the article dropped: Qahtani
        }

        return style.Length == 2 ? style + spelling.ToLowerInvariant() : style + spelling;
    }

    private static string Initial(string text) => text.Length == 0 ? string.Empty : text[..1].ToUpperInvariant();

    private static string Spelling(MeridianName name, Random random, double variantShare) =>
        name.Variants.Count > 0 && random.Chance(variantShare) ? random.Pick(name.Variants) : name.Canonical;

    private static int SyllableHabit(MeridianCulture culture, Random random) => culture switch
    {
        MeridianCulture.Korean => random.Weighted([(2, 45), (0, 25), (1, 15), (3, 15)]),
        _ => random.Weighted([(0, 75), (1, 10), (2, 8), (3, 7)]),
    };

    private static MeridianTemplate[] TemplatesOf(MeridianCulture culture, bool hasFamily, bool hasMiddle, bool hasWestern)
    {
        switch (culture)
        {
            case MeridianCulture.Punjabi:
                return hasFamily
                    ? [new("{G}", "{S}", 40), new("{G}", "{F}", 25), new("{G} {S}", "{F}", 15), new("{G}", "{S} {F}", 20)]
                    : [new("{G}", "{S}", 100)];
            case MeridianCulture.Tamil:
                return hasFamily
                    ? [new("{G}", "{F}", 85), new("{p} {G}", "{F}", 15)]
                    : [new("{G}", "{P}", 50), new("{G}", "{p}", 25), new("{G}", "{p}.", 10), new("{p}", "{G}", 8), new("{p}. {G}", string.Empty, 7)];
            case MeridianCulture.Telugu:
                return hasMiddle
                    ? [new("{M} {G}", "{F}", 45), new("{G}", "{F}", 30), new("{m} {G}", "{F}", 10), new("{M} {G}", "{f}", 8), new("{f}. {M} {G}", string.Empty, 7)]
                    : [new("{G}", "{F}", 85), new("{G}", "{f}", 10), new("{f}. {G}", "{F}", 5)];
            case MeridianCulture.Vietnamese:
                return [new("{G}", "{F}", 40), new("{M} {G}", "{F}", 35), new("{G}", "{F} {M}", 15), new("{F} {M}", "{G}", 10)];
            case MeridianCulture.Arab:
                return [new("{G}", "{F}", 60), new("{G}", "{P} {F}", 15), new("{G} {P}", "{F}", 15), new("{G}", "{P}", 5), new("{G} {P} {F}", string.Empty, 5)];
            case MeridianCulture.Kenyan:
                return hasMiddle
                    ? [new("{G}", "{F}", 55), new("{G}", "{M}", 20), new("{G} {M}", "{F}", 20), new("{M}", "{F}", 5)]
                    : [new("{G}", "{F}", 100)];
            case MeridianCulture.Turkish:
                return hasMiddle ? [new("{G} {M}", "{F}", 70), new("{G}", "{F}", 30)] : [new("{G}", "{F}", 100)];
            case MeridianCulture.Malay:
                return hasMiddle
                    ? [new("{M} {C}", "{B} {P}", 35), new("{M} {C}", "{P}", 15), new("{C}", "{P}", 15), new("{C}", "{B} {P}", 15), new("{M} {C} {B}", "{P}", 10), new("{M} {C} {B} {P}", string.Empty, 10)]
                    : [new("{C}", "{B} {P}", 45), new("{C}", "{P}", 30), new("{C} {B} {P}", string.Empty, 10), new("{C} {B}", "{P}", 15)];
            case MeridianCulture.SeaChinese:
                return hasWestern
                    ? [new("{W}", "{F}", 45), new("{W} {C}", "{F}", 20), new("{C}", "{F}", 15), new("{W}", "{F} {C}", 10), new("{F} {C}", "{W}", 10)]
                    : [new("{C}", "{F}", 60), new("{F}", "{C}", 25), new("{F} {C}", string.Empty, 15)];
            case MeridianCulture.Chinese:
            case MeridianCulture.Korean:
                return hasWestern ? [new("{G}", "{F}", 92), new("{W} {C}", "{F}", 8)] : [new("{G}", "{F}", 100)];
            default:
                return [new("{G}", "{F}", 100)];
        }
    }
}
