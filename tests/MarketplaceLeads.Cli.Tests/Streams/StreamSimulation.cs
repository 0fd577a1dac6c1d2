using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Testing.Streams;

namespace MarketplaceLeads.Cli.Tests.Streams;

/// <summary>A profile in the database at one moment: its id, whether it is do-not-contact or held for review (a possible duplicate of a do-not-contact profile), and its leads' ids.</summary>
internal sealed record StoredProfile(string Id, bool DoNotContact, IReadOnlyList<string> LeadIds, bool Held = false);

/// <summary>The figures of one check moment.</summary>
internal sealed record MomentFigures(DateTimeOffset Moment, int DueRows, int DueReplies, int ReportResponsesOverdue, int ReportTouchesDue, int Customers, int PossibleDuplicates, int ListedTwice, int DncLeakRows);

/// <summary>
/// Imports a <see cref="LeadStream"/> moment by moment through the CLI (in-process) into one SQLite database, runs
/// <c>due --format json</c> and <c>report --format json</c> at each moment with <c>--now</c>, and scores what they list
/// against the stream's truth.
/// </summary>
internal static class StreamSimulation
{
    /// <summary>Runs the stream; with a <paramref name="team"/>, the review queue is worked at each moment before <c>due</c>.</summary>
    public static async Task<StreamOutcome> RunAsync(LeadStream stream, ReviewingTeam? team = null)
    {
        var clock = Stopwatch.StartNew();
        using var folder = new TempFolder();
        var slots = StreamFiles.Write(stream, folder.File("stream"));
        var database = folder.File("leads.db");
        var scorer = new StreamScorer(stream);
        foreach (var slot in slots)
        {
            var now = slot.Moment.ToString("O", CultureInfo.InvariantCulture);
            if (slot.Files.Count > 0)
            {
                // The truth of the lead ids: the same reader the CLI uses, over the same files, in file order.
                var read = new List<LeadReadResult>();
                foreach (var file in slot.Files)
                {
                    read.AddRange(await StreamFiles.ReadBackAsync(file, slot.Moment));
                }

                scorer.Learn(slot, read);
                var import = await CliRunner.RunAsync(["import", .. slot.Files, "--db", database, "--now", now]);
                scorer.Imported(import.ExitCode, import.Summary);
            }

            if (!File.Exists(database))
            {
                continue;
            }

            if (team is not null)
            {
                await team.ReviewAsync(database, now, scorer);
            }

            var due = await CliRunner.RunAsync("due", "--db", database, "--now", now, "--format", "json");
            var report = await CliRunner.RunAsync("report", "--db", database, "--now", now, "--format", "json");
            if (due.ExitCode != ExitCodes.Success || report.ExitCode != ExitCodes.Success)
            {
                throw new InvalidOperationException($"due/report failed at {now}: {due.Error} {report.Error}");
            }

            scorer.Observe(slot.Moment, FollowUpOutput.ReadDue(due.Output), FollowUpOutput.ReadReport(report.Output), await ReadProfilesAsync(database, slot.Moment));
        }

        var outcome = scorer.Finish(clock.Elapsed) with { Team = team };
        if (Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_DIAGNOSE") == "1")
        {
            var details = new List<string>();
            foreach (var miss in outcome.Misses)
            {
                details.Add(await scorer.DetailAsync(miss, database));
            }

            var leaks = new List<string>();
            foreach (var leak in scorer.Leaks)
            {
                leaks.Add(await scorer.DetailAsync(leak, database));
            }

            outcome = outcome with { MissDetails = details, LeakDetails = leaks };
        }

        return outcome;
    }

    /// <summary>Reads the profiles and their leads as the CLI's commands see them at <paramref name="now"/> (<c>--now</c> limits the data to what was received by then).</summary>
    private static async Task<IReadOnlyList<StoredProfile>> ReadProfilesAsync(string database, DateTimeOffset now)
    {
        var time = new FixedTimeProvider(now);
        var context = CliContext.From(LeadsCommandLine.Create(time).Parse(["report"]), new CommonOptions(), time);
        var snapshot = await LeadSnapshot.ReadAsync(context, database, default) ?? throw new InvalidOperationException("no database");
        return [.. snapshot.Profiles.Select(p => new StoredProfile(p.Id.ToString(), p.DoNotContact, [.. p.Leads.Select(static l => l.Id.ToString())], snapshot.Holds.IsHeld(p.Id)))];
    }
}

/// <summary>Scores what <c>due</c> lists at each moment against the truth of a <see cref="LeadStream"/>.</summary>
internal sealed class StreamScorer
{
    private readonly LeadStream _stream;
    private readonly Dictionary<string, int> _personOfLead = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _occurrences = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Leak> _leaks = [];
    private readonly IReadOnlyDictionary<int, DateTimeOffset> _dncArrival;
    private readonly List<Request> _requests;
    private readonly HashSet<int> _leaked = [];
    private readonly HashSet<int> _silenced = [];
    private readonly HashSet<int> _partlySilenced = [];
    private readonly HashSet<int> _listedTwice = [];
    private readonly bool _explainSilenced = Environment.GetEnvironmentVariable("MARKETPLACELEADS_STREAM_SILENCED") == "1";
    private readonly Dictionary<int, HashSet<string>> _customersOf = [];
    private readonly Dictionary<int, string> _silencedWith = [];
    private readonly List<MomentFigures> _moments = [];
    private int _idCollisions;
    private int _readErrors;
    private int _importFailures;
    private string _lastImport = string.Empty;

    public StreamScorer(LeadStream stream)
    {
        _stream = stream;
        _dncArrival = stream.DoNotContactArrivals;
        _requests = [.. stream.Leads.Where(static l => l.Action == StreamAction.ContactMe && !l.IsRedelivery).Select(static l => new Request(l))];
    }

    /// <summary>Learns the ids the reader gives the leads of a moment's files.</summary>
    public void Learn(StreamSlot slot, IReadOnlyList<LeadReadResult> read)
    {
        if (read.Count != slot.Leads.Count)
        {
            throw new InvalidOperationException($"{read.Count} records read at {slot.Moment:O}, {slot.Leads.Count} written");
        }

        for (var i = 0; i < read.Count; i++)
        {
            if (read[i].Lead is not { } lead)
            {
                _readErrors++;
                continue;
            }

            var id = lead.Id.ToString();
            if (_personOfLead.TryGetValue(id, out var person) && person != slot.Leads[i].PersonId)
            {
                _idCollisions++;
            }

            _personOfLead[id] = slot.Leads[i].PersonId;
            if (_explainSilenced)
            {
                var c = lead.Customer;
                (_customersOf.TryGetValue(slot.Leads[i].PersonId, out var seen) ? seen : _customersOf[slot.Leads[i].PersonId] = new(StringComparer.Ordinal))
                    .Add($"{c.FirstName} | {c.LastName} | {c.Email} | {c.Phone} | {c.Country} | {c.Company} | {c.Title}");
            }

            // The same content again: the pipeline accepts a customer asking again (after its repeat-interest window) under the
            // id of the next occurrence, LeadId.FromKey("repeat", first id, n) (docs/follow-up.md); a redelivery keeps no id of its
            // own, so each id an occurrence may get is learned.
            var occurrences = _occurrences[id] = _occurrences.GetValueOrDefault(id) + 1;
            for (var n = 2; n <= occurrences; n++)
            {
                _personOfLead[LeadId.FromKey("repeat", id, n.ToString(CultureInfo.InvariantCulture)).ToString()] = slot.Leads[i].PersonId;
            }
        }
    }

    /// <summary>Gets the person of a profile: the person of the lead that founded it (a profile's id is its founding lead's), when known.</summary>
    public int? PersonOfProfile(string profileId) => _personOfLead.TryGetValue(profileId, out var person) ? person : null;

    /// <summary>Gets, per DNC sender listed after their DNC arrived, the first moment and row that listed them.</summary>
    public IReadOnlyList<Leak> Leaks => [.. _leaks.Values.OrderBy(static l => l.Person)];

    public void Imported(int exitCode, string summary)
    {
        if (exitCode != ExitCodes.Success)
        {
            _importFailures++;
        }

        _lastImport = summary;
    }

    /// <summary>Scores one moment: what <c>due</c> listed, what <c>report</c> counted, and the profiles in the database.</summary>
    public void Observe(DateTimeOffset now, IReadOnlyList<DueRow> rows, ReportFigures report, IReadOnlyList<StoredProfile> profiles)
    {
        var personsOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var profilesOf = new Dictionary<int, List<StoredProfile>>();
        foreach (var profile in profiles)
        {
            var persons = new HashSet<int>();
            foreach (var lead in profile.LeadIds)
            {
                if (_personOfLead.TryGetValue(lead, out var person))
                {
                    persons.Add(person);
                }
            }

            personsOf[profile.Id] = persons;
            foreach (var person in persons)
            {
                (profilesOf.TryGetValue(person, out var list) ? list : profilesOf[person] = []).Add(profile);
            }
        }

        var rowsPerOffer = new Dictionary<(int Person, string Offer), int>();
        var replies = new HashSet<(int Person, string Offer)>();
        var leakRows = 0;
        foreach (var row in rows)
        {
            var leaks = false;
            foreach (var person in personsOf.GetValueOrDefault(row.ProfileId) ?? [])
            {
                if (_dncArrival.TryGetValue(person, out var arrival) && arrival <= now)
                {
                    _leaked.Add(person);
                    _leaks.TryAdd(person, new Leak(person, now, arrival, row.ProfileId, row.Offer, row.IsReply));
                    leaks = true;
                }

                var key = (person, row.Offer.ToLowerInvariant());
                rowsPerOffer[key] = rowsPerOffer.GetValueOrDefault(key) + 1;
                if (row.IsReply && !row.IsOverdue)
                {
                    replies.Add(key);
                }
            }

            leakRows += leaks ? 1 : 0;
        }

        var twice = 0;
        foreach (var ((person, _), count) in rowsPerOffer)
        {
            if (count > 1)
            {
                twice++;
                _listedTwice.Add(person);
            }
        }

        foreach (var request in _requests)
        {
            if (request.Listed || request.Lead.ArrivesAt > now || now > request.Deadline || DncArrived(request.Lead.PersonId, now))
            {
                continue;
            }

            var key = (request.Lead.PersonId, request.Lead.Offer.ToLowerInvariant());
            if (replies.Contains(key))
            {
                request.Listed = true;
                continue;
            }

            request.Seen.Add(MissCause(request, key, now, rows, personsOf, profilesOf.GetValueOrDefault(request.Lead.PersonId) ?? []));
        }

        foreach (var (person, held) in profilesOf)
        {
            if (_dncArrival.ContainsKey(person))
            {
                continue;
            }

            if (held.Any(static p => p.DoNotContact))
            {
                _partlySilenced.Add(person);
                if (held.All(static p => p.DoNotContact))
                {
                    if (_silenced.Add(person) && _explainSilenced)
                    {
                        var with = held.SelectMany(p => personsOf[p.Id]).Where(other => other != person).Distinct();
                        _silencedWith[person] = string.Join(Environment.NewLine, new[] { person }.Concat(with).SelectMany(
                            who => (_customersOf.GetValueOrDefault(who) ?? []).Select(customer => $"      person {who}{(_dncArrival.ContainsKey(who) ? " (DNC)" : string.Empty)}: {customer}")));
                    }
                }
            }
        }

        _moments.Add(new MomentFigures(now, rows.Count, rows.Count(static r => r.IsReply), report.ResponsesOverdue, report.TouchesDue, report.Customers, report.PossibleDuplicates, twice, leakRows));
    }

    public StreamOutcome Finish(TimeSpan elapsed)
    {
        var counted = _requests.Where(r => r.Listed || !(_dncArrival.TryGetValue(r.Lead.PersonId, out var a) && a <= r.Deadline)).ToList();
        return new StreamOutcome
        {
            People = _stream.People.Count,
            Leads = _stream.Leads.Count,
            Days = _stream.Days,
            Seed = _stream.Seed,
            DncSenders = _dncArrival.Count,
            DncLeaked = _leaked.Count,
            Silenced = _silenced.Count,
            PartlySilenced = _partlySilenced.Count,
            SilencedDetails = [.. _silencedWith.Select(static s => $"silenced person {s.Key}, with the people of their profile:{Environment.NewLine}{s.Value}")],
            ContactMeRequests = counted.Count,
            ContactMeListed = counted.Count(static r => r.Listed),
            RepeatRequests = counted.Count(static r => r.Lead.IsRepeat),
            RepeatListed = counted.Count(static r => r.Lead.IsRepeat && r.Listed),
            MissedOfSilenced = counted.Count(r => !r.Listed && _partlySilenced.Contains(r.Lead.PersonId)),
            WithdrawnByDnc = _requests.Count - counted.Count,
            PeopleListedTwice = _listedTwice.Count,
            Misses = [.. counted.Where(static r => !r.Listed).Select(r => new Miss(r.Lead, r.Deadline, r.Seen, _partlySilenced.Contains(r.Lead.PersonId)))],
            Moments = _moments,
            IdCollisions = _idCollisions,
            ReadErrors = _readErrors,
            ImportFailures = _importFailures,
            LastImport = _lastImport,
            Elapsed = elapsed,
        };
    }

    /// <summary>Describes a miss from the database as <c>due</c> saw it at the last moment of the request's window: the person's profiles, their leads on the offer, and any possible duplicates (with the other side's people).</summary>
    public async Task<string> DetailAsync(Miss miss, string database)
    {
        var moment = _stream.Moments.LastOrDefault(m => m <= miss.Deadline && m >= miss.Lead.ArrivesAt, miss.Lead.ArrivesAt);
        var text = await DescribeAsync(miss.Lead.PersonId, moment, miss.Lead.Offer, database);
        if (miss.Lead.SameAs is { } same)
        {
            var first = _stream.Leads[same];
            text += string.Create(CultureInfo.InvariantCulture, $"; repeats lead #{same} {first.Channel} made {first.MadeAt:MM-dd HH:mm} arrived {first.ArrivesAt:MM-dd HH}h");
        }

        return text;
    }

    /// <summary>Describes a DNC sender listed after their DNC arrived, from the database as <c>due</c> saw it at the first moment that listed them: the row, the person's profiles (every lead), and their possible duplicates.</summary>
    public async Task<string> DetailAsync(Leak leak, string database) =>
        string.Create(CultureInfo.InvariantCulture, $"DNC leak (DNC arrived {leak.DncArrival:MM-dd HH}h; {(leak.IsReply ? "reply" : "touch")} row on profile {leak.ProfileId[..8]}): ")
        + await DescribeAsync(leak.Person, leak.Moment, null, database);

    /// <summary>Describes a person at a moment: their profiles (with the leads on <paramref name="offer"/>, or every lead), DNC and held flags, and possible duplicates with the other side's people.</summary>
    private async Task<string> DescribeAsync(int personId, DateTimeOffset moment, string? offer, string database)
    {
        var time = new FixedTimeProvider(moment);
        var context = CliContext.From(LeadsCommandLine.Create(time).Parse(["report"]), new CommonOptions(), time);
        var snapshot = (await LeadSnapshot.ReadAsync(context, database, default))!;
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"person {personId} at {moment:MM-dd HH}h, offer {offer ?? "any"}:"));
        string People(Deduplication.CustomerProfile profile) => string.Join("/", profile.Leads.Select(l => _personOfLead.TryGetValue(l.Id.ToString(), out var p) ? p.ToString(CultureInfo.InvariantCulture) : "?").Distinct());
        foreach (var profile in snapshot.Profiles.Where(p => p.Leads.Any(l => _personOfLead.GetValueOrDefault(l.Id.ToString(), -1) == personId)))
        {
            text.Append(CultureInfo.InvariantCulture, $" [profile {profile.Id.ToString()[..8]} people {People(profile)}{(profile.DoNotContact ? " DNC" : string.Empty)}{(snapshot.Holds.IsHeld(profile.Id) ? " held" : string.Empty)}; leads{(offer is null ? string.Empty : " on offer")}:");
            foreach (var lead in profile.Leads.Where(l => offer is null || l.LeadSource.Offer.ToString().Equals(offer, StringComparison.OrdinalIgnoreCase)))
            {
                text.Append(CultureInfo.InvariantCulture, $" {lead.Id.ToString()[..8]} {lead.ActionCode} {lead.Channel} {lead.LeadSource.Offer} {Keys(lead.Customer)} created {lead.CreatedAt:MM-dd HH:mm} received {lead.ReceivedAt:MM-dd HH:mm};");
            }

            foreach (var pair in snapshot.PossibleDuplicates.Where(d => d.First == profile.Id || d.Second == profile.Id))
            {
                var other = snapshot.Profiles.FirstOrDefault(p => p.Id == (pair.First == profile.Id ? pair.Second : pair.First));
                text.Append(CultureInfo.InvariantCulture, $" possible duplicate of people {(other is null ? "?" : People(other))}{(other?.DoNotContact == true ? " DNC" : string.Empty)} ({pair.Reason});");
            }

            text.Append(']');
        }

        var person = _stream.People.First(p => p.Id == personId);
        text.Append(CultureInfo.InvariantCulture, $" household with {person.HouseholdWith?.ToString(CultureInfo.InvariantCulture) ?? "-"}, colleague of {person.ColleagueOf?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        return text.ToString();
    }

    /// <summary>Says why a request in its window has no on-time reply row for its person and offer at this moment.</summary>
    private string MissCause(Request request, (int Person, string Offer) key, DateTimeOffset now, IReadOnlyList<DueRow> rows, Dictionary<string, HashSet<int>> personsOf, List<StoredProfile> held)
    {
        var own = rows.Where(r => r.Offer.Equals(key.Offer, StringComparison.OrdinalIgnoreCase) && (personsOf.GetValueOrDefault(r.ProfileId)?.Contains(key.Person) ?? false)).ToList();
        var others = held.Select(p => personsOf[p.Id].Count > 1 ? "with others" : "own").Distinct().Order(StringComparer.Ordinal);
        var where = $"{held.Count} profile(s) [{string.Join("+", others)}]{(held.Any(static p => p.DoNotContact) ? ", one DNC" : string.Empty)}{(held.Any(static p => p.Held) ? ", one held" : string.Empty)}";
        var cause = own.Count > 0
            ? own.Any(static r => r.IsReply) ? "reply row overdue" : "nurture row only"
            : held.Count == 0 ? "not in any profile"
            : held.All(static p => p.DoNotContact || p.Held) ? "every profile DNC or held"
            : "no row";
        return string.Create(CultureInfo.InvariantCulture, $"{now:MM-dd HH}h: {cause}; {where}");
    }

    /// <summary>Gets what a lead offers identity to meet on (synthetic people: the stream's own pools): name, e-mail domain, phone, company, country.</summary>
    private static string Keys(CustomerInfo customer) =>
        $"({customer.FirstName} {customer.LastName}, {(customer.Email is { } email ? "@" + email[(email.IndexOf('@', StringComparison.Ordinal) + 1)..] : "no e-mail")}, {(customer.Phone is null ? "no phone" : "phone")}, {customer.Company ?? "no company"}, {customer.Country ?? "no country"})";

    private bool DncArrived(int person, DateTimeOffset now) => _dncArrival.TryGetValue(person, out var arrival) && arrival <= now;

    private sealed class Request(StreamLead lead)
    {
        public StreamLead Lead { get; } = lead;

        public DateTimeOffset Deadline { get; } = lead.MadeAt.AddHours(24);

        public bool Listed { get; set; }

        /// <summary>Gets, for each moment in the request's window at which it was not listed, why (<see cref="MissCause"/>).</summary>
        public List<string> Seen { get; } = [];
    }
}

/// <summary>A <em>Contact me</em> request that was not listed on time, and what the scorer saw at each moment of its window.</summary>
internal sealed record Miss(StreamLead Lead, DateTimeOffset Deadline, IReadOnlyList<string> Seen, bool PartlySilenced)
{
    /// <summary>Gets the cause: no moment in the window (the stream's clock), else what was seen at the last moment of it.</summary>
    public string Cause => Seen.Count == 0 ? "no check moment between arrival and deadline" : Seen[^1][(Seen[^1].IndexOf(": ", StringComparison.Ordinal) + 2)..].Split(';')[0];

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"person {Lead.PersonId} lead #{Lead.Index} {Lead.Channel}{(Lead.IsRepeat ? " repeat" : string.Empty)} {Lead.Offer}: made {Lead.MadeAt:MM-dd HH:mm}, arrives {Lead.ArrivesAt:MM-dd HH}h, deadline {Deadline:MM-dd HH:mm}{(PartlySilenced ? ", partly silenced" : string.Empty)}; {string.Join(" | ", Seen)}");
}

/// <summary>A DNC sender listed after their DNC arrived: the first moment and the row (profile, offer, reply or touch) that listed them.</summary>
internal sealed record Leak(int Person, DateTimeOffset Moment, DateTimeOffset DncArrival, string ProfileId, string Offer, bool IsReply);

/// <summary>What a simulation measured, with the issue's targets.</summary>
internal sealed record StreamOutcome
{
    public required int People { get; init; }

    public required int Leads { get; init; }

    public required int Days { get; init; }

    public required int Seed { get; init; }

    public required int DncSenders { get; init; }

    /// <summary>Gets the DNC senders listed (any row on a profile holding one of their leads) after their DNC arrived. Target 0.</summary>
    public required int DncLeaked { get; init; }

    /// <summary>Gets the people who never sent DNC and whose every profile was do-not-contact at some moment (gone from every list). Target 0 beyond identity errors.</summary>
    public required int Silenced { get; init; }

    /// <summary>Gets each silenced person's customers beside those of the people their profile holds (with <c>MARKETPLACELEADS_STREAM_SILENCED=1</c>; empty otherwise).</summary>
    public IReadOnlyList<string> SilencedDetails { get; init; } = [];

    /// <summary>Gets the people who never sent DNC with at least one of their leads in a do-not-contact profile at some moment.</summary>
    public required int PartlySilenced { get; init; }

    /// <summary>Gets the <em>Contact me</em> requests scored (repeats included; those whose sender's DNC arrived before the deadline and before a listing left out).</summary>
    public required int ContactMeRequests { get; init; }

    /// <summary>Gets the requests listed as an on-time reply for that person and offer at a moment between their arrival and their 24 h deadline. Target: all.</summary>
    public required int ContactMeListed { get; init; }

    public required int RepeatRequests { get; init; }

    public required int RepeatListed { get; init; }

    public required int MissedOfSilenced { get; init; }

    public required int WithdrawnByDnc { get; init; }

    /// <summary>Gets the people listed more than once for one offer at one moment, at any moment. Target 0.</summary>
    public required int PeopleListedTwice { get; init; }

    public required IReadOnlyList<MomentFigures> Moments { get; init; }

    /// <summary>Gets the <em>Contact me</em> requests not listed on time, each with why at each moment of its window.</summary>
    public IReadOnlyList<Miss> Misses { get; init; } = [];

    /// <summary>Gets, with <c>MARKETPLACELEADS_STREAM_DIAGNOSE=1</c>, each miss described from the database (<see cref="StreamScorer.DetailAsync(Miss, string)"/>).</summary>
    public IReadOnlyList<string> MissDetails { get; init; } = [];

    /// <summary>Gets, with <c>MARKETPLACELEADS_STREAM_DIAGNOSE=1</c>, each DNC sender listed after their DNC described from the database (<see cref="StreamScorer.DetailAsync(Leak, string)"/>).</summary>
    public IReadOnlyList<string> LeakDetails { get; init; } = [];

    public required int IdCollisions { get; init; }

    public required int ReadErrors { get; init; }

    public required int ImportFailures { get; init; }

    public required string LastImport { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Gets the team that worked the review queue, if one did.</summary>
    public ReviewingTeam? Team { get; init; }

    public double ContactMeRate => ContactMeRequests == 0 ? 1 : (double)ContactMeListed / ContactMeRequests;

    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"stream: {People} people, {Leads} leads over {Days} days (seed {Seed}); {Moments.Count} moments; {Elapsed.TotalSeconds:0.0} s");
        Line($"reader: {ReadErrors} read errors, {IdCollisions} lead ids shared by two people; import failures {ImportFailures}; last import: {LastImport}");
        Line($"{Team?.ToString() ?? "no reviewing team: every pair held for review stays held"}");
        Line($"DNC senders listed after their DNC arrived: {DncLeaked} of {DncSenders} [target 0: {Met(DncLeaked == 0)}]");
        Line($"people silenced by someone else's DNC (every profile DNC): {Silenced}; partly (a lead in a DNC profile): {PartlySilenced} [target 0 beyond identity errors: {Met(Silenced == 0)}]");
        Line($"Contact me listed before the 24 h deadline: {ContactMeListed} of {ContactMeRequests} ({ContactMeRate:P1}); repeats {RepeatListed} of {RepeatRequests}; misses of partly silenced people {MissedOfSilenced}; withdrawn by DNC {WithdrawnByDnc} [target 100 %: {Met(ContactMeListed == ContactMeRequests)}]");
        Line($"people listed twice for one offer at one moment: {PeopleListedTwice} (max at one moment {Moments.Max(static m => m.ListedTwice)}, at the end {Moments[^1].ListedTwice}) [target 0: {Met(PeopleListedTwice == 0)}]");
        Line($"due rows at the end of each day: {string.Join(", ", Moments.Where(static m => m.Moment.Hour == LeadStream.MomentHours[^1]).Select(static m => m.DueRows.ToString(CultureInfo.InvariantCulture)))}");
        Line($"responses overdue (report) at the end of each day: {string.Join(", ", Moments.Where(static m => m.Moment.Hour == LeadStream.MomentHours[^1]).Select(static m => m.ReportResponsesOverdue.ToString(CultureInfo.InvariantCulture)))}");
        foreach (var group in Misses.GroupBy(static m => m.Cause).OrderByDescending(static g => g.Count()))
        {
            Line($"  missed Contact me: {group.Count()} {group.Key}");
            foreach (var miss in group.Take(3))
            {
                Line($"    {miss}");
            }
        }

        foreach (var detail in MissDetails)
        {
            Line($"  {detail}");
        }

        foreach (var detail in LeakDetails)
        {
            Line($"  {detail}");
        }

        foreach (var detail in SilencedDetails)
        {
            Line($"  {detail}");
        }

        var last = Moments[^1];
        Line($"at the end: {last.DueRows} due rows ({last.DueReplies} replies), {last.ReportTouchesDue} touches due, {last.ReportResponsesOverdue} responses overdue, {last.Customers} customers, {last.PossibleDuplicates} possible duplicates");
        return text.ToString();
    }

    private static string Met(bool met) => met ? "met" : "not met";
}
