using System;
using System.Collections.Generic;

namespace MarketplaceLeads.Testing.Streams;

// The pools of the follow-up stream: countries, names, companies and offers that none of the
// de-duplication corpora use (Atlantic: the Americas and Western/Northern Europe; Meridian: Asia, the Gulf,
// Africa and Oceania; the sample set: US, GB, DE, ES, FR, NL, CA, AU, IN). Names are spelt as people of
// these countries type them on English-language forms, diacritics included.

/// <summary>A country of the stream: its code, how people write it, its people's names and phone numbers.</summary>
internal sealed record StreamCountry(
    string Code,
    string[] Spellings,
    string[] FirstNames,
    string[] LastNames,
    string MailDomain,
    string CallingCode,
    string[] MobilePrefixes,
    int SubscriberDigits,
    string[] FreeMail,
    int Weight);

/// <summary>The pools the stream generator draws from.</summary>
internal static class StreamPools
{
    /// <summary>The publisher of every offer in the stream.</summary>
    public const string Publisher = "lumenvale";

    /// <summary>The offers: id (after the publisher) and display name.</summary>
    public static readonly (string Id, string Title)[] Offers =
    [
        ("ledger-sync", "Lumenvale Ledger Sync"),
        ("field-insight", "Lumenvale Field Insight"),
        ("vault-guard", "Lumenvale Vault Guard"),
        ("shift-planner", "Lumenvale Shift Planner"),
    ];

    public static readonly StreamCountry[] Countries =
    [
        new("FI", ["FI", "Finland", "FIN", "finland"],
            ["Aino", "Eetu", "Helmi", "Juho", "Kaisu", "Lauri", "Mikko", "Noora", "Otto", "Pihla", "Sampsa", "Tuuli", "Ville", "Venla", "Jyrki", "Päivi", "Sanna", "Olli"],
            ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Tuominen", "Rantanen", "Karjalainen"],
            "fi", "358", ["40", "44", "50"], 7, ["luukku.com", "kolumbus.fi", "gmail.com"], 9),
        new("CZ", ["CZ", "Czechia", "Czech Republic", "CZE"],
            ["Jiří", "Petra", "Tomáš", "Lucie", "Ondřej", "Kateřina", "Vojtěch", "Tereza", "Radek", "Zuzana", "Marek", "Barbora", "Libor", "Hana"],
            ["Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec", "Pokorný", "Marek", "Pospíšil", "Hájek", "Jelínek", "Král", "Růžička", "Beneš"],
            "cz", "420", ["601", "602", "603", "604", "605", "720", "721", "736", "739", "777"], 6, ["seznam.cz", "email.cz", "centrum.cz"], 9),
        new("HU", ["HU", "Hungary", "HUN", "hungary"],
            ["Bence", "Eszter", "Levente", "Réka", "Ádám", "Zsófia", "Márton", "Dóra", "Gergő", "Anikó", "Csaba", "Ildikó", "Tamás", "Boglárka"],
            ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas", "Balogh", "Papp", "Takács", "Juhász", "Lakatos"],
            "hu", "36", ["20", "30", "70"], 7, ["freemail.hu", "citromail.hu", "gmail.com"], 8),
        new("GR", ["GR", "Greece", "GRC", "greece"],
            ["Giorgos", "Eleni", "Dimitris", "Katerina", "Nikos", "Maria", "Kostas", "Sofia", "Yannis", "Despina", "Thanasis", "Vasiliki", "Stavros", "Ioanna"],
            ["Papadopoulos", "Georgiou", "Nikolaou", "Oikonomou", "Vlachos", "Makris", "Antoniou", "Karagiannis", "Christodoulou", "Pappas", "Alexiou", "Konstantinidis", "Dimitriou", "Lamprou"],
            "gr", "30", ["690", "693", "694", "697", "698", "699"], 7, ["otenet.gr", "yahoo.gr", "gmail.com"], 8),
        new("PT", ["PT", "Portugal", "PRT", "portugal"],
            ["Tiago", "Inês", "Duarte", "Leonor", "Rui", "Matilde", "Gonçalo", "Beatriz", "Nuno", "Carolina", "Vasco", "Mariana", "Afonso", "Rita"],
            ["Ferreira", "Pereira", "Carvalho", "Gomes", "Ribeiro", "Martins", "Sousa", "Fernandes", "Gonçalves", "Marques", "Pinto", "Teixeira", "Magalhães", "Figueiredo"],
            "pt", "351", ["91", "92", "93", "96"], 7, ["sapo.pt", "gmail.com", "hotmail.com"], 8),
        new("AR", ["AR", "Argentina", "ARG", "argentina"],
            ["Valentina", "Santiago", "Camila", "Mateo", "Agustina", "Facundo", "Florencia", "Tomás", "Julieta", "Joaquín", "Milagros", "Lautaro", "Micaela", "Nahuel"],
            ["Benítez", "Acosta", "Medina", "Herrera", "Aguirre", "Giménez", "Molina", "Rojas", "Ledesma", "Quiroga", "Cabrera", "Sosa", "Villalba", "Paz"],
            "com.ar", "54 9", ["11"], 8, ["fibertel.com.ar", "yahoo.com.ar", "gmail.com"], 7),
        new("CL", ["CL", "Chile", "CHL", "chile"],
            ["Benjamín", "Antonia", "Vicente", "Josefa", "Cristóbal", "Catalina", "Maximiliano", "Trinidad", "Ignacio", "Constanza", "Matías", "Javiera"],
            ["Muñoz", "Soto", "Contreras", "Sepúlveda", "Araya", "Fuentes", "Valenzuela", "Espinoza", "Tapia", "Reyes", "Carrasco", "Cortés", "Vergara", "Saavedra"],
            "cl", "56 9", ["5", "6", "7", "8", "9"], 7, ["vtr.net", "gmail.com", "hotmail.cl"], 6),
        new("CO", ["CO", "Colombia", "COL", "colombia"],
            ["Juan Pablo", "Daniela", "Sebastián", "Laura", "Andrés Felipe", "Natalia", "Camilo", "Paola", "Esteban", "Manuela", "Alejandro", "Luisa Fernanda"],
            ["Restrepo", "Londoño", "Ospina", "Castaño", "Zuluaga", "Cardona", "Arango", "Bedoya", "Quintero", "Salazar", "Montoya", "Gutiérrez Ríos", "Vélez", "Mejía"],
            "com.co", "57", ["300", "301", "310", "311", "312", "315", "316", "320"], 7, ["une.net.co", "gmail.com", "hotmail.com"], 6),
        new("PH", ["PH", "Philippines", "PHL", "the Philippines"],
            ["Jose Miguel", "Maria Clara", "Paolo", "Kristine", "Rommel", "Jocelyn", "Mark Anthony", "Rowena", "Jericho", "Liza", "Arnel", "Marivic", "Bong", "Cherry"],
            ["Dela Cruz", "Bautista", "Villanueva", "Mendoza", "Aquino", "Ramos", "Castillo", "Dizon", "Manalo", "Pangilinan", "Soriano", "Macaraeg", "Tolentino", "Lacson"],
            "com.ph", "63", ["905", "906", "915", "917", "918", "919", "927", "939"], 7, ["yahoo.com.ph", "gmail.com", "pldtdsl.net"], 7),
        new("IL", ["IL", "Israel", "ISR", "israel"],
            ["Noa", "Itai", "Tamar", "Yonatan", "Shira", "Amit", "Maya", "Omer", "Yael", "Eitan", "Michal", "Nadav", "Liat", "Gilad"],
            ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Azoulay", "Katz", "Avraham", "Ben-David", "Shapira", "Golan", "Ohana", "Segal"],
            "co.il", "972", ["50", "52", "53", "54", "58"], 7, ["walla.co.il", "gmail.com", "bezeqint.net"], 7),
        new("RO", ["RO", "Romania", "ROU", "România"],
            ["Andrei", "Ioana", "Mihai", "Alexandra", "Radu", "Bianca", "Ștefan", "Denisa", "Vlad", "Roxana", "Cosmin", "Oana", "Bogdan", "Irina"],
            ["Popescu", "Ionescu", "Constantin", "Dumitru", "Stoica", "Gheorghe", "Munteanu", "Dobre", "Stanciu", "Moldovan", "Lungu", "Barbu", "Tănase", "Cristea"],
            "ro", "40", ["722", "723", "731", "740", "745", "751", "762", "770"], 6, ["yahoo.ro", "gmail.com", "rdslink.ro"], 7),
    ];

    /// <summary>Made-up company name stems, not used by any corpus.</summary>
    public static readonly string[] CompanyStems =
    [
        "Kestrelwood", "Aurinkolahti", "Brightmoss", "Tidepine", "Halvard", "Solvika", "Ironbirch", "Quillmere", "Velvetrock", "Marrowgate",
        "Ondrava", "Silverfen", "Pelagos", "Rivolta", "Tarnhelm", "Ambermoor", "Copperlyn", "Dunmarrow", "Estrella Austral", "Fjellheim",
        "Glasswing", "Hollowbrook", "Isarno", "Juniperra", "Kalevala Data", "Lindqvist Works", "Mirabel Andes", "Nordkapp", "Olivenza", "Puerto Lumen",
        "Quetzalia", "Rosmarin", "Saltmarsh", "Tessaly", "Umbria Nova", "Vintrigo", "Wrenfield", "Xanthe Labs", "Yarrowby", "Zephyrine",
    ];

    /// <summary>Company kinds, with how they appear after the stem.</summary>
    public static readonly string[] CompanySuffixes =
    [
        "Oy", "s.r.o.", "Kft.", "A.E.", "Lda.", "S.R.L.", "SpA", "S.A.S.", "Inc.", "Ltd.", "SRL", "Oyj", "a.s.", "Zrt.", "Group", "Systems", "Logistics", "Analytics",
    ];

    public static readonly string[] Titles =
    [
        "Operations Lead", "Head of Finance", "IT Administrator", "Procurement Specialist", "CTO", "Owner", "Warehouse Manager", "Data Engineer",
        "Chief Accountant", "Solutions Architect", "HR Business Partner", "Plant Manager", "Founder", "Security Officer", "Controller", "Dispatcher",
    ];

    /// <summary>What people write in the notes of a <em>Contact me</em>, odd characters and all.</summary>
    public static readonly string[] Notes =
    [
        "Please call after 15:00 local time.",
        "We need pricing for 40 seats, ASAP",
        "Interested in the \"enterprise\" tier; is there an EU data residency option?",
        "Hola, necesitamos una demo — ¿pueden llamarnos?",
        "Kiitos! Soittakaa mieluiten aamupäivällä.",
        "Dobrý den, máme zájem o nabídku.\nDěkuji",
        "Érdekel az ajánlat, kérem hívjanak.",
        "Παρακαλώ επικοινωνήστε μαζί μου",
        "שלום, נשמח לשיחה",
        "Trial expired, want to talk about licensing 🙂",
        "Budget approved for Q3; need a quote, a DPA and SSO details",
        "call me, not e-mail; my inbox is a disaster, seriously",
    ];

    /// <summary>Draws an item of a list with <paramref name="random"/>.</summary>
    public static T Pick<T>(this Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Draws a country by weight.</summary>
    public static StreamCountry PickCountry(Random random)
    {
        var total = 0;
        foreach (var c in Countries)
        {
            total += c.Weight;
        }

        var n = random.Next(total);
        foreach (var c in Countries)
        {
            if ((n -= c.Weight) < 0)
            {
                return c;
            }
        }

        return Countries[^1];
    }
}
