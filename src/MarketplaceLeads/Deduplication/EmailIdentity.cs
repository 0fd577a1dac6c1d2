using System;

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

    /// <summary>Free mail and internet providers' consumer domains beyond Gmail, Microsoft, Apple and Yahoo (whose domains are recognised by name): an address there belongs to a person, not to a company.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> ConsumerDomains = System.Collections.Frozen.FrozenSet.ToFrozenSet(
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
    ], StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether a (lower-case) local part names a role rather than a person: several people may read <c>info@</c> or <c>sales@</c>.</summary>
    public static bool IsRoleMailbox(ReadOnlySpan<char> local) =>
        local.SequenceEqual("info") || local.SequenceEqual("sales") || local.SequenceEqual("admin") || local.SequenceEqual("contact")
        || local.SequenceEqual("office") || local.SequenceEqual("support") || local.SequenceEqual("it") || local.SequenceEqual("hello")
        || local.SequenceEqual("team") || local.SequenceEqual("marketing") || local.SequenceEqual("noreply") || local.SequenceEqual("no-reply")
        || local.SequenceEqual("webmaster") || local.SequenceEqual("postmaster") || local.SequenceEqual("billing") || local.SequenceEqual("accounts")
        || local.SequenceEqual("purchasing") || local.SequenceEqual("procurement") || local.SequenceEqual("enquiries") || local.SequenceEqual("inquiries");

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
