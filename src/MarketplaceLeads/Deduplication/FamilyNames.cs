using System;
using System.Collections.Frozen;
using System.Collections.Generic;

namespace MarketplaceLeads.Deduplication;

/// <summary>
/// Family names that one person writes in several romanisations: Korean (박 Park, Bak, Pak; 이 Lee, Yi, Rhee; 정 Jung,
/// Jeong, Chung), Chinese in Hanyu Pinyin, Wade–Giles and Cantonese spellings (周 Zhou, Chou; 张 Zhang, Chang, Cheung;
/// 吕 Lü, Lv, Lyu) and Japanese long vowels (伊藤 Ito, Itoh, Itou). A form may belong to more than one name (Chang is
/// 张 and 장): two forms are one name when any group holds both. Input is folded (lower case, no diacritics).
/// </summary>
/// <remarks>
/// Only spellings of one name in one language's romanisation systems: cross-dialect readings that are also other
/// families' names (Chen and Tan, Huang and Ng) are left out, so a table match is as good as the same last name.
/// </remarks>
internal static class FamilyNames
{
    private static readonly string[][] Groups =
    [
        // Korean: Revised Romanization, McCune–Reischauer and the spellings passports and business cards use.
        ["park", "bak", "pak", "bahk"],
        ["lee", "yi", "rhee", "ri", "rhie"],
        ["choi", "choe", "chey", "choy"],
        ["jung", "jeong", "chung", "joung", "cheong", "jeung"],
        ["kang", "gang"],
        ["cho", "jo", "joe", "joh"],
        ["yoon", "yun", "youn"],
        ["jang", "chang"],
        ["lim", "im", "rim", "leem"],
        ["seo", "suh", "seoh"],
        ["shin", "sin", "shinn"],
        ["kwon", "gwon"],
        ["ahn", "an"],
        ["ryu", "yoo", "yu", "ryoo", "rhyu"],
        ["jeon", "jun", "chun", "chon"],
        ["ko", "go", "koh"],
        ["moon", "mun"],
        ["son", "sohn"],
        ["bae", "pae"],
        ["baek", "paik", "paek", "baik"],
        ["heo", "huh", "hur"],
        ["noh", "roh"],
        ["koo", "gu", "ku", "goo"],
        ["kwak", "gwak"],
        ["kim", "gim"],
        ["hwang", "whang"],
        ["han", "hahn"],
        ["sung", "seong"],
        ["shim", "sim"],
        ["joo", "ju"],
        ["noh", "no"],

        // Chinese: Hanyu Pinyin, Wade–Giles, Cantonese (Hong Kong) spellings of one character.
        ["lu", "lv", "lyu", "lue"],
        ["zhou", "chou", "chow"],
        ["zhang", "chang", "cheung"],
        ["wang", "wong"],
        ["li", "lee"],
        ["liu", "lau", "lew"],
        ["zhao", "chao", "chiu"],
        ["zhu", "chu", "chue"],
        ["xu", "hsu", "tsui"],
        ["guo", "kuo", "kwok"],
        ["he", "ho"],
        ["luo", "lo", "law", "loh"],
        ["zheng", "cheng", "cheang"],
        ["xie", "hsieh", "tse"],
        ["cai", "tsai", "choy"],
        ["deng", "teng"],
        ["feng", "fung", "fong"],
        ["cao", "tsao"],
        ["zeng", "tseng", "tsang"],
        ["xiao", "hsiao", "siu"],
        ["jiang", "chiang"],
        ["qian", "chien"],
        ["yang", "yeung"],
        ["ye", "yeh", "yip"],
        ["tang", "tong"],
        ["gao", "kao", "ko"],
        ["huang", "hwang"],
        ["sun", "suen"],
        ["ma", "mah"],
        ["hu", "hoo"],
        ["lin", "lam"],

        // Japanese: a long vowel written out, with h, or not at all (Hepburn, passports, Kunrei).
        ["ito", "itoh", "itou"],
        ["sato", "satoh", "satou"],
        ["kato", "katoh", "katou"],
        ["saito", "saitoh", "saitou"],
        ["goto", "gotoh", "gotou"],
        ["ono", "ohno", "oono"],
        ["ota", "ohta", "oota"],
        ["oshima", "ohshima", "ooshima"],
        ["kondo", "kondoh", "kondou"],
        ["endo", "endoh", "endou"],
        ["ando", "andoh", "andou"],
        ["naito", "naitoh", "naitou"],
        ["kudo", "kudoh", "kudou"],
        ["sudo", "sudoh", "sudou"],
        ["muto", "mutoh", "mutou"],
        ["ohashi", "oohashi", "ohhashi"],
        ["otsuka", "ohtsuka", "ootsuka"],
        ["ohara", "oohara"],
        ["yuki", "yuuki"],
        ["yamaguchi", "yamaguti"],
        ["tsuchiya", "tuchiya"],
    ];

    private static readonly FrozenDictionary<string, int[]> GroupsOf = Build();

    /// <summary>Returns the spelling blocking files a family name under: its first group's first form (Kim for Gim, Park for Bak), the name itself when it is in no group.</summary>
    public static string Canonical(string name) =>
        GroupsOf.TryGetValue(name, out var groups) ? Groups[groups[0]][0] : name;

    /// <summary>Determines whether two different folded family names are romanisations of one name.</summary>
    public static bool AreRomanisations(string a, string b) =>
        GroupsOf.TryGetValue(a, out var groupsA) && GroupsOf.TryGetValue(b, out var groupsB) && NameGroups.ShareAGroup(groupsA, groupsB);

    private static FrozenDictionary<string, int[]> Build()
    {
        var map = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var group = 0; group < Groups.Length; group++)
        {
            foreach (var form in Groups[group])
            {
                NameGroups.Add(map, form, group);
            }
        }

        return NameGroups.Freeze(map);
    }
}
