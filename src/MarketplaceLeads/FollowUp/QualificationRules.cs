using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.FollowUp;

/// <summary>The built-in qualification rules, evaluated on a profile's surviving values (<see cref="CustomerProfile.Customer"/>).</summary>
public static class QualificationRules
{
    private static readonly string[] DefaultSeniorityKeywords =
        ["chief", "ceo", "cto", "cio", "cfo", "coo", "ciso", "president", "vp", "svp", "evp", "head", "director", "founder", "owner", "partner", "principal", "manager", "lead", "architect"];

    /// <summary>Returns a rule that passes when the customer gave a company name.</summary>
    /// <returns>The rule, named <c>CompanyPresent</c>.</returns>
    public static IQualificationRule CompanyPresent() => new DelegateRule("CompanyPresent", static profile =>
        string.IsNullOrWhiteSpace(profile.Customer.Company)
            ? (false, "No company name.")
            : (true, "Company name given."));

    /// <summary>Returns a rule that passes when the customer's e-mail address is valid and not at a free-mail provider (Gmail, Outlook.com, Yahoo, iCloud, …: the list de-duplication uses).</summary>
    /// <returns>The rule, named <c>BusinessEmail</c>.</returns>
    public static IQualificationRule BusinessEmail() => new DelegateRule("BusinessEmail", static profile =>
    {
        var email = profile.Customer.NormalizedEmail;
        var at = email?.LastIndexOf('@') ?? -1;
        if (email is null || at <= 0 || at == email.Length - 1)
        {
            return (false, "No valid e-mail address.");
        }

        var domain = email.AsSpan(at + 1);
        return EmailIdentity.IsFreemail(domain)
            ? (false, $"E-mail domain {domain.ToString()} is a free-mail provider.")
            : (true, $"E-mail domain {domain.ToString()} is a business domain.");
    });

    /// <summary>Returns a rule that passes when the customer's country is one of <paramref name="countries"/>.</summary>
    /// <param name="countries">The allowed countries, as ISO 3166-1 alpha-2 codes or names (<c>"US"</c>, <c>"Spain"</c>).</param>
    /// <returns>The rule, named <c>CountryAllowed</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="countries"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="countries"/> is empty or holds a country that is not recognised.</exception>
    public static IQualificationRule CountryIn(params IEnumerable<string> countries)
    {
        ArgumentNullException.ThrowIfNull(countries);
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var country in countries)
        {
            var code = Countries.ToAlpha2(country)
                ?? throw new ArgumentException($"QualificationRules.CountryIn: the country '{country}' is not recognised.", nameof(countries));
            allowed.Add(code);
        }

        if (allowed.Count == 0)
        {
            throw new ArgumentException("QualificationRules.CountryIn needs at least one country.", nameof(countries));
        }

        var list = string.Join(", ", new SortedSet<string>(allowed, StringComparer.Ordinal));
        return new DelegateRule("CountryAllowed", profile =>
        {
            var code = profile.Customer.CountryCode;
            return code is null
                ? (false, "No recognised country.")
                : allowed.Contains(code)
                    ? (true, $"Country {code} is in the list ({list}).")
                    : (false, $"Country {code} is not in the list ({list}).");
        });
    }

    /// <summary>Returns a rule that passes when the customer's job title holds a seniority keyword as a whole word (case-insensitive).</summary>
    /// <param name="keywords">The keywords (words or phrases such as <c>"vice president"</c>), or none for the defaults: chief, CEO, CTO, CIO, CFO, COO, CISO, president, VP, SVP, EVP, head, director, founder, owner, partner, principal, manager, lead, architect.</param>
    /// <returns>The rule, named <c>SeniorTitle</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keywords"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A keyword is blank.</exception>
    public static IQualificationRule SeniorTitle(params IEnumerable<string> keywords)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        var words = new List<string>();
        foreach (var keyword in keywords)
        {
            if (string.IsNullOrWhiteSpace(keyword))
            {
                throw new ArgumentException("QualificationRules.SeniorTitle: a keyword is blank.", nameof(keywords));
            }

            words.Add(Words(keyword));
        }

        if (words.Count == 0)
        {
            words.AddRange(DefaultSeniorityKeywords);
        }

        return new DelegateRule("SeniorTitle", profile =>
        {
            var title = profile.Customer.Title;
            if (string.IsNullOrWhiteSpace(title))
            {
                return (false, "No job title.");
            }

            var padded = " " + Words(title) + " ";
            foreach (var word in words)
            {
                if (padded.Contains(" " + word + " ", StringComparison.Ordinal))
                {
                    return (true, $"Title holds the seniority keyword '{word}'.");
                }
            }

            return (false, "Title holds no seniority keyword.");
        });
    }

    /// <summary>Returns a rule from a function.</summary>
    /// <param name="name">The rule's name.</param>
    /// <param name="evaluate">Returns whether a customer passes, and why.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="evaluate"/> is <see langword="null"/>.</exception>
    public static IQualificationRule Create(string name, Func<CustomerProfile, (bool Passed, string Reason)> evaluate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(evaluate);
        return new DelegateRule(name, evaluate);
    }

    /// <summary>Lower-cases and keeps letters and digits, with single spaces between words.</summary>
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLower(CultureInfo.InvariantCulture))
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().TrimEnd();
    }

    private sealed class DelegateRule(string name, Func<CustomerProfile, (bool Passed, string Reason)> evaluate) : IQualificationRule
    {
        public string Name { get; } = name;

        public QualificationReason Evaluate(CustomerProfile profile)
        {
            ArgumentNullException.ThrowIfNull(profile);
            var (passed, reason) = evaluate(profile);
            return new QualificationReason(Name, passed, reason);
        }
    }
}
