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

        // Italian.
        ("giuseppe", ["beppe", "peppe", "pino"]),
        ("giovanni", ["gianni", "nanni"]),
        ("francesco", ["franco", "checco"]),
        ("alessandro", ["sandro"]),
        ("salvatore", ["toto", "turi"]),
        ("vincenzo", ["enzo"]),

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

    /// <summary>Returns the canonical form of a lower-cased given name (the name itself when unknown).</summary>
    public static string Canonical(string lowerCaseName) =>
        Map.TryGetValue(lowerCaseName, out var canonical) ? canonical : lowerCaseName;

    /// <summary>Determines whether two lower-cased given names are the same or nicknames of one name.</summary>
    public static bool AreEquivalent(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), StringComparison.Ordinal);

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
