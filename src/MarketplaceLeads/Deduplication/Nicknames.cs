using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Maps common given-name nicknames, short forms and romanisations to a canonical name (Bob, Rob, Bobby →
/// robert; Bill, Will, Billy → william; Liz, Beth, Betty → elizabeth; Kasia → katarzyna; Beppe → giuseppe;
/// Zé → josé; Seun → oluwaseun; Mohamed, Muhammad → mohammed …), so that "Bob Smith" and "Robert Smith" can
/// be recognised as one person. Input is folded (lower case, no diacritics); unknown names map to themselves.
/// </summary>
internal static class Nicknames
{
    private static readonly (string Canonical, string[] Forms)[] Groups =
    [
        ("robert", ["bob", "bobby", "rob", "robbie", "robby", "bert"]),
        ("william", ["bill", "billy", "will", "willy", "willie", "liam"]),
        ("elizabeth", ["liz", "lizzie", "beth", "betty", "bette", "eliza", "libby", "lisa", "elisabeth"]),
        ("richard", ["rick", "ricky", "rich", "richie", "dick"]),
        ("james", ["jim", "jimmy", "jamie"]),
        ("john", ["jack", "johnny", "jon"]),
        ("michael", ["mike", "mikey", "mick", "mickey"]),
        ("thomas", ["tom", "tommy"]),
        ("joseph", ["joe", "joey"]),
        ("charles", ["charlie", "chuck", "chas"]),
        ("christopher", ["chris", "kit"]),
        ("daniel", ["dan", "danny"]),
        ("david", ["dave", "davy"]),
        ("edward", ["ed", "eddie", "ted", "ned"]),
        ("anthony", ["tony"]),
        ("andrew", ["andy", "drew"]),
        ("matthew", ["matt", "matty"]),
        ("nicholas", ["nick", "nicky"]),
        ("steven", ["steve", "stephen", "stevie"]),
        ("jonathan", ["jonny", "nathan"]),
        ("benjamin", ["ben", "benny", "benji"]),
        ("samuel", ["sam", "sammy"]),
        ("alexander", ["alex", "alec", "sandy", "xander"]),
        ("patrick", ["pat", "paddy"]),
        ("peter", ["pete"]),
        ("timothy", ["tim", "timmy"]),
        ("gregory", ["greg"]),
        ("kenneth", ["ken", "kenny"]),
        ("ronald", ["ron", "ronnie"]),
        ("donald", ["don", "donnie"]),
        ("lawrence", ["larry", "laurence"]),
        ("frederick", ["fred", "freddie", "fritz"]),
        ("henry", ["harry", "hank"]),
        ("margaret", ["maggie", "meg", "peggy", "marge", "margie", "greta"]),
        ("katherine", ["kate", "katie", "kathy", "cathy", "catherine", "kathryn", "kat", "kitty"]),
        ("jennifer", ["jen", "jenny", "jenn"]),
        ("rebecca", ["becky", "becca"]),
        ("susan", ["sue", "susie", "suzanne"]),
        ("patricia", ["patty", "trish", "tricia"]),
        ("deborah", ["deb", "debbie", "debra"]),
        ("victoria", ["vicky", "tori"]),
        ("christine", ["chris", "christina", "tina"]),
        ("jessica", ["jess", "jessie"]),
        ("abigail", ["abby", "gail"]),
        ("alexandra", ["alex", "alexa", "sasha"]),
        ("samantha", ["sam", "sammie"]),
        ("stephanie", ["steph", "stephie"]),
        ("olivia", ["liv", "livvy", "livy"]),
        ("leticia", ["lety", "leti"]),
        ("magnus", ["mange", "mans"]),
        ("kimberly", ["kim"]),
        ("pamela", ["pam"]),
        ("cynthia", ["cindy"]),
        ("dorothy", ["dot", "dottie", "dolly"]),
        ("josephine", ["jo", "josie"]),
        ("theresa", ["terry", "tess", "tessa", "teresa"]),
        ("francisco", ["paco", "pancho", "frank"]),
        ("francis", ["frank", "frankie", "fran"]),
        ("jose", ["pepe"]),
        ("alejandro", ["alejo", "ale"]),
        ("guillermo", ["memo", "guille"]),

        // Spanish and Portuguese.
        ("manuel", ["manolo", "manu"]),
        ("ignacio", ["nacho"]),
        ("enrique", ["quique"]),
        ("jesus", ["chucho", "chuy"]),
        ("dolores", ["lola"]),
        ("concepcion", ["concha", "conchita"]),
        ("roberto", ["beto"]),
        ("antonio", ["toni", "tono", "toninho"]),
        ("josefa", ["pepa", "pepita"]),
        ("jose", ["ze", "zezinho"]),
        ("guadalupe", ["lupe", "lupita"]),
        ("rosario", ["charo"]),
        ("mercedes", ["merche"]),
        ("consuelo", ["chelo"]),
        ("pilar", ["pili"]),
        ("francisca", ["paca", "paquita"]),
        ("eduardo", ["lalo", "edu"]),
        ("ramon", ["moncho"]),
        ("rafael", ["rafa"]),
        ("santiago", ["santi"]),
        ("fernando", ["nando"]),
        ("alfonso", ["poncho"]),
        ("luis", ["lucho"]),
        ("gonzalo", ["chalo"]),
        ("sebastiao", ["tiao"]),

        // Italian.
        ("giuseppe", ["beppe", "peppe", "pino"]),
        ("giovanni", ["gianni", "nanni"]),
        ("francesco", ["franco", "checco"]),
        ("alessandro", ["sandro"]),
        ("salvatore", ["toto", "turi"]),
        ("vincenzo", ["enzo"]),
        ("giuseppina", ["pina"]),
        ("domenico", ["mimmo"]),
        ("lorenzo", ["renzo"]),
        ("massimiliano", ["max", "massi"]),

        // German, Dutch and Scandinavian.
        ("johannes", ["hannes", "hans", "jan"]),
        ("joachim", ["jochen"]),
        ("wolfgang", ["wolf"]),
        ("katharina", ["kathi", "katja"]),
        ("cornelis", ["kees"]),
        ("hendrik", ["henk"]),
        ("jacobus", ["jaap", "koos"]),
        ("wilhelmus", ["wim"]),
        ("petrus", ["piet"]),
        ("kristoffer", ["kris"]),
        ("wilhelmina", ["willy", "wil", "mien", "wilma"]),
        ("willem", ["wim", "pim"]),
        ("wilhelm", ["willi", "willy"]),
        ("friedrich", ["fritz"]),
        ("heinrich", ["heinz"]),
        ("margarete", ["grete", "gretchen"]),
        ("susanne", ["susi"]),
        ("andreas", ["andi"]),
        ("geertruida", ["truus", "trudy"]),
        ("cornelia", ["corrie", "nel"]),
        ("hendrika", ["riek", "henny"]),
        ("adrianus", ["adrie", "arie"]),
        ("antonius", ["toon", "ton"]),
        ("franciscus", ["frans"]),
        ("nicolaas", ["klaas"]),
        ("gijsbertus", ["gijs"]),
        ("johanna", ["jo", "hanneke"]),
        ("katarina", ["kajsa"]),
        ("margrethe", ["grete"]),

        // Polish, Russian and Czech.
        ("krzysztof", ["krzys", "krzysiek"]),
        ("malgorzata", ["gosia", "malgosia"]),
        ("katarzyna", ["kasia"]),
        ("wojciech", ["wojtek"]),
        ("tomasz", ["tomek"]),
        ("piotr", ["piotrek"]),
        ("jerzy", ["jurek"]),
        ("magdalena", ["magda"]),
        ("joanna", ["asia"]),
        ("stanislaw", ["staszek", "stas"]),
        ("krystyna", ["krysia"]),
        ("barbara", ["basia"]),
        ("aleksandra", ["olka"]),
        ("jakub", ["kuba"]),
        ("jedrzej", ["jedrek"]),
        ("bartlomiej", ["bartek"]),
        ("agnieszka", ["aga"]),
        ("zofia", ["zosia"]),
        ("franciszek", ["franek"]),
        ("grzegorz", ["grzes", "grzesiek"]),
        ("elzbieta", ["ela"]),
        ("hanna", ["hania"]),
        ("anna", ["ania", "anka", "anneke"]),
        ("jadwiga", ["jadzia"]),
        ("kazimierz", ["kazik"]),
        ("zbigniew", ["zbyszek"]),
        ("wladyslaw", ["wladek"]),
        ("ryszard", ["rysiek", "rysio"]),
        ("slawomir", ["slawek"]),
        ("radoslaw", ["radek"]),
        ("miroslaw", ["mirek"]),
        ("jaroslaw", ["jarek"]),
        ("przemyslaw", ["przemek"]),
        ("dariusz", ["darek"]),
        ("pawel", ["pawelek"]),
        ("maria", ["marysia", "mies", "ria"]),
        ("aleksander", ["olek", "alek"]),
        ("aleksandr", ["sasha", "sascha", "shura"]),
        ("dmitry", ["dima", "dmitri", "dmitriy"]),
        ("vladimir", ["volodya", "vova"]),
        ("mikhail", ["misha"]),
        ("ekaterina", ["katya"]),
        ("nikolai", ["kolya", "nikolay"]),

        // Irish and French.
        ("sean", ["shaun", "shawn"]),
        ("francois", ["fanfan"]),
        ("dominique", ["dom"]),
        ("nicolas", ["nico"]),
        ("frederic", ["fred"]),
        ("isabelle", ["isa"]),
        ("caroline", ["caro"]),
        ("veronique", ["vero"]),
        ("emmanuel", ["manu"]),

        // Arabic, Turkish and Persian romanisations.
        ("mohammed", ["muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "mehmet", "mo"]),
        ("abdullah", ["abdallah", "abdulla"]),
        ("yusuf", ["youssef", "yousef", "yousuf"]),
        ("ahmed", ["ahmad"]),
        ("hussein", ["husain", "hussain", "husein"]),

        // South Asian and West African given names and their usual short forms.
        ("srinivasan", ["srini", "srinivas"]),
        ("venkatesh", ["venky"]),
        ("subramanian", ["subbu", "subramaniam"]),
        ("oluwaseun", ["seun"]),
        ("chukwuemeka", ["emeka"]),
        ("olumide", ["mide"]),
        ("oluwatobi", ["tobi"]),
        ("adebayo", ["bayo"]),
        ("babatunde", ["tunde"]),
        ("oluwafemi", ["femi"]),
        ("sibusiso", ["sbu"]),
    ];

    private static readonly FrozenDictionary<string, string> Map = Build();

    // A form that belongs to several names (Willy: William, Wilhelm, Wilhelmina; Chris: Christopher, Christine) maps to
    // the first in Map, and to the others here.
    private static readonly FrozenDictionary<string, string[]> Others = BuildOthers();

    /// <summary>Returns the canonical form of a lower-cased given name (the name itself when unknown).</summary>
    public static string Canonical(string lowerCaseName) =>
        Map.TryGetValue(lowerCaseName, out var canonical) ? canonical : lowerCaseName;

    /// <summary>Determines whether two lower-cased given names are the same or nicknames of one name.</summary>
    public static bool AreEquivalent(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

    /// <summary>Determines whether two different lower-cased given names are forms of one name though their canonical forms differ: a form that belongs to several names (Willy for Wilhelmina, whose first name in the table is William).</summary>
    public static bool ShareAName(string a, string b)
    {
        var othersA = Others.GetValueOrDefault(a);
        var othersB = Others.GetValueOrDefault(b);
        if (othersA is null && othersB is null)
        {
            return false;
        }

        var canonicalA = Canonical(a);
        var canonicalB = Canonical(b);
        if (othersA is not null && Array.IndexOf(othersA, canonicalB) >= 0)
        {
            return true;
        }

        if (othersB is not null && Array.IndexOf(othersB, canonicalA) >= 0)
        {
            return true;
        }

        return othersA is not null && othersB is not null && NameGroups.ShareAGroup(othersA, othersB);
    }

    private static FrozenDictionary<string, string[]> BuildOthers()
    {
        var others = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (canonical, forms) in Groups)
        {
            foreach (var form in forms)
            {
                if (!string.Equals(Map[form], canonical, StringComparison.Ordinal))
                {
                    NameGroups.Add(others, form, canonical);
                }
            }
        }

        return NameGroups.Freeze(others);
    }

    private static FrozenDictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, forms) in Groups)
        {
            foreach (var form in forms)
            {
                map.TryAdd(form, canonical); // a form shared by two names (chris, alex, sam, frank) keeps the first
            }
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
