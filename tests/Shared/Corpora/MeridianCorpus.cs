using System.Collections.Generic;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>
/// The "Meridian" corpus: people and companies of South Asia, East and South-East Asia, the Gulf, Turkey,
/// Africa and Oceania, sending leads for a publisher's seven offers over fourteen days. Its design stresses
/// large enterprises with buying committees (5–25 people at one e-mail domain), very common family names,
/// shared role mailboxes and switchboards, namesakes, heavy evaluators with 10–30 leads, and the spelling,
/// ordering and formatting habits of those naming traditions and numbering plans. The leads are written as
/// the marketplace delivers them (HTTPS payloads and Azure Table rows) and read with <see cref="LeadReader"/>.
/// </summary>
/// <remarks>
/// The pools are C# arrays in <c>Meridian*.cs</c> beside this file; the only randomness is
/// <see cref="System.Random"/> with the seed, so a seed always gives the same leads. Phone numbers are drawn
/// from allocated ranges (libphonenumber's metadata); invalid numbers come only from how people write them.
/// A wire record the reader rejects is not a lead: <see cref="Run"/> reports it with the person who sent it.
/// </remarks>
public sealed class MeridianCorpus : ILabelledCorpus
{
    /// <inheritdoc/>
    public string Name => "Meridian";

    /// <inheritdoc/>
    public string Description =>
        "2,500 people (at seed 1) of India, China, Japan, Korea, Vietnam, the UAE, Saudi Arabia, Turkey, Nigeria, Kenya, "
        + "South Africa, Australia, New Zealand, Singapore and Malaysia, named from 23 traditions (romanisation variants, "
        + "family name first, patronyms, Al-/bin/Singh/Kaur, native scripts, nicknames, English names, very common family "
        + "names such as Wang, Kumar, Singh, Nguyen, Kim), send 2.3 leads each on average (48 % one, 29 % two, 11 % three, "
        + "10 % four to nine, 2.4 % ten to thirty; 8 % also a DNC; 1 % exact redeliveries; 68 % HTTPS payloads, 32 % Azure "
        + "Table rows) for 7 offers over 14 days; by person 45 % plain, 14 % committee (buying committees of 5-25 at one "
        + "enterprise domain with first.last@, flast@, mjkim@ or minhnv@ mailboxes, numbered when taken), 9 % switchboard "
        + "(the company's main line, often with an extension), 7.5 % namesake (same full name, half of them at one company), "
        + "6 % role-mailbox (purchasing@, info@ or a shared free mailbox), 5 % sparse (later leads without e-mail), 4.5 % "
        + "household (a shared landline and family name, a third with a family mailbox), 4 % two-mailboxes (work and free "
        + "mail, one mobile), 3.5 % name-change (maiden to married name, keeping the mailbox or the mobile), 1.5 % no-data "
        + "(.edu, no personal data, one lead) and 0.2 % test-lead (MSFT_TEST_); every form has slips: about 3 % typos per "
        + "name field, 5 % case changes, 3 % stray spaces, first and last name swapped (3-15 % by tradition), 2.5 % e-mail "
        + "domain typos (gmial.com, outlok.com), Gmail dots and +tags, each person's habitual phone format (with or without "
        + "country code, trunk 0 kept after it, no area code, full-width digits, extensions), country as code, alpha-3 or "
        + "name, and company legal forms, acronyms and office suffixes.";

    /// <inheritdoc/>
    public IReadOnlyList<LabelledLead> Generate(int people, int seed) => MeridianWire.Run(people, seed).Leads;

    /// <summary>Generates the corpus with what the generator knows besides the leads (read errors, the population).</summary>
    /// <param name="people">How many people to generate.</param>
    /// <param name="seed">The random seed.</param>
    /// <returns>The run.</returns>
    internal static MeridianRun Run(int people, int seed) => MeridianWire.Run(people, seed);
}
