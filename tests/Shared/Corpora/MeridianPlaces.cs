using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A landline area of a numbering plan: the area code and how the subscriber number is grouped.</summary>
internal sealed record MeridianArea(string Code, int[] Groups);

/// <summary>One country of the Meridian corpus: its names, numbering plan, mail providers, companies and people.</summary>
internal sealed class MeridianCountry
{
    public required string Code { get; init; }

    public required string Alpha3 { get; init; }

    /// <summary>Gets the English name first, then the other ways people write the country.</summary>
    public required string[] Names { get; init; }

    public required string CallingCode { get; init; }

    /// <summary>Gets the trunk prefix dialled before a national number ("0"), or empty (Singapore).</summary>
    public string Trunk { get; init; } = "0";

    /// <summary>Gets the leading digits of mobile numbers (after the trunk prefix).</summary>
    public required string[] MobilePrefixes { get; init; }

    /// <summary>Gets the length of a mobile number without trunk prefix or country code.</summary>
    public required int MobileLength { get; init; }

    /// <summary>Gets how a mobile number is grouped when written with spaces.</summary>
    public required int[] MobileGroups { get; init; }

    public required MeridianArea[] Areas { get; init; }

    /// <summary>Gets national-only business numbers companies publish (1300 in Australia, 9200 in Saudi Arabia), as templates of digits and <c>#</c>.</summary>
    public string[] BusinessNumbers { get; init; } = [];

    public required TimeSpan UtcOffset { get; init; }

    /// <summary>Gets the naming traditions of the people who live there, with weights.</summary>
    public required (MeridianCulture Culture, int Weight)[] People { get; init; }

    /// <summary>Gets the free mail providers people there use, most common first (weights).</summary>
    public required (string Domain, int Weight)[] Freemail { get; init; }

    /// <summary>Gets the top-level domains companies there register.</summary>
    public required string[] CompanyTlds { get; init; }

    public required string[] CompanyPrefixes { get; init; }

    public required string[] CompanySectors { get; init; }

    /// <summary>Gets the legal forms: the canonical one first in each row, then how people abbreviate it.</summary>
    public required string[][] LegalForms { get; init; }

    public required string[] Cities { get; init; }

    /// <summary>Gets a value indicating whether households there commonly still have a landline.</summary>
    public bool HomeLandlines { get; init; }

    /// <summary>Gets the share of the corpus's people who live there (relative).</summary>
    public required int Weight { get; init; }
}

/// <summary>The fifteen countries.</summary>
internal static class MeridianPlaces
{
    public static readonly MeridianCountry[] All =
    [
        new()
        {
            Code = "IN", Alpha3 = "IND", Names = ["India", "india", "INDIA", "Republic of India"], CallingCode = "91",
            MobilePrefixes = ["98", "99", "97", "96", "95", "94", "93", "91", "90", "89", "88", "87", "86", "85", "84", "81", "80", "79", "78", "77", "76", "75", "73", "70", "63", "62"],
            MobileLength = 10, MobileGroups = [5, 5],
            Areas = [new("11", [4, 4]), new("22", [4, 4]), new("80", [4, 4]), new("44", [4, 4]), new("40", [4, 4]), new("33", [4, 4]), new("20", [4, 4])],
            UtcOffset = new TimeSpan(5, 30, 0),
            People = [(MeridianCulture.Hindi, 42), (MeridianCulture.Tamil, 16), (MeridianCulture.Telugu, 15), (MeridianCulture.Bengali, 13), (MeridianCulture.Punjabi, 6), (MeridianCulture.IndianMuslim, 8)],
            Freemail = [("gmail.com", 60), ("yahoo.co.in", 10), ("yahoo.com", 6), ("rediffmail.com", 6), ("outlook.com", 8), ("hotmail.com", 5)],
            CompanyTlds = ["com", "co.in", "in"],
            CompanyPrefixes = ["Vindhya", "Sahyadri", "Kaveri", "Narmada", "Aravalli", "Godavari", "Deccan", "Konkan", "Malabar", "Coromandel", "Nilgiri", "Satpura", "Shivalik", "Suryoday", "Navbharat", "Pragati", "Unnati", "Akshar", "Tapti", "Chambal"],
            CompanySectors = ["Consultancy Services", "Infotech", "Financial Services", "Motors", "Pharmaceuticals", "Steels", "Power", "Logistics", "Retail", "Telecom", "Life Insurance", "Textiles", "Software Solutions", "Healthcare", "Agro Industries", "Cements", "Chemicals", "Engineering"],
            LegalForms = [["Limited", "Ltd", "Ltd.", "LTD"], ["Private Limited", "Pvt Ltd", "Pvt. Ltd.", "P Ltd", "Pvt. Limited"]],
            Cities = ["Bengaluru", "Mumbai", "Pune", "Hyderabad", "Chennai", "Gurugram", "Noida", "Kolkata", "Ahmedabad"],
            HomeLandlines = true, Weight = 24,
        },
        new()
        {
            Code = "CN", Alpha3 = "CHN", Names = ["China", "People's Republic of China", "PRC", "china", "P.R. China"], CallingCode = "86",
            MobilePrefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159", "166", "176", "177", "180", "181", "182", "185", "186", "187", "188", "189", "198", "199"],
            MobileLength = 11, MobileGroups = [3, 4, 4],
            Areas = [new("10", [4, 4]), new("21", [4, 4]), new("20", [4, 4]), new("755", [4, 4]), new("571", [4, 4]), new("28", [4, 4])],
            UtcOffset = TimeSpan.FromHours(8),
            People = [(MeridianCulture.Chinese, 100)],
            Freemail = [("qq.com", 35), ("163.com", 20), ("126.com", 10), ("gmail.com", 10), ("outlook.com", 8), ("sina.com", 5), ("foxmail.com", 5)],
            CompanyTlds = ["com.cn", "cn", "com"],
            CompanyPrefixes = ["Huaxin", "Zhongyuan", "Lianhe", "Jinhai", "Tianlong", "Hongda", "Xinda", "Changjiang", "Dongfang", "Huarui", "Jiahe", "Ruifeng", "Shengshi", "Yuanhang", "Zhongke"],
            CompanySectors = ["Technology", "Electronics", "Logistics", "Pharmaceutical", "Software", "Intelligent Manufacturing", "New Energy", "Trading", "Information Technology", "Semiconductor"],
            LegalForms = [["Co., Ltd.", "Co. Ltd", "Co., Ltd", "Company Limited", "Co.,Ltd."], ["Group Co., Ltd.", "Group Co. Ltd", "Group"]],
            Cities = ["Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Guangzhou", "Chengdu", "Suzhou", "Wuhan"],
            HomeLandlines = true, Weight = 9,
        },
        new()
        {
            Code = "JP", Alpha3 = "JPN", Names = ["Japan", "japan", "JAPAN", "日本"], CallingCode = "81",
            MobilePrefixes = ["90", "80", "70"], MobileLength = 10, MobileGroups = [2, 4, 4],
            Areas = [new("3", [4, 4]), new("6", [4, 4]), new("52", [3, 4]), new("45", [3, 4]), new("92", [3, 4])],
            UtcOffset = TimeSpan.FromHours(9),
            People = [(MeridianCulture.Japanese, 100)],
            Freemail = [("gmail.com", 40), ("yahoo.co.jp", 30), ("icloud.com", 12), ("outlook.jp", 8), ("docomo.ne.jp", 10)],
            CompanyTlds = ["co.jp", "jp", "com"],
            CompanyPrefixes = ["Nihon", "Yamato", "Sakura", "Hoshizora", "Midori", "Tokai", "Hokuriku", "Setouchi", "Kansai", "Musashi", "Shinsei", "Aozora", "Kurenai", "Hikari"],
            CompanySectors = ["Seimitsu", "Kogyo", "Shoji", "Denki", "Unyu", "Joho System", "Seiyaku", "Kensetsu", "Trading", "Precision", "Electric", "Logistics"],
            LegalForms = [["K.K.", "KK", "Kabushiki Kaisha", "Co., Ltd."], ["Co., Ltd.", "Co. Ltd", "Co.,Ltd.", "K.K."], ["Corporation", "Corp.", "Corp"]],
            Cities = ["Tokyo", "Osaka", "Nagoya", "Yokohama", "Fukuoka", "Sapporo"],
            HomeLandlines = true, Weight = 7,
        },
        new()
        {
            Code = "KR", Alpha3 = "KOR", Names = ["South Korea", "Korea, Republic of", "Republic of Korea", "Korea", "korea"], CallingCode = "82",
            MobilePrefixes = ["10"], MobileLength = 10, MobileGroups = [2, 4, 4],
            Areas = [new("2", [4, 4]), new("31", [3, 4]), new("51", [4, 4]), new("32", [3, 4])],
            UtcOffset = TimeSpan.FromHours(9),
            People = [(MeridianCulture.Korean, 100)],
            Freemail = [("naver.com", 45), ("gmail.com", 30), ("daum.net", 10), ("hanmail.net", 10), ("kakao.com", 5)],
            CompanyTlds = ["co.kr", "com", "kr"],
            CompanyPrefixes = ["Hanbit", "Daehan", "Saerom", "Hanul", "Mirae", "Dongbang", "Pureun", "Haneul", "Jinheung", "Seongwon", "Taeyang", "Bitnara"],
            CompanySectors = ["Electronics", "Shipbuilding", "Chemical", "Telecom", "Semiconductor", "Logistics", "Bio", "Securities", "Systems", "Steel"],
            LegalForms = [["Co., Ltd.", "Co. Ltd", "Co.,Ltd"], ["Corporation", "Corp.", "Corp"], ["Inc.", "Inc"]],
            Cities = ["Seoul", "Busan", "Incheon", "Pangyo", "Daejeon"],
            HomeLandlines = true, Weight = 5,
        },
        new()
        {
            Code = "VN", Alpha3 = "VNM", Names = ["Vietnam", "Viet Nam", "Việt Nam", "vietnam"], CallingCode = "84",
            MobilePrefixes = ["90", "91", "93", "94", "96", "97", "98", "32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84", "85", "86", "88", "89"],
            MobileLength = 9, MobileGroups = [3, 3, 3],
            Areas = [new("24", [4, 4]), new("28", [4, 4])],
            UtcOffset = TimeSpan.FromHours(7),
            People = [(MeridianCulture.Vietnamese, 100)],
            Freemail = [("gmail.com", 80), ("yahoo.com", 10), ("outlook.com", 10)],
            CompanyTlds = ["com.vn", "vn", "com"],
            CompanyPrefixes = ["Saigon", "Hanoi", "Mekong", "Song Hong", "Phu My", "Thanh Cong", "Sao Mai", "Hoa Binh", "Truong Son", "Dong A", "Ben Thanh", "Lac Hong"],
            CompanySectors = ["Logistics", "Software", "Seafood", "Textile", "Construction", "Securities", "Telecom", "Technology", "Trading"],
            LegalForms = [["JSC", "Joint Stock Company", "J.S.C", "Corporation"], ["Co., Ltd", "Company Limited", "Co. Ltd", "Co.,Ltd"]],
            Cities = ["Ho Chi Minh City", "Hanoi", "Da Nang", "Hai Phong"],
            Weight = 5,
        },
        new()
        {
            Code = "AE", Alpha3 = "ARE", Names = ["United Arab Emirates", "UAE", "U.A.E.", "U.A.E", "Dubai"], CallingCode = "971",
            MobilePrefixes = ["50", "52", "54", "55", "56", "58"], MobileLength = 9, MobileGroups = [2, 3, 4],
            Areas = [new("4", [3, 4]), new("2", [3, 4]), new("6", [3, 4])],
            UtcOffset = TimeSpan.FromHours(4),
            People = [(MeridianCulture.Arab, 36), (MeridianCulture.Hindi, 16), (MeridianCulture.Tamil, 6), (MeridianCulture.Telugu, 5), (MeridianCulture.IndianMuslim, 8), (MeridianCulture.Bengali, 3), (MeridianCulture.Anglo, 10), (MeridianCulture.Turkish, 3), (MeridianCulture.Yoruba, 3), (MeridianCulture.SeaChinese, 2), (MeridianCulture.Korean, 2)],
            Freemail = [("gmail.com", 45), ("hotmail.com", 20), ("outlook.com", 15), ("yahoo.com", 12), ("icloud.com", 8)],
            CompanyTlds = ["ae", "com"],
            CompanyPrefixes = ["Gulf Horizon", "Al Noor", "Emirates Falcon", "Desert Rose", "Blue Dune", "Al Waha", "Marina Crest", "Palm Gate", "Creekside", "Al Bustan", "Sand Pearl", "Oasis Bay"],
            CompanySectors = ["Holdings", "Trading", "Technologies", "Logistics", "Contracting", "Real Estate", "Investments", "Facilities Management", "General Trading", "Cloud Services"],
            LegalForms = [["LLC", "L.L.C.", "L.L.C", "Llc"], ["FZE", "F.Z.E.", "FZE LLC"], ["FZ-LLC", "FZ LLC", "FZLLC"], ["DMCC", "D.M.C.C."]],
            Cities = ["Dubai", "Abu Dhabi", "Sharjah"],
            HomeLandlines = true, Weight = 8,
        },
        new()
        {
            Code = "SA", Alpha3 = "SAU", Names = ["Saudi Arabia", "KSA", "Kingdom of Saudi Arabia", "saudi arabia"], CallingCode = "966",
            MobilePrefixes = ["50", "53", "54", "55", "56", "58", "59"], MobileLength = 9, MobileGroups = [2, 3, 4],
            Areas = [new("11", [3, 4]), new("12", [3, 4]), new("13", [3, 4])],
            BusinessNumbers = ["9200#####"],
            UtcOffset = TimeSpan.FromHours(3),
            People = [(MeridianCulture.Arab, 82), (MeridianCulture.Hindi, 6), (MeridianCulture.IndianMuslim, 4), (MeridianCulture.Bengali, 2), (MeridianCulture.Turkish, 2), (MeridianCulture.Anglo, 4)],
            Freemail = [("gmail.com", 55), ("hotmail.com", 25), ("outlook.com", 10), ("yahoo.com", 10)],
            CompanyTlds = ["com.sa", "sa", "com"],
            CompanyPrefixes = ["Najd", "Al Safwa", "Hejaz", "Al Yamamah", "Tuwaiq", "Red Sea", "Asir", "Al Ula", "Al Majd", "Qassim", "Dahna"],
            CompanySectors = ["Petrochemical", "Contracting", "Trading", "Cement", "Holding", "Food Industries", "Medical Services", "Digital Solutions", "Logistics"],
            LegalForms = [["Company", "Co.", "Co"], ["LLC", "L.L.C.", "Co. Ltd"]],
            Cities = ["Riyadh", "Jeddah", "Dammam", "Khobar"],
            Weight = 5,
        },
        new()
        {
            Code = "TR", Alpha3 = "TUR", Names = ["Turkey", "Türkiye", "Turkiye", "turkey"], CallingCode = "90",
            MobilePrefixes = ["530", "531", "532", "533", "535", "536", "537", "538", "539", "541", "542", "543", "544", "545", "505", "506", "507", "551", "552", "553", "554", "555"],
            MobileLength = 10, MobileGroups = [3, 3, 2, 2],
            Areas = [new("212", [3, 2, 2]), new("216", [3, 2, 2]), new("312", [3, 2, 2]), new("232", [3, 2, 2])],
            BusinessNumbers = ["444####"],
            UtcOffset = TimeSpan.FromHours(3),
            People = [(MeridianCulture.Turkish, 100)],
            Freemail = [("gmail.com", 55), ("hotmail.com", 25), ("outlook.com", 10), ("yandex.com", 5), ("yahoo.com", 5)],
            CompanyTlds = ["com.tr", "com"],
            CompanyPrefixes = ["Anadolu", "Boğaziçi", "Ege", "Marmara", "Karadeniz", "Kapadokya", "Toros", "Fırat", "Akdeniz", "Trakya", "Dicle", "Uludağ"],
            CompanySectors = ["Yazılım", "Lojistik", "Enerji", "Tekstil", "Gıda", "İnşaat", "Bilişim", "Otomotiv", "Teknoloji"],
            LegalForms = [["A.Ş.", "A.S.", "AŞ", "AS", "Anonim Şirketi"], ["Ltd. Şti.", "Ltd. Sti.", "Ltd Şti", "Limited Şirketi"], ["San. ve Tic. A.Ş.", "Sanayi ve Ticaret A.Ş.", "San. Tic. A.S."]],
            Cities = ["Istanbul", "Ankara", "Izmir", "Bursa", "Antalya"],
            HomeLandlines = true, Weight = 5,
        },
        new()
        {
            Code = "NG", Alpha3 = "NGA", Names = ["Nigeria", "nigeria", "NIGERIA", "Federal Republic of Nigeria"], CallingCode = "234",
            MobilePrefixes = ["803", "806", "813", "816", "703", "706", "810", "814", "903", "906", "805", "807", "815", "705", "905", "802", "808", "812", "701", "708", "902", "907", "809", "817", "818", "909", "908"],
            MobileLength = 10, MobileGroups = [3, 3, 4],
            Areas = [new("1", [3, 4]), new("9", [3, 4])],
            UtcOffset = TimeSpan.FromHours(1),
            People = [(MeridianCulture.Yoruba, 40), (MeridianCulture.Igbo, 35), (MeridianCulture.Hausa, 25)],
            Freemail = [("gmail.com", 70), ("yahoo.com", 20), ("outlook.com", 10)],
            CompanyTlds = ["com.ng", "ng", "com"],
            CompanyPrefixes = ["First Continental", "Lagoon", "Niger Delta", "Eko", "Sahel", "Oduduwa", "Benue", "Plateau", "Harmattan", "Ikoyi", "Zuma Rock", "Kainji"],
            CompanySectors = ["Bank", "Telecoms", "Oil & Gas", "Insurance", "Foods", "Logistics", "Fintech", "Cement", "Energy"],
            LegalForms = [["Plc", "PLC", "Public Limited Company"], ["Limited", "Ltd", "Ltd.", "Nigeria Limited"]],
            Cities = ["Lagos", "Abuja", "Port Harcourt", "Ibadan", "Kano"],
            Weight = 6,
        },
        new()
        {
            Code = "KE", Alpha3 = "KEN", Names = ["Kenya", "kenya", "KENYA", "Republic of Kenya"], CallingCode = "254",
            MobilePrefixes = ["70", "71", "72", "74", "79", "11", "10", "75", "76"], MobileLength = 9, MobileGroups = [3, 3, 3],
            Areas = [new("20", [3, 4])],
            UtcOffset = TimeSpan.FromHours(3),
            People = [(MeridianCulture.Kenyan, 90), (MeridianCulture.Hindi, 4), (MeridianCulture.Anglo, 6)],
            Freemail = [("gmail.com", 75), ("yahoo.com", 15), ("outlook.com", 10)],
            CompanyTlds = ["co.ke", "com"],
            CompanyPrefixes = ["Savannah", "Rift Valley", "Kilima", "Tana River", "Mara", "Simba", "Jambo", "Pwani", "Nyota", "Kilifi", "Amboseli"],
            CompanySectors = ["Mobile", "Tea Growers", "Bank", "Insurance", "Logistics", "Energy", "Fintech", "Breweries", "Agritech"],
            LegalForms = [["Limited", "Ltd", "Ltd.", "LTD"], ["PLC", "Plc"]],
            Cities = ["Nairobi", "Mombasa", "Kisumu", "Nakuru"],
            Weight = 4,
        },
        new()
        {
            Code = "ZA", Alpha3 = "ZAF", Names = ["South Africa", "RSA", "south africa", "Republic of South Africa"], CallingCode = "27",
            MobilePrefixes = ["60", "61", "62", "63", "64", "65", "66", "67", "68", "71", "72", "73", "74", "76", "78", "79", "81", "82", "83", "84"],
            MobileLength = 9, MobileGroups = [2, 3, 4],
            Areas = [new("11", [3, 4]), new("21", [3, 4]), new("31", [3, 4]), new("12", [3, 4])],
            UtcOffset = TimeSpan.FromHours(2),
            People = [(MeridianCulture.Nguni, 48), (MeridianCulture.Afrikaner, 34), (MeridianCulture.SaIndian, 10), (MeridianCulture.Anglo, 8)],
            Freemail = [("gmail.com", 55), ("outlook.com", 12), ("icloud.com", 10), ("mweb.co.za", 13), ("webmail.co.za", 10)],
            CompanyTlds = ["co.za", "com"],
            CompanyPrefixes = ["Highveld", "Cape Mutual", "Karoo", "Drakensberg", "Limpopo", "Protea", "Fynbos", "Table Bay", "Umhlanga", "Kalahari", "Soutpansberg", "Boland"],
            CompanySectors = ["Mining", "Assurance", "Retail", "Logistics", "Bank", "Engineering", "Wines", "Holdings", "Technologies"],
            LegalForms = [["(Pty) Ltd", "Pty Ltd", "Proprietary Limited", "(PTY) LTD", "(Pty) Ltd."], ["Limited", "Ltd"]],
            Cities = ["Johannesburg", "Cape Town", "Durban", "Pretoria", "Sandton"],
            HomeLandlines = true, Weight = 5,
        },
        new()
        {
            Code = "AU", Alpha3 = "AUS", Names = ["Australia", "australia", "AUSTRALIA", "Commonwealth of Australia"], CallingCode = "61",
            MobilePrefixes = ["400", "401", "402", "403", "404", "405", "406", "407", "408", "409", "410", "411", "412", "413", "414", "415", "416", "417", "418", "419", "420", "421", "422", "423", "424", "425", "426", "427", "428", "429", "430", "431", "432", "433", "434", "435", "438", "439", "447", "448", "449", "450", "451", "452", "455", "456", "457", "458", "459", "466", "468", "469", "470", "472", "473", "474", "475", "477", "478", "479", "481", "482", "487", "488", "490", "491", "497", "498", "499"],
            MobileLength = 9, MobileGroups = [3, 3, 3],
            Areas = [new("2", [4, 4]), new("3", [4, 4]), new("7", [4, 4]), new("8", [4, 4])],
            BusinessNumbers = ["1300######", "1800######"],
            UtcOffset = TimeSpan.FromHours(11),
            People = [(MeridianCulture.Anglo, 60), (MeridianCulture.Chinese, 8), (MeridianCulture.Hindi, 6), (MeridianCulture.Vietnamese, 5), (MeridianCulture.Korean, 3), (MeridianCulture.Arab, 3), (MeridianCulture.Tamil, 3), (MeridianCulture.Maori, 2), (MeridianCulture.Turkish, 2), (MeridianCulture.SeaChinese, 3), (MeridianCulture.Punjabi, 2), (MeridianCulture.Japanese, 1), (MeridianCulture.Afrikaner, 2)],
            Freemail = [("gmail.com", 40), ("outlook.com", 15), ("bigpond.com", 15), ("hotmail.com", 10), ("icloud.com", 12), ("optusnet.com.au", 8)],
            CompanyTlds = ["com.au", "net.au"],
            CompanyPrefixes = ["Southern Cross", "Coral Coast", "Wattle", "Kookaburra", "Eucalypt", "Red Centre", "Murray River", "Harbourside", "Tasman", "Great Dividing", "Blue Gum", "Banksia", "Sandstone"],
            CompanySectors = ["Freight", "Health", "Bank", "Energy", "Mining", "Insurance", "Legal", "Retail", "Building Supplies", "Software", "Superannuation"],
            LegalForms = [["Pty Ltd", "Pty. Ltd.", "Pty Limited", "PTY LTD", "P/L"], ["Limited", "Ltd"]],
            Cities = ["Sydney", "Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra"],
            HomeLandlines = true, Weight = 8,
        },
        new()
        {
            Code = "NZ", Alpha3 = "NZL", Names = ["New Zealand", "new zealand", "NZ", "Aotearoa New Zealand"], CallingCode = "64",
            MobilePrefixes = ["21", "22", "27"], MobileLength = 9, MobileGroups = [2, 3, 4],
            Areas = [new("9", [3, 4]), new("4", [3, 4]), new("3", [3, 4])],
            UtcOffset = TimeSpan.FromHours(13),
            People = [(MeridianCulture.Anglo, 60), (MeridianCulture.Maori, 20), (MeridianCulture.Chinese, 7), (MeridianCulture.Hindi, 6), (MeridianCulture.Korean, 3), (MeridianCulture.Tamil, 2), (MeridianCulture.Afrikaner, 2)],
            Freemail = [("gmail.com", 45), ("xtra.co.nz", 25), ("hotmail.com", 10), ("icloud.com", 10), ("outlook.com", 10)],
            CompanyTlds = ["co.nz", "nz"],
            CompanyPrefixes = ["Kauri", "Aotearoa", "Pohutukawa", "Kea", "Tasman", "Waitematā", "Southern Alps", "Ruru", "Tōtara", "Harakeke", "Rimu"],
            CompanySectors = ["Dairy Co-operative", "Power", "Insurance", "Software", "Freight", "Health", "Building", "Wines"],
            LegalForms = [["Limited", "Ltd", "Ltd.", "LTD"]],
            Cities = ["Auckland", "Wellington", "Christchurch", "Hamilton"],
            HomeLandlines = true, Weight = 3,
        },
        new()
        {
            Code = "SG", Alpha3 = "SGP", Names = ["Singapore", "singapore", "SINGAPORE", "Republic of Singapore"], CallingCode = "65", Trunk = "",
            MobilePrefixes = ["8", "9"], MobileLength = 8, MobileGroups = [4, 4],
            Areas = [new("6", [3, 4])],
            UtcOffset = TimeSpan.FromHours(8),
            People = [(MeridianCulture.SeaChinese, 68), (MeridianCulture.Malay, 12), (MeridianCulture.Tamil, 10), (MeridianCulture.Hindi, 4), (MeridianCulture.Anglo, 4), (MeridianCulture.Chinese, 2)],
            Freemail = [("gmail.com", 55), ("hotmail.com", 15), ("yahoo.com.sg", 15), ("outlook.com", 15)],
            CompanyTlds = ["com.sg", "sg", "com"],
            CompanyPrefixes = ["Straits", "Merlion", "Lion City", "Marina", "Orchard", "Jurong", "Sentosa", "Tanjong", "Kallang", "Bukit", "Changi"],
            CompanySectors = ["Digital", "Port Services", "Capital", "Engineering", "Shipping", "Healthcare", "Analytics", "Logistics"],
            LegalForms = [["Pte Ltd", "Pte. Ltd.", "Private Limited", "PTE LTD", "Pte Limited"], ["Limited", "Ltd"]],
            Cities = ["Singapore"],
            HomeLandlines = true, Weight = 4,
        },
        new()
        {
            Code = "MY", Alpha3 = "MYS", Names = ["Malaysia", "malaysia", "MALAYSIA"], CallingCode = "60",
            MobilePrefixes = ["12", "13", "14", "16", "17", "19", "18"], MobileLength = 9, MobileGroups = [2, 3, 4],
            Areas = [new("3", [4, 4]), new("4", [3, 4]), new("7", [3, 4])],
            UtcOffset = TimeSpan.FromHours(8),
            People = [(MeridianCulture.Malay, 55), (MeridianCulture.SeaChinese, 28), (MeridianCulture.Tamil, 12), (MeridianCulture.Hindi, 3), (MeridianCulture.Arab, 2)],
            Freemail = [("gmail.com", 55), ("yahoo.com", 20), ("hotmail.com", 15), ("outlook.com", 10)],
            CompanyTlds = ["com.my", "my", "com"],
            CompanyPrefixes = ["Semenanjung", "Borneo", "Selangor", "Melaka", "Kinabalu", "Langkawi", "Nusantara", "Mutiara", "Cahaya", "Putra", "Titiwangsa"],
            CompanySectors = ["Energy", "Palm Oil", "Telekom", "Properties", "Logistics", "Digital", "Holdings", "Plantations"],
            LegalForms = [["Sdn Bhd", "Sdn. Bhd.", "SDN BHD", "Sdn.Bhd."], ["Berhad", "Bhd", "Bhd."]],
            Cities = ["Kuala Lumpur", "Penang", "Johor Bahru", "Cyberjaya", "Petaling Jaya"],
            HomeLandlines = true, Weight = 4,
        },
    ];

    private static readonly Dictionary<string, MeridianCountry> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>Gets a country by its alpha-2 code.</summary>
    public static MeridianCountry Of(string code) => ByCode[code];

    /// <summary>Folds a name to the ASCII letters a mailbox or domain is made of (Yılmaz → yilmaz, Nguyễn → nguyen, Müller → muller).</summary>
    public static string ToAscii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            switch (c)
            {
                case 'ı':
                    builder.Append('i');
                    break;
                case 'đ':
                    builder.Append('d');
                    break;
                case 'Đ':
                    builder.Append('D');
                    break;
                case 'ø':
                    builder.Append('o');
                    break;
                case 'ł':
                    builder.Append('l');
                    break;
                case 'ß':
                    builder.Append("ss");
                    break;
                default:
                    if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Folds a name to a mailbox token: ASCII letters only, lower case (van der Merwe → vandermerwe, O'Brien → obrien).</summary>
    public static string ToMailbox(string text) =>
        new([.. ToAscii(text).ToLowerInvariant().Where(c => c is >= 'a' and <= 'z')]);
}
