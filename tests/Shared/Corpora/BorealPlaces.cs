using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>A kind of number in a country's numbering plan: national significant number prefixes, length, how people group the digits.</summary>
/// <param name="Prefixes">The leading digits of the national significant number (area code or mobile range).</param>
/// <param name="Length">The length of the national significant number.</param>
/// <param name="Groups">How the digits are grouped when written (the first group is the area code or mobile prefix).</param>
internal sealed record BorealPlan(string[] Prefixes, int Length, int[] Groups);

/// <summary>Where a region's companies take their names from.</summary>
internal sealed record BorealRegion(string Key, string[] Roots, string[] Descriptors, string[] LargeDescriptors, string[] Legal, bool LegalFirst, string[] RoleBoxes, string[] Titles);

/// <summary>A country the Boreal publisher sells to: how its name is written, its numbering plan, its people and its mail providers.</summary>
internal sealed record BorealCountry(
    string Code,
    double Share,
    string[] Names,
    string CallingCode,
    string Trunk,
    bool MobileTrunk,
    BorealPlan Mobile,
    BorealPlan Land,
    (BorealCulture Culture, double Weight)[] Cultures,
    (string Domain, double Weight)[] Webmail,
    BorealRegion Region,
    string[] Tlds,
    double UtcOffset,
    string? ExtensionWord = null);

/// <summary>The countries, regions and numbering plans of the Boreal corpus.</summary>
internal static class BorealPlaces
{
    private static readonly string[] EnglishTitles =
    [
        "IT Manager", "CTO", "Head of IT", "Software Engineer", "Developer", "Data Analyst", "Procurement Officer", "CEO", "Founder",
        "Director of Operations", "System Administrator", "Cloud Architect", "Solutions Architect", "Finance Manager", "HR Manager",
        "Sales Manager", "IT Director", "DevOps Engineer", "Project Manager", "Business Analyst", "Managing Director", "CIO", "Consultant",
        "Network Engineer", "Operations Manager", "Head of Data", "Security Engineer", "Owner", "Student", "IT Specialist",
    ];

    private static BorealRegion Region(string key, string roots, string descriptors, string large, string legal, bool legalFirst, string roles, string titles) =>
        new(key, roots.Split(','), descriptors.Split(','), large.Split(','), legal.Split(','), legalFirst, roles.Split(','), [.. EnglishTitles, .. titles.Split(',', StringSplitOptions.RemoveEmptyEntries)]);

    public static readonly BorealRegion Nordic = Region("nordic",
        "Norrsken,Fjelltek,Kvistdata,Lyngnett,Vinterlys,Strandvik,Bergkraft,Havsdata,Ljuslogik,Polarlinje,Skogsverk,Nordpunkt,Vikhamn,Askeberg,Eklund,Sundlogik,Älvdata,Tunturi,Revontuli,Saaristo,Hafnia,Jyllandsnet",
        "Systems,Data,Consulting,IT,Solutions,Analytics,Software",
        "Bank,Energi,Telecom,Försäkring,Group",
        "AB,AS,A/S,Oy,ApS,Oyj,ASA",
        false, "info,it,kontakt,sales,admin,office", "IT-chef,IT-päällikkö,Systemutvecklare,Daglig leder,Udvikler,IT-ansvarlig");

    public static readonly BorealRegion Eastern = Region("eastern",
        "Vostok,Zenit,Rubin,Polyus,Almaz,Kedr,Sever,Volga,Dnipro,Karpaty,Vistula,Orzeł,Sokol,Granit,Aegean,Olympos,Ionio,Thalassa,Meltemi,Astra,Dunărea,Carpați,Vltava,Morava,Baltika,Ural,Altai",
        "Soft,Tech,Systems,Telecom,Logistics,Data,Consulting,Informatics,Solutions",
        "Bank,Telecom,Energy,Holding,Group",
        "Sp. z o.o.,S.A.,LLC,OOO,JSC,TOV,S.R.L.,s.r.o.,a.s.,A.E.,Ltd",
        false, "info,office,it,sales,biuro,admin", "Kierownik IT,Руководитель ИТ,Системный администратор,Programista,Director IT,Διευθυντής IT,Vedoucí IT");

    public static readonly BorealRegion Turkey = Region("turkey",
        "Anadolu,Boğaziçi,Ege,Marmara,Kardelen,Toros,Başak,Gökkuşağı,Zirve,Akdeniz,Kapadokya,Fırat,Yakamoz,Lale,Çınar,Dicle,Uludağ,Pamukkale",
        "Bilişim,Teknoloji,Yazılım,Lojistik,Gıda,Enerji,İnşaat,Danışmanlık",
        "Holding,Bankası,Telekom,Enerji,Sigorta",
        "A.Ş.,Ltd. Şti.,San. ve Tic. A.Ş.,Tic. Ltd. Şti.",
        false, "info,bilgi,it,satis,destek", "Bilgi İşlem Müdürü,Yazılım Mühendisi,Genel Müdür,BT Uzmanı,Satın Alma Uzmanı");

    public static readonly BorealRegion Arab = Region("arab",
        "Gulf Horizon,Al Noor,Desert Rose,Falcon,Oasis,Al Waha,Najm,Sahara,Levant,Nile Delta,Cedar,Atlas,Crescent,Al Fajr,Dana,Rimal,Burj,Marina,Al Bayan,Al Rawabi,Zamzam,Jabal,Corniche,Al Masa",
        "Trading,Technologies,Contracting,Systems,IT Solutions,Logistics,General Trading,Consulting",
        "Bank,Holding,Telecom,Petroleum,Group,Airways",
        "LLC,FZ-LLC,FZE,W.L.L.,Co.,S.A.E.,S.A.R.L.,Est.",
        false, "info,sales,it,admin,procurement,contact", "IT Manager - Infrastructure,Head of Digital Transformation,Procurement Manager,مدير تقنية المعلومات,Eng.");

    public static readonly BorealRegion SouthAsia = Region("south-asia",
        "Sahyadri,Ganga,Nilgiri,Vayu,Akash,Sarvam,Tejas,Prithvi,Kaveri,Indus,Shakti,Navya,Vistar,Samarth,Dhruv,Kalpa,Ravi,Chenab,Karakoram,Padma,Meghna,Jamuna,Lanka,Godavari,Narmada",
        "Infotech,Technologies,Softech,Solutions,Consultancy,Systems,Enterprises,Industries,Software Services",
        "Bank,Telecom,Infotech,Industries,Group,Motors",
        "Pvt. Ltd.,Private Limited,Ltd.,LLP,(Pvt) Ltd.,Limited",
        false, "info,sales,it,admin,support,contact", "Sr. Software Engineer,Associate Consultant,Team Lead,Technical Architect,AVP - IT,Manager - IT");

    public static readonly BorealRegion SoutheastAsia = Region("southeast-asia",
        "An Phát,Hòa Bình,Sao Việt,Đông Á,Minh Long,Thành Công,Phú Thịnh,Việt Tiến,Hưng Thịnh,Sông Hồng,Mekong,Lạc Hồng,Maju Bersama,Sinar Jaya,Cahaya,Nusantara,Mitra Sejati,Bumi,Garuda,Sentosa,Harapan,Karya,Bayanihan,Luzon,Visayas,Sampaguita,Tala,Bituin,Manila Bay",
        "Software,Technology,Solutions,Teknologi,Solusi,Digital,Informatika,Systems",
        "Bank,Telecom,Group,Holdings,Energy",
        "Co. Ltd.,JSC,PT,Tbk,Inc.,Corp.",
        false, "info,sales,it,admin,contact,lienhe", "Trưởng phòng IT,Kepala IT,Manajer TI,Giám đốc,Staff IT");

    public static readonly BorealRegion Lusophone = Region("lusophone",
        "Ipê,Jacarandá,Horizonte,Aurora,Cerrado,Atlântico,Tupã,Paraná,Serra Azul,Vila Nova,Ribeira,Tejo,Douro,Minho,Lusitânia,Pantanal,Guanabara,Mantiqueira,Alvorada,Capibaribe",
        "Tecnologia,Sistemas,Soluções,Informática,Consultoria,Logística,Software",
        "Banco,Telecom,Energia,Seguros,Grupo",
        "Ltda.,S.A.,ME,Lda.,EIRELI",
        false, "contato,comercial,ti,vendas,geral,info", "Gerente de TI,Diretor de TI,Analista de Sistemas,Coordenador de TI,Desenvolvedor,Sócio");

    public static readonly BorealRegion Hispanic = Region("hispanic",
        "Andes,Pampa,Sierra,Aztlán,Cóndor,Quetzal,Alhambra,Ibérica,Mediterráneo,Azahar,Tierra Alta,Río Claro,Caribe,Pacífico,Patagonia,Tequendama,Atacama,Maya,Guadiana,Sol Naciente",
        "Tecnologías,Sistemas,Soluciones,Consultores,Logística,Informática,Software",
        "Banco,Telecomunicaciones,Energía,Seguros,Grupo",
        "S.L.,S.A.,S.A. de C.V.,S.A.S.,SpA,S.R.L.,S.A.C.",
        false, "contacto,ventas,ti,sistemas,info,admin", "Gerente de TI,Jefe de Sistemas,Coordinador de TI,Director de Tecnología,Desarrollador,Analista");

    public static readonly BorealRegion Anglo = Region("anglo",
        "Kestrel,Harbour Light,Bluegum,Redwood,Silverfern,Ironbark,Granite Peak,Maple Ridge,Lakeshore,Ridgeway,Northgate,Clearwater,Summit Lane,Brightwater,Copperleaf,Wattle,Kauri,Thistle,Shamrock,Highland,Fenwick,Baobab,Karoo",
        "Technologies,Systems,Consulting,Analytics,Software,Logistics,Partners,Health,Energy,Solutions",
        "Bank,Insurance,Health,Energy,Group,Airlines",
        "Inc.,LLC,Ltd,Pty Ltd,Limited,Corp.,(Pty) Ltd",
        false, "info,sales,it,admin,office,hello,accounts", "VP Engineering,Head of Procurement,IT Lead,Principal Engineer");

    private static (BorealCulture, double)[] C(params (BorealCulture, double)[] cultures) => cultures;

    private static (string, double)[] Mail(string spec) =>
        [.. spec.Split(';').Select(e => e.Split(':')).Select(p => (p[0], double.Parse(p[1], CultureInfo.InvariantCulture)))];

    private static BorealPlan P(string prefixes, int length, params int[] groups) => new(prefixes.Split(','), length, groups);

    private static readonly BorealCulture A = BorealCulture.Anglo;
    private static readonly BorealCulture Ar = BorealCulture.Arab;
    private static readonly BorealCulture Ni = BorealCulture.NorthIndian;
    private static readonly BorealCulture Si = BorealCulture.SouthIndian;
    private static readonly BorealCulture Sm = BorealCulture.SouthAsianMuslim;
    private static readonly BorealCulture Fi = BorealCulture.Filipino;

    public static readonly BorealCountry[] Countries =
    [
        new("US", 10, ["US", "USA", "United States", "United States of America", "U.S."], "1", "", false, P("212,206,312,415,425,469,512,617,646,702,713,770,786,808,919,972", 10, 3, 3, 4), P("212,206,312,415,425,469,512,617,646,702,713,770,786,808,919,972", 10, 3, 3, 4),
            C((A, 70), (BorealCulture.Spanish, 12), (Ni, 5), (Si, 4), (BorealCulture.Vietnamese, 3), (Ar, 2), (Fi, 2), (BorealCulture.Slavic, 1), (Sm, 1)), Mail("gmail.com:55;outlook.com:15;hotmail.com:8;yahoo.com:12;icloud.com:8;aol.com:2"), Anglo, [".com"], -6),
        new("GB", 6, ["GB", "UK", "United Kingdom", "England", "Great Britain"], "44", "0", true, P("74,75,77,78,79", 10, 4, 6), P("207,208,203", 10, 2, 4, 4),
            C((A, 76), (Ni, 5), (Sm, 7), (Ar, 2), (BorealCulture.CentralEuropean, 4), (BorealCulture.Greek, 1), (Si, 3), (Fi, 1), (BorealCulture.Nordic, 1)), Mail("gmail.com:50;outlook.com:12;hotmail.co.uk:14;yahoo.co.uk:8;icloud.com:10;btinternet.com:6"), Anglo, [".co.uk", ".com"], 0),
        new("IE", 1.5, ["IE", "Ireland", "Éire", "Republic of Ireland"], "353", "0", true, P("83,85,86,87,89", 9, 2, 3, 4), P("1", 8, 1, 3, 4),
            C((A, 88), (BorealCulture.CentralEuropean, 6), (Ni, 3), (Fi, 3)), Mail("gmail.com:55;outlook.com:15;hotmail.com:10;eircom.net:8;icloud.com:12"), Anglo, [".ie", ".com"], 0),
        new("AU", 3.5, ["AU", "Australia", "AUS"], "61", "0", true, P("40,41,42,43,47,48", 9, 3, 3, 3), P("29,28,39,38,73,89", 9, 1, 4, 4),
            C((A, 72), (BorealCulture.Vietnamese, 5), (Ni, 6), (Si, 3), (BorealCulture.Greek, 4), (Fi, 3), (Ar, 3), (BorealCulture.Spanish, 2), (Sm, 2)), Mail("gmail.com:50;outlook.com:12;hotmail.com:10;bigpond.com:10;icloud.com:12;yahoo.com.au:6"), Anglo, [".com.au", ".com"], 10),
        new("NZ", 0.8, ["NZ", "New Zealand", "Aotearoa"], "64", "0", true, P("21,22,27", 9, 2, 3, 4), P("93,94,95,98,44,33,34", 8, 1, 3, 4),
            C((A, 85), (Fi, 5), (Ni, 5), (BorealCulture.Vietnamese, 2), (Sm, 3)), Mail("gmail.com:55;outlook.com:10;xtra.co.nz:15;hotmail.com:10;icloud.com:10"), Anglo, [".co.nz", ".com"], 12),
        new("CA", 2.5, ["CA", "Canada", "CAN"], "1", "", false, P("416,437,514,604,613,647,778,905", 10, 3, 3, 4), P("416,437,514,604,613,647,778,905", 10, 3, 3, 4),
            C((A, 70), (Ni, 6), (Sm, 4), (BorealCulture.Vietnamese, 3), (Fi, 5), (Ar, 4), (BorealCulture.Slavic, 3), (BorealCulture.Spanish, 3), (BorealCulture.Lusophone, 2)), Mail("gmail.com:55;outlook.com:12;hotmail.com:12;yahoo.ca:6;icloud.com:10;rogers.com:5"), Anglo, [".ca", ".com"], -5),
        new("ZA", 1.5, ["ZA", "South Africa", "RSA"], "27", "0", true, P("60,61,71,72,73,74,76,78,79,81,82,83,84", 9, 2, 3, 4), P("11,21,31,12", 9, 2, 3, 4),
            C((A, 80), (Ni, 10), (Si, 3), (BorealCulture.Lusophone, 4), (BorealCulture.Greek, 3)), Mail("gmail.com:55;outlook.com:10;yahoo.com:10;icloud.com:10;mweb.co.za:10;webmail.co.za:5"), Anglo, [".co.za", ".com"], 2),
        new("SE", 3, ["SE", "Sweden", "Sverige", "SWE"], "46", "0", true, P("70,72,73,76,79", 9, 2, 3, 2, 2), P("8,31,40,18", 9, 2, 3, 2, 2),
            C((BorealCulture.Nordic, 85), (Ar, 5), (BorealCulture.CentralEuropean, 4), (BorealCulture.Turkish, 2), (BorealCulture.Slavic, 2), (BorealCulture.Greek, 2)), Mail("gmail.com:50;hotmail.com:20;outlook.com:15;live.se:8;icloud.com:7"), Nordic, [".se", ".com"], 1),
        new("NO", 2, ["NO", "Norway", "Norge", "NOR"], "47", "", false, P("40,41,45,46,47,48,90,91,92,93,94,95,97,98,99", 8, 3, 2, 3), P("22,23,21,55,73,51", 8, 2, 2, 2, 2),
            C((BorealCulture.Nordic, 88), (BorealCulture.CentralEuropean, 6), (Sm, 3), (Ar, 3)), Mail("gmail.com:50;hotmail.com:15;outlook.com:12;online.no:13;icloud.com:10"), Nordic, [".no", ".com"], 1),
        new("DK", 2, ["DK", "Denmark", "Danmark", "DNK"], "45", "", false, P("20,21,22,23,24,25,26,27,28,29,30,31,40,41,42,50,51,52,53,60,61", 8, 2, 2, 2, 2), P("32,33,35,36,38,39,43,44,45,86,87,98", 8, 2, 2, 2, 2),
            C((BorealCulture.Nordic, 90), (BorealCulture.Turkish, 4), (Ar, 3), (BorealCulture.CentralEuropean, 3)), Mail("gmail.com:50;hotmail.com:20;outlook.dk:10;live.dk:8;icloud.com:12"), Nordic, [".dk", ".com"], 1),
        new("FI", 2, ["FI", "Finland", "Suomi", "FIN"], "358", "0", true, P("40,41,44,45,50", 9, 2, 3, 4), P("92,93,94,96", 8, 1, 3, 4),
            C((BorealCulture.Nordic, 92), (BorealCulture.Slavic, 5), (Ar, 3)), Mail("gmail.com:55;hotmail.com:15;outlook.com:15;icloud.com:15"), Nordic, [".fi", ".com"], 2),
        new("EE", 0.6, ["EE", "Estonia", "Eesti"], "372", "", false, P("5", 8, 4, 4), P("6", 7, 3, 4),
            C((BorealCulture.Nordic, 70), (BorealCulture.Slavic, 30)), Mail("gmail.com:60;hot.ee:15;mail.ee:15;outlook.com:10"), Nordic, [".ee", ".com"], 2),
        new("PL", 4, ["PL", "Poland", "Polska", "POL"], "48", "", false, P("50,51,53,57,60,66,69,72,73,78,79,88", 9, 3, 3, 3), P("22,12,61,71,58", 9, 2, 3, 2, 2),
            C((BorealCulture.CentralEuropean, 94), (BorealCulture.Slavic, 6)), Mail("gmail.com:45;wp.pl:15;o2.pl:12;onet.pl:12;interia.pl:8;outlook.com:8"), Eastern, [".pl", ".com.pl", ".com"], 1, "wewn."),
        new("RU", 2.5, ["RU", "Russia", "Russian Federation", "Россия", "RUS"], "7", "8", true, P("903,905,909,910,915,916,917,925,926,977,985", 10, 3, 3, 2, 2), P("495,499,812,343,383", 10, 3, 3, 2, 2),
            C((BorealCulture.Slavic, 92), (BorealCulture.Turkish, 2), (Ar, 2), (BorealCulture.CentralEuropean, 4)), Mail("yandex.ru:35;mail.ru:30;gmail.com:25;rambler.ru:5;bk.ru:5"), Eastern, [".ru", ".com"], 3, "доб."),
        new("UA", 2, ["UA", "Ukraine", "Україна", "UKR"], "380", "0", true, P("50,66,67,68,93,95,96,97,98,63,73", 9, 2, 3, 2, 2), P("44,32,57,48", 9, 2, 3, 2, 2),
            C((BorealCulture.Slavic, 95), (BorealCulture.CentralEuropean, 5)), Mail("gmail.com:50;ukr.net:25;i.ua:10;meta.ua:5;outlook.com:10"), Eastern, [".ua", ".com.ua", ".com"], 2, "доб."),
        new("RO", 1.5, ["RO", "Romania", "România", "ROU"], "40", "0", true, P("722,723,724,726,730,740,744,745,750,755,760,766,771,784,788", 9, 3, 3, 3), P("21,264,256,232", 9, 3, 3, 3),
            C((BorealCulture.CentralEuropean, 96), (Ar, 4)), Mail("gmail.com:60;yahoo.com:25;outlook.com:10;icloud.com:5"), Eastern, [".ro", ".com"], 2),
        new("CZ", 1.5, ["CZ", "Czech Republic", "Czechia", "Česko", "CZE"], "420", "", false, P("601,602,603,604,605,606,607,608,702,720,721,723,724,725,728,731,732,733,736,737,739,773,774,775,777,778,792,799", 9, 3, 3, 3), P("22,23,24,26,27,28,53,54", 9, 3, 3, 3),
            C((BorealCulture.CentralEuropean, 92), (BorealCulture.Slavic, 8)), Mail("seznam.cz:40;gmail.com:40;email.cz:10;centrum.cz:10"), Eastern, [".cz", ".com"], 1),
        new("GR", 1.5, ["GR", "Greece", "Ελλάδα", "Hellas", "GRC"], "30", "", false, P("690,693,694,695,697,698,699", 10, 3, 3, 4), P("210,231,261,281", 10, 3, 3, 4),
            C((BorealCulture.Greek, 93), (Ar, 3), (BorealCulture.CentralEuropean, 4)), Mail("gmail.com:55;yahoo.gr:15;hotmail.com:15;otenet.gr:10;outlook.com:5"), Eastern, [".gr", ".com"], 2),
        new("TR", 5, ["TR", "Turkey", "Türkiye", "Turkiye", "TUR"], "90", "0", true, P("501,505,506,507,530,532,533,535,536,537,538,539,541,542,543,544,545,546,551,552,553,554,555", 10, 3, 3, 2, 2), P("212,216,312,232,224,242", 10, 3, 3, 2, 2),
            C((BorealCulture.Turkish, 96), (Ar, 4)), Mail("gmail.com:60;hotmail.com:25;outlook.com:8;yandex.com:4;icloud.com:3"), Turkey, [".com.tr", ".com"], 3, "dahili"),
        new("AE", 4.5, ["AE", "United Arab Emirates", "UAE", "U.A.E.", "Dubai", "Emirates"], "971", "0", true, P("50,52,54,55,56,58", 9, 2, 3, 4), P("42,43,44,23,26,65", 8, 1, 3, 4),
            C((Ar, 42), (Ni, 17), (Si, 10), (Sm, 12), (Fi, 10), (A, 6), (BorealCulture.Slavic, 2), (BorealCulture.Turkish, 1)), Mail("gmail.com:55;hotmail.com:15;yahoo.com:12;outlook.com:10;icloud.com:8"), Arab, [".ae", ".com"], 4, "ext."),
        new("SA", 4.5, ["SA", "Saudi Arabia", "KSA", "Kingdom of Saudi Arabia", "المملكة العربية السعودية"], "966", "0", true, P("50,53,54,55,56,59", 9, 2, 3, 4), P("114,112,126,138", 9, 2, 3, 4),
            C((Ar, 80), (Ni, 6), (Sm, 7), (Fi, 5), (A, 2)), Mail("gmail.com:60;hotmail.com:20;outlook.sa:5;yahoo.com:8;icloud.com:7"), Arab, [".com.sa", ".sa", ".com"], 3, "ext."),
        new("EG", 2.5, ["EG", "Egypt", "مصر", "EGY"], "20", "0", true, P("10,11,12,15", 10, 2, 4, 4), P("2", 9, 1, 4, 4),
            C((Ar, 100)), Mail("gmail.com:65;yahoo.com:20;hotmail.com:12;outlook.com:3"), Arab, [".com.eg", ".com"], 2, "ext."),
        new("JO", 1, ["JO", "Jordan", "الأردن", "JOR"], "962", "0", true, P("777,778,779,785,786,787,788,789,790,791,795,796,797,798,799", 9, 2, 3, 4), P("65,64,63,55", 8, 1, 3, 4),
            C((Ar, 100)), Mail("gmail.com:65;yahoo.com:15;hotmail.com:15;outlook.com:5"), Arab, [".jo", ".com"], 3),
        new("MA", 1, ["MA", "Morocco", "Maroc", "المغرب", "MAR"], "212", "0", true, P("61,62,65,66,67,68,70,76,77", 9, 1, 2, 2, 2, 2), P("5225,5222,5372,5243", 9, 3, 2, 2, 2),
            C((Ar, 100)), Mail("gmail.com:60;yahoo.fr:15;hotmail.fr:15;outlook.com:5;menara.ma:5"), Arab, [".ma", ".com"], 1, "poste"),
        new("QA", 1, ["QA", "Qatar", "قطر", "QAT"], "974", "", false, P("33,55,66,77", 8, 4, 4), P("44", 8, 4, 4),
            C((Ar, 45), (Ni, 15), (Si, 12), (Sm, 13), (Fi, 12), (A, 3)), Mail("gmail.com:60;hotmail.com:15;yahoo.com:10;outlook.com:10;qatar.net.qa:5"), Arab, [".qa", ".com.qa", ".com"], 3),
        new("IN", 9, ["IN", "India", "IND", "Bharat"], "91", "0", true, P("98,99,97,96,95,94,93,91,90,89,88,87,86,85,84,81,80,79,78,77,76,75,74,73,72,70,63,62", 10, 5, 5), P("112,113,114,116,224,226,228,802,804,806,442,444,402,406,202,206,332,334", 10, 2, 4, 4),
            C((Ni, 62), (Si, 34), (Sm, 4)), Mail("gmail.com:72;yahoo.co.in:8;rediffmail.com:6;outlook.com:8;hotmail.com:6"), SouthAsia, [".in", ".co.in", ".com"], 5.5, "Extn."),
        new("PK", 2, ["PK", "Pakistan", "PAK"], "92", "0", true, P("300,301,302,303,310,312,313,321,333,345", 10, 3, 7), P("21,42,51", 10, 2, 4, 4),
            C((Sm, 100)), Mail("gmail.com:75;yahoo.com:12;hotmail.com:10;outlook.com:3"), SouthAsia, [".pk", ".com.pk", ".com"], 5, "Ext."),
        new("BD", 1.2, ["BD", "Bangladesh", "BGD"], "880", "0", true, P("13,15,16,17,18,19", 10, 4, 6), P("29,28,27", 8, 1, 3, 4),
            C((Sm, 100)), Mail("gmail.com:78;yahoo.com:12;hotmail.com:6;outlook.com:4"), SouthAsia, [".com.bd", ".com"], 6),
        new("LK", 0.8, ["LK", "Sri Lanka", "LKA"], "94", "0", true, P("70,71,72,75,76,77,78", 9, 2, 3, 4), P("112,114,115,117", 9, 2, 3, 4),
            C((Si, 70), (Sm, 30)), Mail("gmail.com:75;yahoo.com:15;hotmail.com:10"), SouthAsia, [".lk", ".com"], 5.5),
        new("VN", 4, ["VN", "Vietnam", "Viet Nam", "Việt Nam", "VNM"], "84", "0", true, P("90,91,93,94,96,97,98,32,33,34,35,36,37,38,39,70,77,78,79,81,83,84,85,86,88,89", 9, 3, 3, 3), P("24,28", 10, 2, 4, 4),
            C((BorealCulture.Vietnamese, 100)), Mail("gmail.com:82;yahoo.com:8;outlook.com:5;hotmail.com:5"), SoutheastAsia, [".vn", ".com.vn", ".com"], 7),
        new("ID", 4, ["ID", "Indonesia", "IDN"], "62", "0", true, P("811,812,813,821,822,852,853,857,858,877,878,895,896,838,831", 11, 3, 4, 4), P("21,22,31", 10, 2, 4, 4),
            C((BorealCulture.Indonesian, 100)), Mail("gmail.com:80;yahoo.co.id:8;yahoo.com:6;outlook.com:6"), SoutheastAsia, [".co.id", ".id", ".com"], 7),
        new("PH", 3, ["PH", "Philippines", "PHL", "Pilipinas"], "63", "0", true, P("917,918,919,920,921,927,928,939,945,955,966,977,995,998", 10, 3, 3, 4), P("28", 9, 1, 4, 4),
            C((Fi, 100)), Mail("gmail.com:75;yahoo.com:15;outlook.com:5;hotmail.com:5"), SoutheastAsia, [".com.ph", ".ph", ".com"], 8, "loc."),
        new("BR", 6, ["BR", "Brazil", "Brasil", "BRA"], "55", "0", false, P("119,219,319,419,519,619,719,819,199,479", 11, 2, 5, 4), P("113,213,313,413,513,613,713,813,193,473", 10, 2, 4, 4),
            C((BorealCulture.Lusophone, 94), (Ar, 3), (BorealCulture.Spanish, 3)), Mail("gmail.com:60;hotmail.com:15;outlook.com:8;yahoo.com.br:8;uol.com.br:5;bol.com.br:4"), Lusophone, [".com.br", ".com"], -3, "ramal"),
        new("PT", 2, ["PT", "Portugal", "PRT"], "351", "", false, P("91,92,93,96", 9, 3, 3, 3), P("21,22", 9, 3, 3, 3),
            C((BorealCulture.Lusophone, 95), (BorealCulture.CentralEuropean, 5)), Mail("gmail.com:55;hotmail.com:15;sapo.pt:15;outlook.pt:10;icloud.com:5"), Lusophone, [".pt", ".com"], 0, "ext."),
        new("ES", 4, ["ES", "Spain", "España", "Espana", "ESP"], "34", "", false, P("60,61,62,63,64,65,66,67,68,69,71,72", 9, 3, 3, 3), P("91,93,95,96,94", 9, 2, 3, 2, 2),
            C((BorealCulture.Spanish, 92), (Ar, 4), (BorealCulture.CentralEuropean, 4)), Mail("gmail.com:60;hotmail.com:20;outlook.es:8;yahoo.es:7;icloud.com:5"), Hispanic, [".es", ".com"], 1, "ext."),
        new("MX", 3.5, ["MX", "Mexico", "México", "MEX"], "52", "", false, P("55,33,81,222,442,477", 10, 2, 4, 4), P("55,33,81,222,442,477", 10, 2, 4, 4),
            C((BorealCulture.Spanish, 100)), Mail("gmail.com:55;hotmail.com:25;outlook.com:10;yahoo.com.mx:10"), Hispanic, [".com.mx", ".mx", ".com"], -6, "ext."),
        new("AR", 1.5, ["AR", "Argentina", "ARG"], "54", "0", true, P("9114,9115,9116,9113", 11, 1, 2, 4, 4), P("114,115,116,113", 10, 2, 4, 4),
            C((BorealCulture.Spanish, 90), (BorealCulture.CentralEuropean, 5), (Ar, 5)), Mail("gmail.com:60;hotmail.com:25;yahoo.com.ar:10;outlook.com:5"), Hispanic, [".com.ar", ".com"], -3, "int."),
        new("CO", 1.5, ["CO", "Colombia", "COL"], "57", "", false, P("300,301,310,311,312,313,314,315,316,317,318,320,321", 10, 3, 3, 4), P("601,604,602", 10, 3, 3, 4),
            C((BorealCulture.Spanish, 100)), Mail("gmail.com:60;hotmail.com:25;outlook.com:10;yahoo.com:5"), Hispanic, [".com.co", ".co", ".com"], -5, "ext."),
        new("CL", 1, ["CL", "Chile", "CHL"], "56", "", false, P("9", 9, 1, 4, 4), P("22", 9, 1, 4, 4),
            C((BorealCulture.Spanish, 95), (Ar, 5)), Mail("gmail.com:65;hotmail.com:20;outlook.com:10;yahoo.com:5"), Hispanic, [".cl", ".com"], -3, "anexo"),
        new("PE", 1, ["PE", "Peru", "Perú", "PER"], "51", "0", false, P("9", 9, 3, 3, 3), P("12,13,14,16,17", 8, 1, 3, 4),
            C((BorealCulture.Spanish, 100)), Mail("gmail.com:65;hotmail.com:25;outlook.com:5;yahoo.com:5"), Hispanic, [".com.pe", ".pe", ".com"], -5, "anexo"),
    ];

    private static readonly Dictionary<string, BorealCountry> ByCode = Countries.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static BorealCountry Of(string code) => ByCode[code];
}

/// <summary>A telephone number as a person owns it: the country, the national significant number, an extension.</summary>
internal sealed record BorealPhone(BorealCountry Country, string Nsn, bool Mobile, string? Extension = null)
{
    /// <summary>Gets the number in E.164 (without the extension).</summary>
    public string E164 => "+" + Country.CallingCode + Nsn;

    /// <summary>How many written styles there are.</summary>
    public const int Styles = 12;

    /// <summary>Writes the number one of the ways people write it.</summary>
    /// <param name="style">0 E.164; 1 international spaced; 2 international dashed; 3 <c>00</c> prefix; 4 national spaced; 5 national compact;
    /// 6 national with a dash after the area code; 7 area code in parentheses; 8 <c>+cc (0)…</c>; 9 dotted; 10 no country code and no trunk; 11 NANP <c>1-</c> or local alternatives.</param>
    /// <param name="extensionStyle">How an extension is written (0–6).</param>
    public string Format(int style, int extensionStyle = 0)
    {
        var c = Country;
        var groups = Group(Nsn, c.Code == "AR" && Mobile ? [1, 2, 4, 4] : (Mobile ? c.Mobile : c.Land).Groups);
        var trunk = c.Trunk.Length > 0 && (!Mobile || c.MobileTrunk) ? c.Trunk : string.Empty;
        var nanp = c.CallingCode == "1";
        string text;
        switch (style)
        {
            case 0:
                text = E164;
                break;
            case 1:
                text = "+" + c.CallingCode + " " + string.Join(' ', groups);
                break;
            case 2:
                text = "+" + c.CallingCode + "-" + string.Join('-', groups);
                break;
            case 3:
                // The international call prefix of the caller's own country: 00 in most, 0011 in Australia; where it is
                // something else (8~10, carrier codes) people write the plus.
                text = (nanp || c.Code is "RU" or "BR" or "ID" or "CO" ? "+" + c.CallingCode + " " : c.Code == "AU" ? "0011 61 " : "00" + c.CallingCode + " ") + string.Join(' ', groups);
                break;
            case 4:
                text = National(' ');
                break;
            case 5:
                text = c.Code == "AR" && Mobile ? "0" + Nsn[1..3] + "15" + Nsn[3..] : trunk + Nsn;
                break;
            case 6:
                text = c.Code switch
                {
                    "RU" => "8 (" + groups[0] + ") " + groups[1] + "-" + groups[2] + "-" + groups[3],
                    "BR" => "(" + groups[0] + ") " + groups[1] + "-" + groups[2],
                    _ when nanp => string.Join('-', groups),
                    _ => trunk + groups[0] + "-" + string.Join(' ', groups.Skip(1)),
                };
                break;
            case 7:
                text = nanp ? "(" + groups[0] + ") " + groups[1] + "-" + groups[2]
                    : c.Code == "RU" ? "+7 (" + groups[0] + ") " + groups[1] + "-" + groups[2] + "-" + groups[3]
                    : c.Code == "BR" ? "(" + groups[0] + ") " + string.Join('-', groups.Skip(1))
                    : "(" + trunk + groups[0] + ") " + string.Join(' ', groups.Skip(1));
                break;
            case 8:
                text = c.Trunk == "0" && (!Mobile || c.MobileTrunk) ? "+" + c.CallingCode + " (0)" + string.Join(' ', groups) : "+" + c.CallingCode + " " + string.Join(' ', groups);
                break;
            case 9:
                text = (nanp ? string.Empty : trunk) + string.Join('.', groups);
                break;
            case 10:
                text = Nsn;
                break;
            default:
                text = nanp ? "1-" + string.Join('-', groups)
                    : c.Code == "RU" ? "+7 (" + groups[0] + ") " + groups[1] + "-" + groups[2] + "-" + groups[3]
                    : c.Code == "AR" && Mobile ? "+54 9 " + Nsn[1..3] + " " + Nsn[3..7] + "-" + Nsn[7..]
                    : c.Code == "MX" && Mobile ? "+52 1 " + string.Join(' ', groups)
                    : "+" + c.CallingCode + " " + Nsn;
                break;
        }

        return Extension is null ? text : text + ExtensionText(extensionStyle);

        string National(char separator) =>
            c.Code == "AR" && Mobile ? "011 15-" + Nsn[3..7] + "-" + Nsn[7..]
            : c.Code == "RU" ? "8 " + string.Join(separator, groups)
            : trunk + string.Join(separator, groups);
    }

    private string ExtensionText(int style) => style switch
    {
        0 => " ext. " + Extension,
        1 => " x" + Extension,
        2 => " ext " + Extension,
        3 => ", Ext: " + Extension,
        4 => " #" + Extension,
        5 when Country.ExtensionWord is { } word => " " + word + " " + Extension,
        _ => " (ext. " + Extension + ")",
    };

    private static string[] Group(string nsn, int[] sizes)
    {
        var parts = new List<string>();
        var at = 0;
        foreach (var size in sizes)
        {
            if (at >= nsn.Length)
            {
                break;
            }

            var take = Math.Min(size, nsn.Length - at);
            parts.Add(nsn.Substring(at, take));
            at += take;
        }

        if (at < nsn.Length)
        {
            parts[^1] += nsn[at..];
        }

        return [.. parts];
    }

    /// <summary>A new number of a kind in a country.</summary>
    public static BorealPhone New(BorealCountry country, bool mobile, BorealDice dice)
    {
        var plan = mobile ? country.Mobile : country.Land;
        var prefix = dice.Pick(plan.Prefixes);
        var first = dice.Next(2, 10).ToString(CultureInfo.InvariantCulture);
        var nsn = prefix + first + dice.Digits(plan.Length - prefix.Length - 1);
        return new BorealPhone(country, nsn, mobile);
    }

    /// <summary>The habitual style of a person of a country (what most people of that country write).</summary>
    public static int Habit(BorealCountry country, BorealDice dice) => country.CallingCode switch
    {
        "1" => dice.Pick([7, 7, 7, 6, 6, 6, 1, 0, 9, 10, 10, 11]),
        "7" => dice.Pick([6, 6, 11, 11, 0, 1, 5, 4]),
        "55" => dice.Pick([7, 7, 6, 6, 1, 0, 11, 10]),
        "91" => dice.Pick([10, 10, 10, 1, 1, 0, 11, 4, 5]),
        _ => dice.Pick([1, 1, 1, 1, 4, 4, 4, 0, 0, 5, 5, 6, 3, 8, 9, 2, 11]),
    };

    /// <summary>Describes the number without digits, for diagnostics.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Country.Code} {(Mobile ? "mobile" : "landline")} ({Nsn.Length} digits)");

    /// <summary>Appends an extension (a line behind a switchboard).</summary>
    public BorealPhone WithExtension(string extension) => this with { Extension = extension };

    /// <summary>A direct line next to a switchboard: the same prefix, other last digits.</summary>
    public BorealPhone DirectLine(BorealDice dice)
    {
        var keep = Math.Max(3, Nsn.Length - 3);
        var builder = new StringBuilder(Nsn[..keep]);
        builder.Append(dice.Digits(Nsn.Length - keep));
        return new BorealPhone(Country, builder.ToString(), false);
    }
}
