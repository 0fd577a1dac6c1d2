using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A company of the Atlantic corpus: mostly small and mid-size, with its legal form, domain, mailbox convention and main number.</summary>
internal sealed class AtlanticCompany
{
    public required AtlanticCountry Country { get; init; }

    /// <summary>Gets the name without the legal form (<c>Müller Maschinenbau</c>, <c>P.H.U. Kowalski</c>).</summary>
    public required string Core { get; init; }

    /// <summary>Gets the legal form (<c>GmbH</c>, <c>Sp. z o.o.</c>, <c>Inc.</c>), or empty.</summary>
    public required string LegalForm { get; init; }

    /// <summary>Gets what stands between the core and the legal form (<c>" "</c>, or <c>", "</c> as in <c>Northwind Traders, Inc.</c>).</summary>
    public required string Separator { get; init; }

    /// <summary>Gets the mail domain, or <see langword="null"/> for a business that uses a freemail address.</summary>
    public required string? Domain { get; init; }

    /// <summary>Gets the company's mailbox convention (see <see cref="AtlanticCompanies.LocalPart"/>).</summary>
    public required int MailStyle { get; init; }

    public required AtlanticPhone MainPhone { get; init; }

    /// <summary>Gets the mailboxes in use, so that two people never get the same one by accident.</summary>
    public HashSet<string> Mailboxes { get; } = new(StringComparer.Ordinal);

    public string Name => LegalForm.Length == 0 ? Core : Core + Separator + LegalForm;
}

/// <summary>Company names, legal forms and their spellings, domains and mailbox conventions.</summary>
internal static class AtlanticCompanies
{
    /// <summary>Microsoft's fictitious brands, which customers of marketplace offers work for (subsidiaries in several countries).</summary>
    public static readonly string[] Brands =
    [
        "Contoso", "Fabrikam", "Northwind Traders", "Tailspin Toys", "Adventure Works", "Coho Winery", "Wingtip Toys",
        "Woodgrove Bank", "Proseware", "Lucerne Publishing", "Fourth Coffee", "Alpine Ski House", "Blue Yonder Airlines",
        "Wide World Importers", "Trey Research", "Margie's Travel", "Humongous Insurance", "Relecloud", "VanArsdel",
        "Tailwind Traders", "Lamna Healthcare", "Best For You Organics", "First Up Consultants", "Southridge Video",
        "Consolidated Messenger", "Fincher Architects", "Graphic Design Institute", "City Power & Light", "Nod Publishers",
    ];

    /// <summary>The spellings of each legal form seen on forms (the first is the canonical one).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> LegalForms = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["GmbH"] = ["GmbH", "Gmbh", "GMBH", "G.m.b.H."],
        ["GmbH & Co. KG"] = ["GmbH & Co. KG", "GmbH & Co KG", "GmbH&Co.KG", "GmbH u. Co. KG"],
        ["AG"] = ["AG", "Aktiengesellschaft"],
        ["e.K."] = ["e.K.", "e. K.", "eK"],
        ["Sp. z o.o."] = ["Sp. z o.o.", "sp. z o.o.", "Sp. z.o.o.", "Sp.z o.o.", "Spółka z o.o.", "sp. z o. o.", "Spółka z ograniczoną odpowiedzialnością"],
        ["S.A."] = ["S.A.", "SA", "S. A.", "S.A"],
        ["Sp. j."] = ["Sp. j.", "sp.j.", "Spółka Jawna"],
        ["SARL"] = ["SARL", "S.A.R.L.", "Sarl", "S.à r.l."],
        ["SAS"] = ["SAS", "S.A.S.", "Sas"],
        ["EURL"] = ["EURL", "E.U.R.L."],
        ["S.L."] = ["S.L.", "SL", "S.L", "Sociedad Limitada"],
        ["S.L.U."] = ["S.L.U.", "SLU", "S.L.U"],
        ["Ltda."] = ["Ltda.", "Ltda", "LTDA"],
        ["EIRELI"] = ["EIRELI", "Eireli"],
        ["ME"] = ["ME", "- ME", "M.E."],
        ["S.r.l."] = ["S.r.l.", "Srl", "S.R.L.", "s.r.l."],
        ["S.p.A."] = ["S.p.A.", "SpA", "S.P.A."],
        ["s.n.c."] = ["s.n.c.", "S.N.C.", "snc"],
        ["B.V."] = ["B.V.", "BV", "B.V", "bv"],
        ["V.O.F."] = ["V.O.F.", "VOF", "vof"],
        ["AB"] = ["AB", "Aktiebolag", "A.B."],
        ["AS"] = ["AS", "A/S", "A.S."],
        ["ASA"] = ["ASA", "A.S.A."],
        ["Ltd"] = ["Ltd", "Ltd.", "Limited", "LTD"],
        ["Limited"] = ["Limited", "Ltd", "Ltd.", "LIMITED"],
        ["DAC"] = ["DAC", "D.A.C."],
        ["Teoranta"] = ["Teoranta", "Teo."],
        ["PLC"] = ["PLC", "plc", "Public Limited Company"],
        ["LLP"] = ["LLP", "L.L.P."],
        ["Inc."] = ["Inc.", "Inc", "Incorporated", "INC"],
        ["LLC"] = ["LLC", "L.L.C.", "Llc"],
        ["Corp."] = ["Corp.", "Corporation", "Corp"],
        ["Co."] = ["Co.", "Company"],
        ["Ltée"] = ["Ltée", "Ltee", "Limitée"],
        ["Ltd."] = ["Ltd.", "Ltd", "Limited"],
        ["S.A. de C.V."] = ["S.A. de C.V.", "SA de CV", "S.A. DE C.V.", "S.A de C.V"],
        ["S. de R.L. de C.V."] = ["S. de R.L. de C.V.", "S de RL de CV", "S. de R.L."],
        ["S.A.P.I. de C.V."] = ["S.A.P.I. de C.V.", "SAPI de CV"],
        ["S.C."] = ["S.C.", "SC"],
    };

    // Templates: {L} a surname, {M} another, {P} a place, {T} a trade, {W} a coined word. Then the legal form and the separator.
    private static readonly Dictionary<string, (string Core, string Form, string Separator, int Weight)[]> Templates =
        new Dictionary<string, (string, string, string, int)[]>(StringComparer.Ordinal)
        {
            ["DE"] = [("{L} {T}", "GmbH", " ", 30), ("{P} {T}", "GmbH", " ", 15), ("{L} & {M}", "GmbH & Co. KG", " ", 10), ("{L} {T}", "AG", " ", 4), ("{W}", "GmbH", " ", 10), ("{T} {L}", "e.K.", " ", 8), ("{L} & Söhne", "GmbH", " ", 5), ("{W} {T}", "GmbH", " ", 8)],
            ["PL"] = [("{L} {T}", "Sp. z o.o.", " ", 25), ("{P} {T}", "Sp. z o.o.", " ", 12), ("{W}-Pol", "Sp. z o.o.", " ", 10), ("{W}pol", "S.A.", " ", 4), ("P.H.U. {L}", string.Empty, " ", 14), ("F.H.U. {W}", string.Empty, " ", 6), ("{L} i Synowie", "Sp. z o.o.", " ", 5), ("{L} {T}", "Sp. j.", " ", 6)],
            ["FR"] = [("{T} {L}", "SARL", " ", 20), ("{L} et Fils", "SAS", " ", 8), ("{P} {T}", "SAS", " ", 15), ("{W} Informatique", "SARL", " ", 8), ("Cabinet {L}", string.Empty, " ", 8), ("{T} {L}", "S.A.", " ", 5), ("{L} & Associés", string.Empty, " ", 6), ("Établissements {L}", string.Empty, " ", 5), ("{P} {T}", "EURL", " ", 5)],
            ["ES"] = [("{T} {L}", "S.L.", " ", 28), ("{L} e Hijos", "S.A.", " ", 8), ("{T} del {P}", "S.L.", " ", 14), ("{W} Soluciones", "S.L.", " ", 8), ("{L} y {M} Asociados", "S.L.", " ", 6), ("Grupo {L}", "S.A.", " ", 5), ("{T} {L}", "S.L.U.", " ", 6)],
            ["BR"] = [("{T} {L}", "Ltda.", " ", 28), ("{L} & Filhos", "Ltda.", " ", 8), ("{T} {P}", "Ltda.", " ", 14), ("{W} Tecnologia", "S.A.", " ", 8), ("{L} {T}", "EIRELI", " ", 6), ("{T} {L}", "ME", " ", 8), ("Grupo {L}", "S.A.", " ", 4)],
            ["IT"] = [("{L} {T}", "S.r.l.", " ", 28), ("{L} & Figli", "S.p.A.", " ", 6), ("{T} {P}", "S.r.l.", " ", 14), ("Officine {L}", "S.p.A.", " ", 4), ("Studio {L}", string.Empty, " ", 8), ("{W}", "S.r.l.", " ", 8), ("{L} & {M}", "s.n.c.", " ", 6), ("F.lli {L}", "S.r.l.", " ", 6)],
            ["NL"] = [("{L} {T}", "B.V.", " ", 26), ("{T}bedrijf {L}", "B.V.", " ", 10), ("{P} {T}", "B.V.", " ", 14), ("{W} {T}", "B.V.", " ", 8), ("{L} & Zn.", "B.V.", " ", 5), ("{L} Groep", "B.V.", " ", 6), ("{L} & {M}", "V.O.F.", " ", 6)],
            ["SE"] = [("{L}s {T}", "AB", " ", 26), ("{P} {T}", "AB", " ", 16), ("{W} {T}", "AB", " ", 10), ("{L} & Co", "AB", " ", 6)],
            ["NO"] = [("{L} {T}", "AS", " ", 26), ("{P} {T}", "AS", " ", 16), ("{W} {T}", "AS", " ", 10), ("{L} & Sønn", "AS", " ", 6), ("{P} {T}", "ASA", " ", 2)],
            ["IE"] = [("{L} {T}", "Ltd", " ", 26), ("{P} {T}", "Limited", " ", 14), ("{L} & Sons", "Ltd", " ", 8), ("{W} {T}", "DAC", " ", 5), ("{L} {M} & Co.", string.Empty, " ", 4), ("{P} {T}", "Teoranta", " ", 2)],
            ["GB"] = [("{L} & Sons", "Ltd", " ", 10), ("{P} {T}", "Limited", " ", 16), ("{W} {T}", "Ltd", " ", 12), ("{L} {T}", "Ltd", " ", 20), ("{L} {M}", "LLP", " ", 6), ("{P} {T}", "PLC", " ", 2), ("{L} & Co", string.Empty, " ", 4)],
            ["US"] = [("{L} {T}", "Inc.", ", ", 20), ("{P} {T}", "LLC", " ", 20), ("{L} & Associates", "LLC", ", ", 8), ("{W} {T}", "Inc.", " ", 12), ("{L} {T}", "Corp.", " ", 6), ("{L} & {M}", "LLP", " ", 4), ("{P} {T}", "Co.", " ", 4), ("{L} Brothers {T}", "Inc.", ", ", 4)],
            ["CA"] = [("{L} {T}", "Ltd.", " ", 18), ("{P} {T}", "Inc.", " ", 16), ("{W} {T}", "Inc.", " ", 10), ("{L} & Associates", "Ltd.", " ", 6)],
            ["QC"] = [("Les Entreprises {L}", "Inc.", " ", 10), ("Groupe {L}", "Ltée", " ", 8), ("{T} {L}", "Inc.", " ", 14), ("{T} {P}", "Ltée", " ", 10)],
            ["MX"] = [("{T} {L}", "S.A. de C.V.", " ", 26), ("{T} del {P}", "S.A. de C.V.", " ", 12), ("{L} y Asociados", "S.C.", ", ", 8), ("{W} {T}", "S. de R.L. de C.V.", " ", 10), ("{T} {P}", "S.A.P.I. de C.V.", " ", 5)],
        };

    private static readonly Dictionary<string, string[]> Trades = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DE"] = ["Maschinenbau", "Logistik", "Elektrotechnik", "Haustechnik", "Metallbau", "Spedition", "Software", "Druckerei", "Bauunternehmung", "Steuerberatung", "Ingenieurbüro", "Autohaus", "Möbelwerkstätten", "Getränkehandel", "Kunststofftechnik", "Landtechnik", "Gebäudereinigung", "IT-Systemhaus", "Brauerei", "Feinmechanik", "Zahntechnik"],
        ["PL"] = ["Transport", "Budownictwo", "Meble", "Drukarnia", "Hurtownia", "Informatyka", "Elektro", "Piekarnia", "Księgowość", "Logistyka", "Instalacje", "Spedycja", "Stolarstwo", "Ogrodnictwo"],
        ["FR"] = ["Transports", "Informatique", "Bâtiment", "Menuiserie", "Imprimerie", "Logistique", "Électricité", "Plomberie", "Conseil", "Boulangerie", "Expertise Comptable", "Ingénierie", "Agencement", "Négoce"],
        ["ES"] = ["Transportes", "Construcciones", "Logística", "Informática", "Asesoría", "Gestoría", "Carpintería", "Instalaciones", "Distribuciones", "Ingeniería", "Talleres", "Suministros", "Conservas"],
        ["BR"] = ["Transportes", "Construtora", "Logística", "Tecnologia", "Comércio de Alimentos", "Engenharia", "Contabilidade", "Distribuidora", "Metalúrgica", "Móveis", "Informática", "Confecções"],
        ["IT"] = ["Logistica", "Costruzioni", "Informatica", "Meccanica", "Tipografia", "Impianti", "Arredamenti", "Trasporti", "Consulenze", "Alimentari", "Ceramiche", "Elettronica"],
        ["NL"] = ["Transport", "Bouw", "Installatietechniek", "Logistiek", "ICT", "Techniek", "Administratiekantoor", "Drukkerij", "Metaal", "Bloemen", "Interieurbouw", "Advies"],
        ["SE"] = ["Bygg", "Logistik", "Data", "El", "Transport", "Konsult", "Mekaniska", "Trä", "VVS", "Redovisning", "Teknik"],
        ["NO"] = ["Transport", "Bygg", "Elektro", "IT", "Rørlegger", "Regnskap", "Maskin", "Eiendom", "Fisk", "Rådgivning", "Trelast"],
        ["IE"] = ["Engineering", "Logistics", "Construction", "Software", "Accountants", "Consulting", "Foods", "Electrical", "Haulage", "Pharma Services", "Print"],
        ["GB"] = ["Engineering", "Logistics", "Solutions", "Builders", "Accountants", "Consulting", "Joinery", "Print", "Electrical", "Haulage", "Software", "Estates", "Catering"],
        ["US"] = ["Manufacturing", "Logistics", "Technologies", "Construction", "Consulting", "Solutions", "Supply", "Engineering", "Foods", "Dental Group", "Insurance Agency", "Realty", "Auto Parts", "Plumbing & Heating", "Marketing Group"],
        ["CA"] = ["Logistics", "Construction", "Technologies", "Consulting", "Manufacturing", "Foods", "Engineering", "Supply"],
        ["QC"] = ["Transport", "Construction", "Informatique", "Excavation", "Services Conseils", "Érablière", "Plomberie", "Électrique"],
        ["MX"] = ["Logística", "Construcciones", "Soluciones", "Transportes", "Distribuidora", "Comercializadora", "Ingeniería", "Servicios Integrales", "Alimentos", "Maquinaria"],
    };

    private static readonly Dictionary<string, string[]> Places = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DE"] = ["Bodensee", "Allgäu", "Rhein-Main", "Nordsee", "Schwarzwald", "Elbe", "Spree", "Münsterland", "Oberpfalz", "Isar", "Harz", "Mosel", "Eifel", "Lausitz", "Saale", "Weser", "Chiemgau", "Taunus", "Ostfriesland"],
        ["PL"] = ["Mazowsze", "Wisła", "Bałtyk", "Pomorze", "Śląsk", "Tatry", "Warta", "Podhale", "Kujawy", "Mazury", "Odra", "Bieszczady"],
        ["FR"] = ["Loire", "Provence", "Bretagne", "Alsace", "Normandie", "Rhône", "Garonne", "Auvergne", "Vendée", "Savoie", "Anjou", "Languedoc", "Vosges"],
        ["ES"] = ["Ebro", "Levante", "Cantábrico", "Galicia", "Castilla", "Navarra", "Guadalquivir", "Mediterráneo", "Tajo", "Duero", "Rioja"],
        ["BR"] = ["Paulista", "Mineira", "Amazônia", "Paraná", "Guanabara", "Serra Gaúcha", "Nordeste", "Cerrado", "Pantanal", "Litoral", "Vale do Paraíba"],
        ["IT"] = ["Brianza", "Lario", "Veneta", "Emiliana", "Adriatica", "Tirrenica", "Piemontese", "Etna", "Sila", "Garda", "Toscana", "Friulana", "Salento"],
        ["NL"] = ["Noordzee", "Veluwe", "Twente", "Brabant", "Waal", "Zeeland", "Drenthe", "Friesland", "Rijnmond", "Kennemerland", "Achterhoek"],
        ["SE"] = ["Norrland", "Mälardalen", "Skåne", "Värmland", "Dalarna", "Öresund", "Norrbotten", "Småland", "Gotland", "Västkust"],
        ["NO"] = ["Fjord", "Nordland", "Vestland", "Trøndelag", "Hardanger", "Lofoten", "Østfold", "Sunnmøre", "Telemark", "Finnmark"],
        ["IE"] = ["Shannon", "Liffey", "Atlantic", "Connacht", "Munster", "Wicklow", "Kerry", "Corrib", "Boyne", "Slaney", "Burren"],
        ["GB"] = ["Pennine", "Thames", "Severn", "Cotswold", "Mersey", "Tyne", "Solent", "Chiltern", "Fenland", "Peak", "Cumbria", "Wessex", "Humber"],
        ["US"] = ["Cascade", "Lakeshore", "Bluegrass", "Gulf Coast", "Prairie", "Piedmont", "Ozark", "Sierra", "Chesapeake", "Great Plains", "Hudson Valley", "Front Range", "Tidewater", "Mesa", "Red River"],
        ["CA"] = ["Laurentian", "Fundy", "Okanagan", "Muskoka", "Niagara", "Rideau", "Yukon", "Kootenay", "Prairie", "Algonquin"],
        ["QC"] = ["Laurentides", "Saguenay", "Gaspésie", "Beauce", "Mauricie", "Outaouais", "Estrie"],
        ["MX"] = ["Bajío", "Sierra Madre", "Pacífico", "Golfo", "Anáhuac", "Yucatán", "Huasteca", "Occidente", "Norte", "Sureste"],
    };

    private static readonly string[] Coined =
    [
        "Nexo", "Axion", "Solvia", "Vireo", "Quadrix", "Lumina", "Ortus", "Brio", "Kaleo", "Tessel", "Corvo", "Altura", "Nimbus",
        "Veritas", "Fluxo", "Primo", "Zenit", "Arcus", "Delta", "Sigma", "Orion", "Vega", "Polaris", "Aquila", "Lynx", "Datawerk",
        "Techwerk", "Infranet", "Protema", "Medisoft", "Nordtec", "Elbtal", "Syntara", "Axento",
    ];

    private static readonly Dictionary<string, string[]> BrandRegions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["DE"] = ["Deutschland", "Germany"],
        ["PL"] = ["Polska", "Poland"],
        ["FR"] = ["France"],
        ["ES"] = ["Iberia", "España"],
        ["BR"] = ["Brasil"],
        ["IT"] = ["Italia"],
        ["NL"] = ["Nederland", "Benelux"],
        ["SE"] = ["Nordic", "Sverige"],
        ["NO"] = ["Norge", "Nordic"],
        ["IE"] = ["Ireland"],
        ["GB"] = ["UK"],
        ["US"] = ["USA"],
        ["CA"] = ["Canada"],
        ["MX"] = ["México"],
    };

    private static readonly HashSet<string> DomainStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "&", "and", "und", "et", "e", "y", "i", "och", "og", "en", "di", "de", "del", "da", "do", "dos", "das", "van", "der", "den",
        "le", "la", "les", "the", "of", "p.h.u.", "f.h.u.", "les", "groupe", "grupo", "cabinet", "studio", "officine", "f.lli", "établissements",
    };

    /// <summary>Creates a company in the country, with a name and a domain no other company has.</summary>
    public static AtlanticCompany Create(AtlanticDice dice, AtlanticCountry country, AtlanticCulture culture, bool quebec, bool needsDomain, Func<string, bool> isTaken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (core, form, separator) = dice.Chance(0.12) ? BrandName(dice, country) : TemplateName(dice, country, culture, quebec);
            var name = form.Length == 0 ? core : core + separator + form;
            if (isTaken("name:" + name) && attempt < 50)
            {
                continue;
            }

            // One business in nine (sole traders, trades) writes from a freemail address.
            string? domain = null;
            if (needsDomain || !dice.Chance(0.11))
            {
                var label = DomainLabel(dice, core);
                string[] suffixes = [string.Empty, "-" + AtlanticText.MailPart(form.Length > 0 ? form : "group", AtlanticFold.Strip), "-group", "-online", "-" + country.Code.ToLowerInvariant()];
                foreach (var suffix in suffixes.Concat(Enumerable.Range(2, 50).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                {
                    var candidate = label + (suffix == "-" ? string.Empty : suffix) + "." + country.Tld + ".example";
                    if (!isTaken("domain:" + candidate))
                    {
                        domain = candidate;
                        break;
                    }
                }

                domain ??= label + "-" + dice.Digits(6) + "." + country.Tld + ".example";
            }

            return new AtlanticCompany
            {
                Country = country,
                Core = core,
                LegalForm = form,
                Separator = separator,
                Domain = domain,
                MailStyle = dice.Index(50, 12, 12, 7, 3, 4, 3, 3, 3),
                MainPhone = AtlanticPhones.Switchboard(dice, country.Code, quebec),
            };
        }
    }

    /// <summary>Returns the mailbox local part under the company's convention (first.last, f.last, flast, first, firstl, first_last, last.first, last, first-last).</summary>
    public static string LocalPart(int style, string first, string last) => style switch
    {
        0 => $"{first}.{last}",
        1 => $"{first[..1]}.{last}",
        2 => $"{first[..1]}{last}",
        3 => first,
        4 => $"{first}{last[..1]}",
        5 => $"{first}_{last}",
        6 => $"{last}.{first}",
        7 => last,
        _ => $"{first}-{last}",
    };

    /// <summary>Writes the company's name the way one person (or one form) does.</summary>
    public static string Variant(AtlanticDice dice, AtlanticCompany company, AtlanticKeyboard keyboard)
    {
        var forms = company.LegalForm.Length > 0 && LegalForms.TryGetValue(company.LegalForm, out var known) ? known : [company.LegalForm];
        switch (dice.Index(56, 12, 12, 4, 4, 5, 2, 3, 2))
        {
            case 1:
                var form = dice.Pick(forms);
                var separator = form.StartsWith('-') ? " " : dice.Chance(0.3) ? (company.Separator == ", " ? " " : ", ") : company.Separator;
                return form.Length == 0 ? company.Core : company.Core + separator + form;
            case 2:
                return company.Core;
            case 3:
                return (dice.Chance(0.5) ? company.Name : company.Core).ToUpperInvariant(); // CONTOSO LTD, CONTOSO
            case 4:
                return AtlanticText.Fold(company.Name, AtlanticFold.Strip, expand: false);
            case 5:
                var words = company.Core.Split(' ');
                return words.Length > 1 && words[0].Length > 3 ? words[0] : company.Core;
            case 6:
                return company.Name.Replace(" & ", And(company.Country.Language), StringComparison.Ordinal);
            case 7:
                return company.Name.ToLowerInvariant();
            case 8:
                return AtlanticText.Typo(dice, company.Name, keyboard);
            default:
                return company.Name;
        }
    }

    private static string And(string language) => language switch
    {
        "de" => " und ",
        "fr" or "qc" => " et ",
        "es" => " y ",
        "pt" or "it" => " e ",
        "pl" => " i ",
        "nl" => " en ",
        "sv" => " och ",
        "no" => " og ",
        _ => " and ",
    };

    private static (string Core, string Form, string Separator) TemplateName(AtlanticDice dice, AtlanticCountry country, AtlanticCulture culture, bool quebec)
    {
        var key = quebec ? "QC" : country.Code;
        var (pattern, form, separator, _) = dice.PickWeighted(Templates[key].Select(t => (t, t.Weight)).ToArray());
        var family = culture.Surnames;
        var first = dice.PickZipf(family, 0.8);
        var second = dice.PickZipf(family, 0.8);
        var core = pattern
            .Replace("{L}", first, StringComparison.Ordinal)
            .Replace("{M}", second, StringComparison.Ordinal)
            .Replace("{P}", dice.Pick(Places[key]), StringComparison.Ordinal)
            .Replace("{T}", dice.Pick(Trades[key]), StringComparison.Ordinal)
            .Replace("{W}", dice.Pick(Coined), StringComparison.Ordinal);

        // Dutch particles are capitalised at the start of a firm's name (Van der Meer Transport).
        if (core.StartsWith("van ", StringComparison.Ordinal) || core.StartsWith("de ", StringComparison.Ordinal))
        {
            core = char.ToUpperInvariant(core[0]) + core[1..];
        }

        return (core, form, separator);
    }

    private static (string Core, string Form, string Separator) BrandName(AtlanticDice dice, AtlanticCountry country)
    {
        var brand = dice.PickZipf(Brands, 0.6);
        var core = dice.Chance(0.35) ? brand + " " + dice.Pick(BrandRegions[country.Code]) : brand;
        var (form, separator) = country.Code switch
        {
            "DE" => ("GmbH", " "),
            "PL" => ("Sp. z o.o.", " "),
            "FR" => ("SAS", " "),
            "ES" => ("S.L.", " "),
            "BR" => ("Ltda.", " "),
            "IT" => ("S.r.l.", " "),
            "NL" => ("B.V.", " "),
            "SE" => ("AB", " "),
            "NO" => ("AS", " "),
            "IE" => ("Limited", " "),
            "GB" => ("Ltd", " "),
            "US" => dice.Chance(0.5) ? ("Inc.", ", ") : ("LLC", " "),
            "CA" => ("Inc.", " "),
            _ => ("S.A. de C.V.", " "),
        };
        return (core, form, separator);
    }

    private static string DomainLabel(AtlanticDice dice, string core)
    {
        var words = core.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !DomainStopWords.Contains(word))
            .Select(word => AtlanticText.MailPart(word, AtlanticFold.German).Replace("-", string.Empty, StringComparison.Ordinal))
            .Where(word => word.Length > 0)
            .Take(dice.Chance(0.6) ? 2 : 1)
            .ToArray();
        if (words.Length == 0)
        {
            words = ["firma"];
        }

        var label = string.Join(dice.Chance(0.5) ? "-" : string.Empty, words);
        return label.Length > 28 ? label[..28].TrimEnd('-') : label;
    }
}
