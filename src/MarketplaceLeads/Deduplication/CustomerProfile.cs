using System;
using System.Collections.Generic;
using System.Threading;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Normalization;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// One person, as de-duplication sees them: the surviving field values, every lead in time order,
/// what they did per offer, and a sticky do-not-contact flag. Immutable: a new lead or a merge
/// produces a new profile.
/// </summary>
public sealed class CustomerProfile
{
    // The leads in time order are _leads[.._count]. A version made by adding a lead after all of them writes it into the
    // same array when the slot after them is free (claimed by a compare-exchange, so two versions made from one profile
    // never share a slot), and into an array twice as large when it is full: adding a person's n-th lead costs what
    // adding the first did, not a copy of n leads (one person's 40,000 leads allocated 177 KB a lead before).
    private readonly Lead[] _leads;
    private readonly int _count;
    private readonly SurvivorshipRules _rules;
    private IReadOnlyList<Lead>? _leadList;
    private LeadMatchSubject? _representative;
    private IReadOnlyList<OfferActivity>? _offers;
    private IReadOnlyList<string>?[]? _values;
    private List<string>?[]? _valueKeys; // per field, the distinct key of each of _values (for KeepAll fields), to extend the list without re-reading the leads
    private SurvivorState? _survivors;
    private bool? _hasPartnerCenterLead;

    /// <summary>A profile whose flags are known (those of the profiles it was made of and its new lead).</summary>
    private CustomerProfile(Lead founder, Lead[] leads, int count, SurvivorState survivors, SurvivorshipRules rules, bool doNotContact, bool isTest)
        : this(founder, leads, rules, representative: null, doNotContact, isTest)
    {
        _count = count;
        _survivors = survivors;
    }

    internal CustomerProfile(Lead founder, Lead[] leadsInOrder, SurvivorState survivors, SurvivorshipRules rules, LeadMatchSubject? representative = null)
    {
        _leads = leadsInOrder;
        _count = leadsInOrder.Length;
        _rules = rules;
        _survivors = survivors;
        _representative = representative;
        Founder = founder;
        Id = new CustomerProfileId(founder.Id);
        foreach (var lead in leadsInOrder)
        {
            DoNotContact |= lead.Action == LeadAction.DoNotContact;
            IsTest |= lead.IsTestLead;
        }
    }

    /// <summary>A profile of a batch: the flags are known, and the survivors are the leads applied in order, replayed on first use (most profiles of a large batch are never asked for them during the call).</summary>
    internal CustomerProfile(Lead founder, Lead[] leadsInOrder, SurvivorshipRules rules, LeadMatchSubject? representative, bool doNotContact, bool isTest)
    {
        _leads = leadsInOrder;
        _count = leadsInOrder.Length;
        _rules = rules;
        _representative = representative;
        Founder = founder;
        Id = new CustomerProfileId(founder.Id);
        DoNotContact = doNotContact;
        IsTest = isTest;
    }

    /// <summary>Gets the profile's id: the id of the lead that founded it (the first one it received; in batch de-duplication, its earliest lead). It does not change when leads are added; when profiles merge, the one whose founding lead is earliest keeps its id.</summary>
    public CustomerProfileId Id { get; }

    /// <summary>Gets the surviving value of each field, under the configured <see cref="SurvivorshipRules"/>; the original text, as sent (for example the e-mail address to write to).</summary>
    public CustomerInfo Customer => Survivors.ToCustomer();

    /// <summary>Gets every lead of this person, in time order (created, else received; then by id).</summary>
    public IReadOnlyList<Lead> Leads => _leadList ??= _count == _leads.Length ? _leads : new ArraySegment<Lead>(_leads, 0, _count);

    /// <summary>Gets the time of the first lead.</summary>
    public DateTimeOffset FirstSeen => LeadOrder.TimeOf(_leads[0]);

    /// <summary>Gets the time of the latest lead.</summary>
    public DateTimeOffset LastSeen => LeadOrder.TimeOf(_leads[_count - 1]);

    /// <summary>The leads in time order.</summary>
    internal ReadOnlySpan<Lead> LeadSpan => new(_leads, 0, _count);

    /// <summary>Gets a value indicating whether any lead of this person said do not contact. Sticky: later leads never clear it.</summary>
    public bool DoNotContact { get; }

    /// <summary>Gets a value indicating whether this is a marketplace test lead (<see cref="Lead.IsTestLead"/>); test leads are never merged with other leads.</summary>
    public bool IsTest { get; }

    /// <summary>Gets the furthest funnel stage reached on any offer.</summary>
    public FunnelStage FurthestStage
    {
        get
        {
            var furthest = FunnelStage.Unknown;
            foreach (var offer in Offers)
            {
                furthest = offer.FurthestStage > furthest ? offer.FurthestStage : furthest;
            }

            return furthest;
        }
    }

    /// <summary>Gets the activity per offer (the action timeline and furthest stage), ordered by first lead.</summary>
    public IReadOnlyList<OfferActivity> Offers => _offers ??= BuildOffers();

    /// <summary>Gets every distinct e-mail address seen, in time order (under the default <see cref="SurvivorshipRule.KeepAll"/>; otherwise the surviving one).</summary>
    public IReadOnlyList<string> Emails => GetValues(CustomerField.Email);

    /// <summary>Gets every distinct phone number seen, in time order (under the default <see cref="SurvivorshipRule.KeepAll"/>; otherwise the surviving one).</summary>
    public IReadOnlyList<string> Phones => GetValues(CustomerField.Phone);

    internal SurvivorState Survivors
    {
        get
        {
            var survivors = Volatile.Read(ref _survivors);
            if (survivors is null)
            {
                survivors = new SurvivorState();
                foreach (var lead in LeadSpan)
                {
                    survivors.Apply(lead, _rules);
                }

                survivors = Interlocked.CompareExchange(ref _survivors, survivors, null) ?? survivors; // one instance, so Customer is one instance
            }

            return survivors;
        }
    }

    /// <summary>The lead whose id is the profile's id.</summary>
    internal Lead Founder { get; }

    internal SurvivorshipRules Rules => _rules;

    /// <summary>The subject fuzzy strategies compare new leads with: the surviving values.</summary>
    internal LeadMatchSubject Representative => _representative ??= LeadMatchSubject.Create(Customer);

    /// <summary>Gets the values kept for a field: every distinct non-blank value in time order when its rule is <see cref="SurvivorshipRule.KeepAll"/>, else the surviving value alone (or nothing).</summary>
    /// <param name="field">The field.</param>
    /// <returns>The values, as sent; distinct ignoring case for e-mail addresses, by line for phones, and by folded text otherwise.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="field"/> is not a defined member.</exception>
    public IReadOnlyList<string> GetValues(CustomerField field)
    {
        if ((uint)field >= SurvivorshipRules.FieldCount)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(field), field, $"{field} is not a CustomerField.");
        }

        var values = _values ??= new IReadOnlyList<string>?[SurvivorshipRules.FieldCount];
        return values[(int)field] ??= BuildValues(field);
    }

    /// <summary>Returns a description without personal data.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"CustomerProfile {{ Id = {Id}, Leads = {_count}, Offers = {Offers.Count}, FurthestStage = {FurthestStage}, DoNotContact = {DoNotContact}, IsTest = {IsTest} }}";

    /// <summary>Gets a value indicating whether a lead of the profile came from Partner Center (what <see cref="ChannelTwins"/> needs to look for a twin at all); worked out once a profile, then carried over lead by lead.</summary>
    internal bool HasPartnerCenterLead => _hasPartnerCenterLead ??= HasChannel(LeadSpan, LeadChannel.PartnerCenter);

    private static bool HasChannel(ReadOnlySpan<Lead> leads, LeadChannel channel)
    {
        foreach (var lead in leads)
        {
            if (lead.Channel == channel)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns this profile with one more lead and, optionally, other profiles merged in.</summary>
    internal CustomerProfile With(Lead lead, IReadOnlyList<CustomerProfile> absorbed, SurvivorshipRules rules)
    {
        var survivors = Survivors.Clone();
        foreach (var other in absorbed)
        {
            survivors.Merge(other.Survivors, rules);
        }

        survivors.Apply(lead, rules);
        Lead[] leads;
        int count;
        if (absorbed.Count == 0 && LeadOrder.Instance.Compare(_leads[_count - 1], lead) <= 0)
        {
            // The common case: one lead more, the latest. Into the slot after this version's leads when no other version
            // took it, else into a copy (twice as large when the array is full, so that the next ones go in place).
            count = _count + 1;
            if (_count < _leads.Length && Interlocked.CompareExchange(ref _leads[_count], lead, null) is null)
            {
                leads = _leads;
            }
            else
            {
                leads = new Lead[Math.Max(4, _count * 2)];
                Array.Copy(_leads, leads, _count);
                leads[_count] = lead;
            }
        }
        else if (absorbed.Count == 0)
        {
            // One lead more, earlier than the latest: placed by binary search, not by sorting all of them again (a sort
            // costs n log n comparisons a lead, quadratic over one person's many leads).
            count = _count + 1;
            var position = Array.BinarySearch(_leads, 0, _count, lead, LeadOrder.Instance);
            position = position < 0 ? ~position : position;
            leads = new Lead[count];
            Array.Copy(_leads, 0, leads, 0, position);
            leads[position] = lead;
            Array.Copy(_leads, position, leads, position + 1, _count - position);
        }
        else
        {
            count = _count + 1;
            foreach (var other in absorbed)
            {
                count += other._count;
            }

            leads = new Lead[count];
            Array.Copy(_leads, leads, _count);
            var at = _count;
            foreach (var other in absorbed)
            {
                Array.Copy(other._leads, 0, leads, at, other._count);
                at += other._count;
            }

            leads[at] = lead;
            Array.Sort(leads, LeadOrder.Instance);
        }

        // The flags of the profiles combined and the new lead, not of every lead again: whether a lead is a test lead reads
        // all its fields, and one person's 10,000th lead would read them for 10,000 leads.
        var doNotContact = DoNotContact || lead.Action == LeadAction.DoNotContact;
        var isTest = IsTest || lead.IsTestLead;
        foreach (var other in absorbed)
        {
            doNotContact |= other.DoNotContact;
            isTest |= other.IsTest;
        }

        var profile = new CustomerProfile(Founder, leads, count, survivors, rules, doNotContact, isTest);
        if (_hasPartnerCenterLead is { } had && absorbed.Count == 0)
        {
            profile._hasPartnerCenterLead = had || lead.Channel == LeadChannel.PartnerCenter; // known, not read from every lead again
        }

        if (absorbed.Count == 0 && ReferenceEquals(leads[count - 1], lead))
        {
            profile.ExtendValues(this, lead); // the common case, a lead after all others: the kept values grow by at most one, not by re-reading every lead
        }

        return profile;
    }

    private static readonly CustomerField[] ExtendedFields = [CustomerField.Email, CustomerField.Phone];

    /// <summary>Takes over <paramref name="previous"/>'s kept values, extended by <paramref name="lead"/>'s (received after all of them), for the fields whose values it has worked out.</summary>
    private void ExtendValues(CustomerProfile previous, Lead lead)
    {
        // The e-mails and phones every sink writes are worked out on the previous version now if they were not yet (once,
        // for a profile restored or built without them), so that each version extends its predecessor's: a sink that
        // reads them after the de-duplicator has moved on must not re-read every lead of every version.
        foreach (var field in ExtendedFields)
        {
            if (previous._rules[field] == SurvivorshipRule.KeepAll)
            {
                previous.GetValues(field);
            }
        }

        if (previous._values is not { } values || previous._valueKeys is not { } keys)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            var field = (CustomerField)i;
            if (values[i] is not List<string> list || keys[i] is not { } listKeys || _rules[field] != SurvivorshipRule.KeepAll || previous._rules[field] != SurvivorshipRule.KeepAll)
            {
                continue;
            }

            var value = ValueOf(lead.Customer, field);
            if (!string.IsNullOrWhiteSpace(value))
            {
                var key = DistinctKey(lead.Customer, field, value);
                if (!listKeys.Contains(key))
                {
                    list = new List<string>(list) { value };
                    listKeys = new List<string>(listKeys) { key };
                }
            }

            _values ??= new IReadOnlyList<string>?[SurvivorshipRules.FieldCount];
            _valueKeys ??= new List<string>?[SurvivorshipRules.FieldCount];
            _values[i] = list;
            _valueKeys[i] = listKeys;
        }
    }

    /// <summary>Restores a profile that a <see cref="ILeadDeduplicationStore"/> persisted: its id, its leads and its surviving values (<see cref="Customer"/>).</summary>
    /// <param name="id">The profile's id, <see cref="Id"/>; one of <paramref name="leads"/> must have it as its <see cref="Lead.Id"/>.</param>
    /// <param name="leads">The profile's leads, in any order; at least one.</param>
    /// <param name="survivingValues">The surviving values, as <see cref="Customer"/> gave them.</param>
    /// <param name="rules">The survivorship rules the profile was built with; <see langword="null"/> for the defaults.</param>
    /// <returns>The profile.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="leads"/> or <paramref name="survivingValues"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="leads"/> is empty or has no lead with the id <paramref name="id"/>.</exception>
    public static CustomerProfile Restore(CustomerProfileId id, IEnumerable<Lead> leads, CustomerInfo survivingValues, SurvivorshipRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(survivingValues);
        var ordered = new List<Lead>(leads).ToArray();
        Array.Sort(ordered, LeadOrder.Instance);
        var founder = Array.Find(ordered, lead => lead.Id == id.FirstLeadId)
            ?? throw new ArgumentException($"None of the {ordered.Length} leads has the profile's id {id}.", nameof(leads));
        rules = rules?.Clone() ?? new SurvivorshipRules();
        return new CustomerProfile(founder, ordered, SurvivorState.Restore(survivingValues, ordered, rules), rules);
    }

    /// <summary>Builds a profile from its leads alone, as after a review: the surviving values replayed in time order (as batch de-duplication builds them); the flags, offers, e-mails and phones follow from the leads.</summary>
    /// <param name="founder">The lead whose id is the profile's id; one of <paramref name="leads"/>.</param>
    /// <param name="leads">The profile's leads, in any order.</param>
    /// <param name="rules">The survivorship rules.</param>
    internal static CustomerProfile FromLeads(Lead founder, IEnumerable<Lead> leads, SurvivorshipRules rules)
    {
        var ordered = new List<Lead>(leads).ToArray();
        Array.Sort(ordered, LeadOrder.Instance);
        var survivors = new SurvivorState();
        foreach (var lead in ordered)
        {
            survivors.Apply(lead, rules);
        }

        return new CustomerProfile(founder, ordered, survivors, rules);
    }

    internal static CustomerProfile Create(Lead lead, SurvivorshipRules rules, LeadMatchSubject? subject)
    {
        var survivors = new SurvivorState();
        survivors.Apply(lead, rules);
        return new CustomerProfile(lead, [lead], survivors, rules, subject);
    }

    internal static string? ValueOf(CustomerInfo customer, CustomerField field) => field switch
    {
        CustomerField.FirstName => customer.FirstName,
        CustomerField.LastName => customer.LastName,
        CustomerField.Email => customer.Email,
        CustomerField.Phone => customer.Phone,
        CustomerField.Country => customer.Country,
        CustomerField.Company => customer.Company,
        _ => customer.Title,
    };

    private List<string> BuildValues(CustomerField field)
    {
        if (_rules[field] != SurvivorshipRule.KeepAll)
        {
            var survivor = ValueOf(Customer, field);
            return survivor is null ? [] : [survivor];
        }

        var values = new List<string>();
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lead in LeadSpan)
        {
            var value = ValueOf(lead.Customer, field);
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var key = DistinctKey(lead.Customer, field, value);
            if (seen.Add(key))
            {
                values.Add(value);
                keys.Add(key);
            }
        }

        _valueKeys ??= new List<string>?[SurvivorshipRules.FieldCount];
        _valueKeys[(int)field] = keys;
        return values;
    }

    private static string DistinctKey(CustomerInfo customer, CustomerField field, string value) => field switch
    {
        CustomerField.Email => value.Trim().ToLowerInvariant(), // "Ana@X.com" and "ana@x.com" are one address; a Gmail variant with a tag is kept, as sent
        CustomerField.Phone => PhoneKey.Of(value, Countries.ToAlpha2(customer.Country)) ?? value.Trim(),
        _ => TextFolding.Fold(value),
    };

    private List<OfferActivity> BuildOffers()
    {
        var order = new List<MarketplaceOffer>();
        var byOffer = new Dictionary<MarketplaceOffer, List<Lead>>();
        foreach (var lead in LeadSpan)
        {
            var offer = lead.Offer;
            if (!byOffer.TryGetValue(offer, out var leads))
            {
                byOffer[offer] = leads = [];
                order.Add(offer);
            }

            leads.Add(lead);
        }

        var activities = new List<OfferActivity>(order.Count);
        foreach (var offer in order)
        {
            activities.Add(new OfferActivity(offer, byOffer[offer]));
        }

        return activities;
    }
}
