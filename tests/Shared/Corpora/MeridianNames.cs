using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

// The name pools of the Meridian corpus: people of South Asia, East and South-East Asia, the Gulf,
// Turkey, Nigeria, Kenya, South Africa, Australia and New Zealand. Written from how these names are
// really spelt and ordered on English-language forms (romanisation variants, particles, patronymics,
// nicknames, native scripts), not from any matcher.

/// <summary>A naming tradition of the Meridian corpus.</summary>
internal enum MeridianCulture
{
    Hindi,
    Punjabi,
    IndianMuslim,
    Tamil,
    Telugu,
    Bengali,
    Chinese,
    SeaChinese,
    Japanese,
    Korean,
    Vietnamese,
    Arab,
    Turkish,
    Yoruba,
    Igbo,
    Hausa,
    Kenyan,
    Nguni,
    Afrikaner,
    SaIndian,
    Anglo,
    Maori,
    Malay,
}

/// <summary>
/// One name of a pool, parsed from a compact spec: <c>Roman[=variant,variant][|@native][|~nick,nick][|#weight]</c>.
/// A leading <c>+</c> marks an Arabic family name that takes the <c>Al</c> article; an apostrophe marks a
/// syllable boundary (<c>Min'jun</c>, <c>Xiao'ming</c>).
/// </summary>
internal sealed class MeridianName
{
    private MeridianName(string canonical, string[] syllables, string[] variants, string? native, string[] nicknames, int weight, bool alPrefix)
    {
        Canonical = canonical;
        Syllables = syllables;
        Variants = variants;
        Native = native;
        Nicknames = nicknames;
        Weight = weight;
        AlPrefix = alPrefix;
    }

    /// <summary>Gets the usual romanised spelling (syllables joined).</summary>
    public string Canonical { get; }

    /// <summary>Gets the syllables of a two-syllable Chinese or Korean given name; empty otherwise.</summary>
    public IReadOnlyList<string> Syllables { get; }

    /// <summary>Gets other spellings of the same name (romanisations, particles, long vowels).</summary>
    public IReadOnlyList<string> Variants { get; }

    /// <summary>Gets the name in its native script, where people of the tradition type it so.</summary>
    public string? Native { get; }

    /// <summary>Gets the short forms people go by.</summary>
    public IReadOnlyList<string> Nicknames { get; }

    /// <summary>Gets the relative frequency of the name in its pool.</summary>
    public int Weight { get; }

    /// <summary>Gets a value indicating whether the name is an Arabic family name written with the article (Al Qahtani).</summary>
    public bool AlPrefix { get; }

    /// <summary>Parses a spec.</summary>
    public static MeridianName Parse(string spec)
    {
        var parts = spec.Split('|');
        var head = parts[0];
        var alPrefix = head.StartsWith('+');
        if (alPrefix)
        {
            head = head[1..];
        }

        var equals = head.IndexOf('=', StringComparison.Ordinal);
        var roman = equals < 0 ? head : head[..equals];
        var variants = equals < 0 ? [] : head[(equals + 1)..].Split(',');
        string[] syllables = [];
        if (roman.Contains('\'', StringComparison.Ordinal))
        {
            syllables = roman.Split('\'');
            roman = string.Concat(syllables.Select((s, i) => i == 0 ? s : s.ToLowerInvariant()));
            variants = [.. variants.Select(v => v.Replace("'", string.Empty, StringComparison.Ordinal))];
        }

        string? native = null;
        string[] nicknames = [];
        var weight = 1;
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith('@'))
            {
                native = part[1..];
            }
            else if (part.StartsWith('~'))
            {
                nicknames = part[1..].Split(',');
            }
            else if (part.StartsWith('#'))
            {
                weight = int.Parse(part[1..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return new MeridianName(roman, syllables, variants, native, nicknames, weight, alPrefix);
    }
}

/// <summary>The pools and habits of one naming tradition.</summary>
internal sealed class MeridianCultureInfo
{
    public required MeridianCulture Culture { get; init; }

    public required MeridianName[] Male { get; init; }

    public required MeridianName[] Female { get; init; }

    public required MeridianName[] Family { get; init; }

    /// <summary>Gets names that stand between given and family name: Vietnamese middle names, Kenyan birth names.</summary>
    public MeridianName[] MiddleMale { get; init; } = [];

    /// <summary>Gets the female middle names.</summary>
    public MeridianName[] MiddleFemale { get; init; } = [];

    /// <summary>Gets English given names people of the tradition also go by (Kevin Zhang, Lucky Dlamini).</summary>
    public MeridianName[] WesternMale { get; init; } = [];

    /// <summary>Gets the female English given names.</summary>
    public MeridianName[] WesternFemale { get; init; } = [];

    /// <summary>Gets the share of forms with given and family name in swapped fields (family name first traditions).</summary>
    public double SwapRate { get; init; } = 0.03;

    /// <summary>Gets the share of forms typed in the native script.</summary>
    public double NativeRate { get; init; }

    /// <summary>Gets the share of people who also go by an English given name.</summary>
    public double WesternRate { get; init; }

    /// <summary>Gets a value indicating whether women of the tradition commonly take the husband's family name.</summary>
    public bool ChangesNameOnMarriage { get; init; }

    /// <summary>Gets a value indicating whether a household shares a family name (not so for patronymic Malay names).</summary>
    public bool HouseholdSharesFamilyName { get; init; } = true;

    /// <summary>Gets a value indicating whether the family name is usually written first (East Asian order).</summary>
    public bool FamilyFirst { get; init; }
}

/// <summary>The pools.</summary>
internal static class MeridianNames
{
    private static readonly Dictionary<MeridianCulture, MeridianCultureInfo> Cultures = Build();

    /// <summary>Gets a tradition's pools.</summary>
    public static MeridianCultureInfo Of(MeridianCulture culture) => Cultures[culture];

    private static MeridianName[] P(params string[] specs) => [.. specs.Select(MeridianName.Parse)];

    private static Dictionary<MeridianCulture, MeridianCultureInfo> Build()
    {
        var anglo = new MeridianCultureInfo
        {
            Culture = MeridianCulture.Anglo,
            Male = P(
                "James|~Jim,Jimmy,Jamie", "Jack", "William|~Bill,Will,Billy", "Robert|~Bob,Rob,Robbie", "Matthew|~Matt", "Benjamin|~Ben",
                "Daniel|~Dan,Danny", "Christopher|~Chris", "Stephen=Steven|~Steve", "Nicholas|~Nick", "Andrew|~Andy,Drew", "Michael|~Mike,Mick",
                "Thomas|~Tom", "Joshua|~Josh", "Samuel|~Sam", "Lachlan|~Lachie", "Mitchell|~Mitch", "Brendan", "Liam", "Oliver|~Ollie",
                "Jonathan|~Jon,Jono", "Timothy|~Tim", "Anthony|~Tony", "Richard|~Rick,Richie", "Edward|~Ed,Ted", "Patrick|~Pat,Paddy",
                "Scott", "Luke", "Nathan|~Nate", "Cameron|~Cam", "Hamish", "Angus", "Callum"),
            Female = P(
                "Olivia|~Liv", "Charlotte|~Charlie", "Elizabeth|~Liz,Beth,Lizzie", "Catherine=Katherine,Kathryn|~Kate,Cath,Kathy",
                "Jennifer|~Jen,Jenny", "Samantha|~Sam", "Rebecca|~Bec,Becky", "Kylie", "Sharon", "Emily|~Em", "Jessica|~Jess", "Sarah",
                "Amanda|~Mandy", "Michelle|~Shell", "Natalie|~Nat", "Stephanie|~Steph", "Victoria|~Tori,Vic", "Alexandra|~Alex,Lexie",
                "Margaret|~Maggie,Meg", "Hannah", "Chloe", "Sophie", "Grace", "Emma", "Lauren", "Megan", "Kirsten", "Bronwyn|~Bron",
                "Fiona", "Alison=Allison|~Ali"),
            Family = P(
                "Smith|#10", "Jones|#6", "Williams|#6", "Brown|#6", "Wilson|#5", "Taylor|#5", "Johnson|#3", "White|#3", "Martin|#4",
                "Anderson|#3", "Thompson|#4", "Walker|#3", "Harris|#3", "Ryan|#3", "Kelly|#3", "King|#2", "Campbell|#3", "Robinson|#2",
                "Clarke=Clark|#3", "Mitchell|#2", "O'Brien=OBrien,O Brien,O’Brien|#3", "McDonald=Mcdonald,MacDonald,Macdonald|#3",
                "Stewart=Stuart|#2", "Murphy|#2", "Scott|#2", "Young|#2", "Hughes|#2", "Edwards|#2", "Lee|#2", "Wright|#2", "Murray|#2",
                "Hall|#2", "Davies=Davis|#2", "O'Connor=OConnor,O’Connor|#2", "Fitzgerald|#1", "McKenzie=Mckenzie,MacKenzie|#2",
                "Henderson|#1", "Robertson|#2", "Nguyen|#2", "Singh|#1"),
            ChangesNameOnMarriage = true,
        };

        return new[]
        {
            anglo,
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Hindi,
                Male = P(
                    "Rahul", "Amit", "Vikram|~Vicky", "Sanjay", "Rohit", "Deepak", "Suresh", "Rajesh|~Raj", "Arjun", "Manish", "Ankit",
                    "Aditya|~Adi", "Nikhil", "Abhishek|~Abhi", "Siddharth=Siddhartha|~Sid", "Vivek", "Gaurav", "Pankaj", "Ajay", "Vijay",
                    "Rakesh", "Mukesh", "Anil", "Sunil", "Ashok", "Alok", "Varun", "Karan", "Kunal", "Saurabh=Sourabh,Saurav", "Pradeep",
                    "Ravi", "Ramesh", "Naveen=Navin", "Prakash", "Yogesh", "Dinesh", "Mahesh", "Jitendra|~Jitu", "Hitesh", "Nilesh",
                    "Chirag", "Dhruv", "Kishore=Kishor", "Satish", "Arvind=Aravind"),
                Female = P(
                    "Priya", "Anjali", "Neha", "Pooja=Puja", "Sunita", "Kavita", "Shreya", "Ritu", "Swati", "Nisha", "Divya", "Sneha",
                    "Megha", "Preeti=Priti", "Komal", "Jyoti", "Ankita", "Shweta", "Aarti=Arti", "Rekha", "Sapna", "Payal", "Deepika",
                    "Kiran", "Anita", "Seema=Sima", "Madhuri", "Sonal", "Richa", "Tanvi", "Isha", "Riya=Ria", "Khushboo=Khushbu",
                    "Vandana", "Archana", "Manisha", "Nidhi", "Rashmi", "Shalini", "Pallavi"),
                Family = P(
                    "Sharma|#12", "Kumar|#14", "Singh|#10", "Verma|#6", "Gupta|#7", "Agarwal=Aggarwal,Agrawal|#5", "Jain|#4",
                    "Mishra|#5", "Yadav|#5", "Patel|#8", "Shah|#5", "Mehta|#4", "Chauhan|#3", "Saxena|#2", "Tiwari=Tiwary|#3",
                    "Pandey=Pande|#4", "Joshi|#4", "Srivastava=Shrivastava|#3", "Thakur|#2", "Malhotra|#2", "Kapoor=Kapur|#2",
                    "Bhatia|#2", "Chopra|#2", "Desai|#3", "Patil|#4", "Kulkarni|#3", "Deshpande|#2", "Jadhav|#2", "Pawar|#2", "Nair|#3",
                    "Menon|#2", "Chaudhary=Choudhary,Chaudhari,Chowdhury|#4", "Rathore=Rathod|#2", "Dubey=Dube|#2", "Trivedi|#2",
                    "Bhatt=Bhat|#2"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Punjabi,
                Male = P(
                    "Gurpreet", "Harpreet", "Manpreet", "Jaspreet", "Amandeep|~Aman", "Harjit=Harjeet", "Sukhwinder|~Sukhi", "Gurdeep",
                    "Jasbir", "Ranjit=Ranjeet", "Balwinder|~Bally", "Navjot", "Kuldeep", "Inderjit=Inderjeet|~Inder"),
                Female = P(
                    "Harpreet", "Simran", "Manpreet", "Jasleen", "Navneet", "Gurleen", "Rupinder", "Amrit", "Kirandeep|~Kiran",
                    "Parminder|~Pammi"),

                // The clan names; Singh and Kaur are added by the person builder.
                Family = P(
                    "Dhillon|#3", "Sandhu|#3", "Gill|#3", "Sidhu|#3", "Grewal|#2", "Bajwa|#2", "Brar|#2", "Randhawa|#2", "Sekhon|#1",
                    "Virk|#1"),
                ChangesNameOnMarriage = false,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.IndianMuslim,
                Male = P(
                    "Mohammed=Mohammad,Mohd,Md,Muhammad", "Imran", "Irfan", "Salman", "Faisal", "Arif", "Sameer=Samir", "Farhan",
                    "Asif", "Javed=Javeed", "Rizwan", "Tariq=Tarik", "Shahid", "Nadeem=Nadim"),
                Female = P(
                    "Ayesha=Aisha,Aysha", "Sana", "Zoya", "Nazia", "Shabana", "Farah", "Heena=Hina", "Rukhsar", "Nausheen=Nosheen",
                    "Yasmin=Yasmeen", "Rubina"),
                Family = P(
                    "Khan|#8", "Shaikh=Sheikh|#5", "Ansari|#3", "Qureshi=Kureshi,Quraishi|#3", "Siddiqui=Siddiqi|#3",
                    "Syed=Sayed,Saiyed|#3", "Pathan|#2", "Mirza|#2", "Hussain=Husain|#2"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Tamil,
                Male = P(
                    "Karthik=Karthick,Kartik", "Senthil", "Arun", "Vignesh=Vighnesh", "Saravanan", "Murugan", "Ganesh", "Ramesh", "Anand",
                    "Balasubramanian|~Bala,Balu", "Subramanian=Subramaniam|~Subbu,Mani", "Prakash", "Dinesh", "Manikandan=Manikantan|~Mani",
                    "Rajkumar|~Raj", "Sathish=Satish", "Vijay", "Venkatesan|~Venky", "Krishnan|~Kris", "Sundar", "Aravind=Arvind", "Hari",
                    "Gokul", "Prabhu", "Selvam", "Muthu", "Kumaran", "Ashwin", "Siva=Shiva", "Raghav"),
                Female = P(
                    "Lakshmi=Laxmi", "Priya", "Divya", "Meena", "Kavitha=Kavita", "Deepa", "Revathi=Revathy", "Sangeetha=Sangita",
                    "Gayathri=Gayatri", "Anitha=Anita", "Vidya", "Radha", "Saranya", "Nithya=Nitya", "Janani", "Keerthana=Keertana",
                    "Ramya", "Sowmya=Soumya", "Aishwarya|~Aish", "Bhuvana", "Malathi", "Uma", "Vijayalakshmi|~Viji"),
                Family = P(
                    "Iyer|#4", "Iyengar|#2", "Pillai=Pillay|#3", "Krishnan|#3", "Subramanian=Subramaniam|#4", "Raman|#2", "Venkatesan|#2",
                    "Natarajan|#3", "Rajan|#2", "Murugan|#2", "Nadar|#2", "Sundaram|#2", "Ramasamy=Ramaswamy|#3", "Kannan|#2",
                    "Arumugam|#2", "Shanmugam|#2", "Selvaraj|#2", "Rajendran|#2", "Gopal|#1"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Telugu,
                Male = P(
                    "Srinivas=Shrinivas,Sreenivas|~Srini,Seenu", "Venkatesh|~Venky", "Naveen", "Kiran", "Ravi", "Harsha", "Krishna",
                    "Ramesh", "Suresh", "Mahesh", "Prasad", "Chaitanya|~Chaitu", "Raghu", "Sandeep", "Praveen", "Anil", "Vamsi=Vamshi",
                    "Phani", "Sudheer=Sudhir", "Satya", "Rajesh", "Kalyan", "Madhu"),
                Female = P(
                    "Lakshmi", "Sravani=Shravani", "Padma", "Swathi=Swati", "Sirisha=Shirisha", "Bhavani", "Haritha", "Madhavi", "Sravya",
                    "Keerthi", "Divya", "Anusha", "Sindhu", "Pavani", "Mounika", "Sowjanya", "Lavanya", "Harika", "Deepthi=Deepti"),

                // Given-name prefixes (Venkata Sai Krishna) use the middle pools.
                MiddleMale = P("Venkata", "Sai", "Naga", "Sri", "Surya", "Siva"),
                MiddleFemale = P("Sai", "Naga", "Sri", "Lakshmi", "Venkata"),
                Family = P(
                    "Reddy|#10", "Rao|#10", "Naidu|#5", "Chowdary=Chowdhary,Choudary|#4", "Varma|#3", "Raju|#4", "Kumar|#3",
                    "Gundlapalli|#1", "Kondapalli|#1", "Yerramsetti|#1", "Pothuri|#1", "Bommisetty|#1", "Nallamothu|#1", "Vemuri|#1",
                    "Gadde|#1", "Kota|#1", "Talluri|#1", "Mandava|#1", "Challa|#1", "Ravipati|#1", "Penmetsa|#1"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Bengali,
                Male = P(
                    "Sourav=Saurav,Sourabh", "Arindam", "Debashish=Debasish", "Subhajit=Shubhajit", "Tanmoy=Tanmay", "Partha", "Sudipta",
                    "Abhijit=Avijit", "Sanjib=Sanjeev", "Joydeep=Jaydeep", "Suman", "Anirban", "Arnab", "Rajdeep", "Indranil",
                    "Soumya=Saumya", "Subrata", "Biswajit", "Pritam", "Sayan", "Koushik=Kaushik", "Amitava=Amitabha"),
                Female = P(
                    "Riya", "Ananya", "Moumita", "Rituparna", "Shreya", "Payel", "Sudeshna", "Tanushree=Tanusri", "Debjani", "Madhumita",
                    "Priyanka", "Sharmistha=Sharmishtha", "Arpita", "Sohini", "Mousumi=Moushumi", "Rupa", "Swagata", "Ishita",
                    "Paromita=Paramita"),
                Family = P(
                    "Banerjee=Bandyopadhyay,Banerji|#6", "Chatterjee=Chattopadhyay,Chatterji|#5", "Mukherjee=Mukhopadhyay,Mukherji|#5",
                    "Ganguly=Gangopadhyay,Ganguli|#3", "Bose=Basu|#5", "Ghosh|#7", "Das|#9", "Sen|#5", "Dutta=Datta|#5", "Roy=Ray|#7",
                    "Chakraborty=Chakravarty,Chakrabarti,Chakraborti|#5", "Sarkar=Sircar|#4", "Majumdar=Mazumdar,Majumder|#3",
                    "Saha|#4", "Mondal=Mandal|#4", "Bhattacharya=Bhattacharjee,Bhattacharyya|#4", "Pal=Paul|#3", "Biswas|#4",
                    "Dey=De|#3", "Halder=Haldar|#2", "Sengupta=Sen Gupta|#2", "Dasgupta=Das Gupta|#2"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Chinese,
                Male = P(
                    "Wei|@伟", "Lei|@磊", "Jun|@军", "Hao|@浩", "Qiang|@强", "Yong|@勇", "Jie|@杰", "Tao|@涛", "Ming|@明", "Gang|@刚",
                    "Peng|@鹏", "Bin|@斌", "Chao|@超", "Hui|@辉", "Xin|@鑫", "Yu|@宇", "Jian|@健", "Long|@龙", "Fei|@飞", "Kai|@凯",
                    "Xiao'ming|@晓明", "Zhi'wei|@志伟", "Jian'guo|@建国", "Hao'ran|@浩然", "Yu'xuan|@宇轩", "Yi'fan|@一帆", "Zi'hao|@子豪",
                    "Jun'jie|@俊杰", "Jian'hua|@建华", "Wei'dong|@卫东", "Zhi'qiang|@志强", "Hai'tao|@海涛", "Xiao'long|@小龙",
                    "Guo'wei|@国伟", "Jian'jun|@建军"),
                Female = P(
                    "Fang|@芳", "Jing|@静", "Yan|@艳", "Min|@敏", "Li|@丽", "Na|@娜", "Juan|@娟", "Xia|@霞", "Ying|@颖", "Hong|@红",
                    "Lin|@琳", "Mei|@梅", "Ting|@婷", "Xue|@雪", "Qian|@倩", "Xiu'ying|@秀英", "Li'na|@丽娜", "Zi'yi|@子怡",
                    "Zi'han|@子涵", "Yu'ting|@雨婷", "Xin'yi|@欣怡", "Jia'yi|@佳怡", "Shuang|@爽", "Li'li|@丽丽", "Hui|@慧",
                    "Xiao'yan|@晓燕", "Jing'jing|@晶晶", "Wen'jing|@文静"),
                Family = P(
                    "Wang|@王|#72", "Li|@李|#72", "Zhang|@张|#69", "Liu|@刘|#55", "Chen|@陈|#47", "Yang|@杨|#32", "Huang|@黄|#25",
                    "Zhao|@赵|#22", "Wu|@吴|#21", "Zhou|@周|#20", "Xu|@徐|#17", "Sun|@孙|#15", "Ma|@马|#14", "Zhu|@朱|#14", "Hu|@胡|#13",
                    "Guo|@郭|#12", "He|@何|#12", "Lin|@林|#11", "Gao|@高|#11", "Luo|@罗|#11", "Zheng|@郑|#10", "Liang|@梁|#9",
                    "Xie|@谢|#8", "Song|@宋|#7", "Tang|@唐|#7", "Han|@韩|#7", "Feng|@冯|#6", "Deng|@邓|#6", "Cao|@曹|#6",
                    "Peng|@彭|#6", "Zeng|@曾|#6", "Xiao|@肖|#6", "Tian|@田|#5", "Dong|@董|#5", "Pan|@潘|#5", "Yuan|@袁|#5",
                    "Cai|@蔡|#5", "Jiang|@蒋|#5", "Yu|@余|#5", "Du|@杜|#4", "Ye|@叶|#4", "Cheng|@程|#4", "Wei|@魏|#4", "Su|@苏|#4",
                    "Lü=Lv,Lu,Lyu|@吕|#4", "Ding|@丁|#4"),
                WesternMale = P(
                    "Kevin", "Jason", "Tony", "Eric", "Jack", "Frank", "Leo", "Michael", "David", "Vincent", "Alan", "Peter", "Steven",
                    "Andy", "Ken"),
                WesternFemale = P(
                    "Cindy", "Grace", "Vivian", "Alice", "Lily", "Amy", "Sherry", "Cherry", "Jenny", "Irene", "Tiffany", "Joyce", "Sophia",
                    "Helen", "Coco"),
                SwapRate = 0.10,
                NativeRate = 0.04,
                WesternRate = 0.22,
                FamilyFirst = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.SeaChinese,
                Male = P(
                    "Wei Ming", "Jun Jie", "Kok Wai", "Chee Keong", "Boon Huat", "Kah Wai", "Yong Sheng", "Zhi Hao", "Kai Xiang",
                    "Wen Jie", "Chin Hock", "Teck Seng", "Eng Kiat", "Choon Hong", "Kian Meng"),
                Female = P(
                    "Siew Ling", "Mei Ling", "Hui Min", "Li Ting", "Xin Yi", "Jia Hui", "Swee Lan", "Pei Shan", "Shu Fen", "Bee Lian",
                    "Ai Ling", "Wan Ting", "Sok Hoon", "Yee Mun"),
                Family = P(
                    "Tan|#20", "Lim|#15", "Lee|#12", "Ng|#8", "Ong|#6", "Wong|#8", "Goh|#5", "Chua|#5", "Chan|#6", "Koh|#5", "Teo|#5",
                    "Ang|#4", "Yeo|#4", "Tay|#4", "Ho|#4", "Low|#3", "Toh|#3", "Sim|#3", "Chong|#4", "Chia|#3", "Leong|#3", "Foo|#2",
                    "Yap|#3", "Loh|#2", "Cheah|#2", "Khoo|#2", "Tee|#2", "Liew|#2", "Lau|#3"),
                WesternMale = P(
                    "Jonathan|~Jon", "Daniel", "Marcus", "Benjamin|~Ben", "Alvin", "Melvin", "Kelvin", "Desmond", "Terence", "Gabriel",
                    "Bryan", "Jeremy", "Eugene", "Raymond|~Ray"),
                WesternFemale = P(
                    "Michelle", "Jasmine", "Rachel", "Cheryl", "Shirley", "Audrey", "Evelyn", "Germaine", "Joanne", "Felicia", "Serene",
                    "Valerie", "Charmaine"),
                SwapRate = 0.12,
                WesternRate = 0.55,
                FamilyFirst = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Japanese,
                Male = P(
                    "Hiroshi|@浩", "Takashi|@隆", "Kenji|@健二", "Naoki|@直樹", "Haruto|@陽翔", "Daisuke|@大輔", "Satoshi|@聡",
                    "Shota=Shōta,Shouta|@翔太", "Ryota=Ryōta,Ryouta|@亮太", "Kazuki|@一樹", "Makoto|@誠", "Takuya|@拓也",
                    "Yusuke=Yūsuke,Yuusuke|@祐介", "Kenta|@健太", "Tatsuya|@達也", "Masahiro|@正博", "Akira|@明", "Koji=Kōji,Kouji|@浩二",
                    "Shinji|@真司", "Tomohiro|@智博", "Hideki|@秀樹", "Yoshiaki|@良明", "Takeshi|@武", "Yuta=Yūta,Yuuta|@勇太",
                    "Jun|@純", "Ryo=Ryō,Ryou|@涼"),
                Female = P(
                    "Yuki|@由紀", "Akiko|@明子", "Yui|@結衣", "Keiko|@恵子", "Tomoko|@智子", "Yuko=Yūko,Yuuko|@裕子", "Naoko|@直子",
                    "Ayumi|@歩", "Mai|@舞", "Misaki|@美咲", "Haruka|@遥", "Sakura|@さくら", "Emi|@恵美", "Kumiko|@久美子",
                    "Mayumi|@真由美", "Noriko|@典子", "Megumi|@恵", "Rie|@理恵", "Aya|@彩", "Kana|@佳奈", "Yoko=Yōko,Youko|@洋子",
                    "Junko|@順子", "Chihiro|@千尋", "Saori|@沙織", "Asuka|@明日香"),
                Family = P(
                    "Sato=Satō,Satou,Satoh|@佐藤|#19", "Suzuki|@鈴木|#18", "Takahashi|@高橋|#14", "Tanaka|@田中|#13",
                    "Watanabe|@渡辺|#11", "Ito=Itō,Itou,Itoh|@伊藤|#11", "Yamamoto|@山本|#11", "Nakamura|@中村|#11",
                    "Kobayashi|@小林|#10", "Kato=Katō,Katou,Katoh|@加藤|#9", "Yoshida|@吉田|#8", "Yamada|@山田|#8", "Sasaki|@佐々木|#7",
                    "Yamaguchi|@山口|#6", "Matsumoto|@松本|#6", "Inoue|@井上|#6", "Kimura|@木村|#6", "Hayashi|@林|#5",
                    "Saito=Saitō,Saitou,Saitoh|@斎藤|#5", "Shimizu|@清水|#5", "Yamazaki|@山崎|#4", "Mori|@森|#4", "Abe|@阿部|#4",
                    "Ikeda|@池田|#4", "Hashimoto|@橋本|#4", "Ishikawa|@石川|#4", "Ogawa|@小川|#4", "Goto=Gotō,Gotou,Gotoh|@後藤|#3",
                    "Okada|@岡田|#3", "Hasegawa|@長谷川|#3", "Fujita|@藤田|#3", "Kondo=Kondō,Kondou,Kondoh|@近藤|#3",
                    "Ohno=Ōno,Oono,Ono|@大野|#2"),
                SwapRate = 0.15,
                NativeRate = 0.06,
                ChangesNameOnMarriage = true,
                FamilyFirst = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Korean,
                Male = P(
                    "Min'jun|@민준", "Ji'hoon=Ji'hun|@지훈", "Hyun'woo=Hyeon'u|@현우", "Dong'hyun|@동현", "Sung'min=Seong'min|@성민",
                    "Jae'won|@재원", "Seung'ho|@승호", "Jun'ho=Joon'ho|@준호", "Young'soo=Yeong'su|@영수", "Sang'woo|@상우",
                    "Jin'woo|@진우", "Tae'yang|@태양", "Kyung'ho=Kyeong'ho|@경호", "Jong'hyun|@종현", "Woo'jin|@우진", "Ho'jin|@호진",
                    "Seo'jun|@서준", "Do'yoon|@도윤", "Joon'young|@준영", "Byung'chul=Byeong'cheol|@병철"),
                Female = P(
                    "Seo'yeon|@서연", "Soo'jin=Su'jin|@수진", "Ji'woo|@지우", "Eun'ji|@은지", "Ye'jin|@예진", "Hye'jin|@혜진",
                    "Min'ji|@민지", "Ji'yeon|@지연", "Yu'na|@유나", "Ha'eun|@하은", "Seo'yun|@서윤", "Ji'min|@지민", "Su'bin|@수빈",
                    "Hyun'jung|@현정", "Mi'kyung=Mi'kyeong|@미경", "Eun'young|@은영", "Jung'eun|@정은", "So'young|@소영",
                    "Na'young|@나영", "Da'eun|@다은"),
                Family = P(
                    "Kim|@김|#42", "Lee=Yi,Rhee,Rhie|@이|#30", "Park=Pak,Bak|@박|#17", "Choi=Choe|@최|#9", "Jung=Jeong,Chung|@정|#9",
                    "Kang=Gang|@강|#4", "Cho=Jo|@조|#4", "Yoon=Yun|@윤|#4", "Jang=Chang|@장|#4", "Lim=Im,Rim|@임|#3", "Han|@한|#3",
                    "Shin=Sin|@신|#3", "Oh|@오|#3", "Seo=Suh|@서|#3", "Kwon=Gwon|@권|#2", "Hwang|@황|#2", "Ahn=An|@안|#2",
                    "Song|@송|#2", "Jeon=Jun,Chun|@전|#2", "Hong|@홍|#2", "Yoo=Yu,Ryu|@유|#2", "Ko=Go,Koh|@고|#2", "Moon=Mun|@문|#1",
                    "Yang|@양|#1", "Son=Sohn|@손|#1", "Bae|@배|#1", "Baek=Paik|@백|#1", "Heo=Huh|@허|#1", "Nam|@남|#1",
                    "Noh=Roh|@노|#1"),
                WesternMale = P("David", "Daniel", "John", "James", "Sam", "Chris", "Andrew", "Paul", "Brian", "Justin"),
                WesternFemale = P("Grace", "Jenny", "Sarah", "Julie", "Christine", "Esther", "Sophia", "Hannah", "Jessica", "Stella"),
                SwapRate = 0.10,
                NativeRate = 0.03,
                WesternRate = 0.20,
                FamilyFirst = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Vietnamese,
                Male = P(
                    "Minh", "Hùng", "Tuấn", "Dũng", "Hải", "Quang", "Anh", "Nam", "Long", "Sơn", "Phong", "Thắng", "Trung", "Hiếu",
                    "Khoa", "Huy", "Đạt", "Bảo", "Cường", "Tùng", "Việt", "Thành", "Hoàng", "Lâm", "Tâm"),
                Female = P(
                    "Lan", "Hương", "Thảo", "Linh", "Trang", "Phương", "Hà", "Ngọc", "Mai", "Hoa", "Nhung", "Yến", "Thủy", "Huyền", "Vy",
                    "Anh", "Nga", "Hạnh", "Loan", "Chi", "Tuyết", "Oanh", "Quỳnh", "Trâm"),
                MiddleMale = P("Văn|#6", "Đức|#2", "Minh|#2", "Quốc|#2", "Hữu|#2", "Thanh|#1", "Công|#1"),
                MiddleFemale = P("Thị|#6", "Ngọc|#2", "Thu|#2", "Thanh|#1", "Kim|#1", "Bích|#1", "Phương|#1", "Hồng|#1"),
                Family = P(
                    "Nguyễn|#38", "Trần|#11", "Lê|#9", "Phạm|#7", "Hoàng|#5", "Huỳnh|#5", "Phan|#4", "Vũ|#4", "Võ|#3", "Đặng|#2",
                    "Bùi|#2", "Đỗ|#2", "Hồ|#2", "Ngô|#2", "Dương|#1", "Lý|#1", "Trương|#1", "Đinh|#1", "Lâm|#1", "Mai|#1"),
                WesternMale = P("Tony", "Kevin", "Peter", "Danny", "Vincent", "Henry"),
                WesternFemale = P("Jenny", "Linda", "Vivian", "Tina", "Julie", "Helen"),
                SwapRate = 0.12,
                WesternRate = 0.08,
                FamilyFirst = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Arab,
                Male = P(
                    "Mohammed=Muhammad,Mohamed,Mohammad,Mohamad,Muhammed|@محمد|#8", "Ahmed=Ahmad|@أحمد|#4",
                    "Abdullah=Abdallah,Abdulla|@عبدالله|#3", "Abdulrahman=Abdul Rahman,Abdelrahman,Abdurrahman|@عبدالرحمن|#2",
                    "Abdulaziz=Abdul Aziz,Abdelaziz|@عبدالعزيز|#2", "Khalid=Khaled|@خالد|#3", "Omar=Umar|@عمر|#3", "Ali|@علي|#3",
                    "Hassan=Hasan|@حسن|#2", "Hussein=Hussain,Husain|@حسين|#2", "Youssef=Yousef,Yusuf,Yousif|@يوسف|#2",
                    "Ibrahim=Ebrahim|@إبراهيم|#2", "Faisal=Faysal,Feisal|@فيصل|#2", "Sultan|@سلطان", "Saeed=Said|@سعيد",
                    "Salem=Salim|@سالم", "Majid=Majed|@ماجد", "Rashid=Rashed|@راشد", "Nasser=Naser,Nasir|@ناصر", "Tariq=Tareq,Tarek|@طارق",
                    "Hamad|@حمد", "Mansour=Mansoor|@منصور", "Fahad=Fahd|@فهد", "Saud|@سعود", "Turki|@تركي", "Bandar|@بندر",
                    "Zayed=Zaid|@زايد", "Waleed=Walid|@وليد"),
                Female = P(
                    "Fatima=Fatimah|@فاطمة|#3", "Aisha=Aysha,Ayesha|@عائشة|#2", "Mariam=Maryam|@مريم|#3", "Noura=Nora,Nourah|@نورة|#2",
                    "Layla=Laila,Leila|@ليلى", "Reem=Rim|@ريم", "Sara=Sarah|@سارة|#2", "Hessa=Hissa|@حصة", "Amal|@أمل",
                    "Huda=Hoda|@هدى", "Latifa=Latifah|@لطيفة", "Shamma|@شما", "Maha|@مها", "Dana|@دانة", "Lulwa=Lulwah|@لولوة",
                    "Jawaher|@جواهر", "Nada|@ندى", "Rana|@رنا", "Salma|@سلمى", "Hind|@هند"),
                Family = P(
                    "+Qahtani|@القحطاني|#5", "+Otaibi=Otaiby|@العتيبي|#5", "+Ghamdi|@الغامدي|#4", "+Harbi|@الحربي|#4",
                    "+Zahrani|@الزهراني|#4", "+Dosari=Dossary,Dawsari|@الدوسري|#3", "+Shehri=Shahri|@الشهري|#3",
                    "+Mutairi|@المطيري|#3", "+Mansouri=Mansoori|@المنصوري|#3", "+Shamsi|@الشامسي|#3", "+Ketbi=Kitbi|@الكتبي|#2",
                    "+Hashimi=Hashemi|@الهاشمي|#3", "+Suwaidi=Suwaidy|@السويدي|#2", "+Nuaimi=Naimi|@النعيمي|#2",
                    "+Mazrouei=Mazrouie|@المزروعي|#2", "+Falasi=Falasy|@الفلاسي|#2", "+Marri|@المري|#2", "+Rashid=Rashed|@الراشد|#2",
                    "Khan|@خان|#4", "Haddad|@حداد|#2", "Saleh=Salih|@صالح|#2", "Hamdan|@حمدان|#1", "Abdullah|@عبدالله|#3",
                    "Ali|@علي|#3", "Hassan|@حسن|#2", "Ibrahim|@إبراهيم|#2", "Mahmoud=Mahmud|@محمود|#2",
                    "El-Sayed=Elsayed,El Sayed|@السيد|#2", "Abdel-Aziz=Abdelaziz|@عبدالعزيز|#1"),
                NativeRate = 0.02,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Turkish,
                Male = P(
                    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "Emre", "Burak", "Murat", "Gökhan", "Çağlar",
                    "Serkan", "Oğuz", "Uğur", "Yusuf", "Ömer", "Kemal", "Volkan", "Onur", "Barış", "Cem", "Can", "Tolga", "Erkan",
                    "Fatih", "Hakan", "Kaan", "Selim", "Batuhan", "Alper"),
                Female = P(
                    "Zeynep", "Elif", "Ayşe", "Fatma", "Emine", "Özge", "Selin", "Ebru", "Deniz", "Merve", "Büşra", "Esra", "Gizem",
                    "Tuğba", "Derya", "Seda", "Pınar", "Burcu", "Aslı", "Gül", "Hatice", "Sevgi", "Canan", "Dilek"),

                // Second given names (Ayşe Nur, Mehmet Ali).
                MiddleMale = P("Ali", "Can", "Emre", "Kerem"),
                MiddleFemale = P("Nur", "Gül", "Su", "Naz"),
                Family = P(
                    "Yılmaz|#10", "Kaya|#8", "Demir|#8", "Şahin|#7", "Çelik|#7", "Yıldız|#6", "Yıldırım|#6", "Öztürk|#6", "Aydın|#6",
                    "Özdemir|#5", "Arslan|#5", "Doğan|#5", "Kılıç|#4", "Aslan|#4", "Çetin|#4", "Kara|#4", "Koç|#4", "Kurt|#4",
                    "Özkan|#3", "Şimşek|#3", "Polat|#3", "Korkmaz|#3", "Karaca|#2", "Erdoğan|#2", "Güneş|#2", "Aktaş|#2", "Bulut|#2",
                    "Keskin|#2", "Ünal|#2", "Güler|#2"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Yoruba,
                Male = P(
                    "Oluwaseun|~Seun", "Olumide|~Mide", "Adewale|~Wale", "Oluwafemi|~Femi", "Babatunde|~Tunde", "Ayodele|~Ayo",
                    "Olusegun|~Segun", "Adebayo|~Bayo", "Oluwatobi|~Tobi", "Damilola|~Dami", "Kayode", "Oluwagbenga|~Gbenga",
                    "Abiodun|~Abi", "Temitope|~Tope", "Olawale|~Wale", "Kehinde|~Kenny", "Taiwo", "Rotimi", "Opeyemi|~Ope"),
                Female = P(
                    "Folake", "Funmilayo|~Funmi", "Olufunke|~Funke", "Temitope|~Tope", "Omolara|~Lara", "Adebola|~Bola", "Yetunde",
                    "Oluwakemi|~Kemi", "Bukola|~Bukky", "Titilayo|~Titi", "Abimbola|~Bimbo", "Modupe|~Dupe", "Adenike|~Nike",
                    "Oluwatoyin|~Toyin", "Ronke", "Damilola|~Dami"),
                Family = P(
                    "Adeyemi|#4", "Adebayo|#4", "Ogunleye|#2", "Balogun|#3", "Adeleke|#2", "Olawale|#2", "Oyelaran|#1", "Okunola|#1",
                    "Afolabi|#3", "Ojo|#3", "Ogundipe|#2", "Akinwale|#2", "Oladipo|#2", "Adewale|#2", "Bankole|#2", "Adeniyi|#2",
                    "Fashola|#1", "Ayodele|#2", "Olaniyan|#2", "Oyewole|#2"),
                SwapRate = 0.06,
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Igbo,
                Male = P(
                    "Chinedu|~Nedu", "Chukwuemeka|~Emeka", "Obinna", "Ifeanyi|~Ify", "Nnamdi", "Uchenna|~Uche", "Chidi",
                    "Ikechukwu|~Ike", "Chijioke|~CJ", "Kelechi", "Tochukwu|~Tochi", "Ebuka", "Onyekachi|~Kachi", "Chibuzor|~Buzor",
                    "Nonso", "Chukwudi|~Chudi", "Emmanuel|~Emma", "Chinonso"),
                Female = P(
                    "Ngozi", "Chiamaka|~Amaka", "Adaeze|~Ada", "Chioma", "Nneka", "Ifeoma|~Ify", "Obiageli|~Oby", "Uchechi|~Uche",
                    "Chinwe", "Amarachi|~Amara", "Nkechi", "Chinyere", "Ogechi|~Oge", "Ebere", "Onyinye|~Onyi", "Blessing", "Precious"),
                Family = P(
                    "Okafor|#5", "Okonkwo|#4", "Eze|#5", "Nwosu|#3", "Okoro|#3", "Obi|#3", "Nwachukwu|#3", "Okeke|#4", "Onyeka|#2",
                    "Uzor|#2", "Chukwu|#3", "Nwankwo|#3", "Ibe|#2", "Anyanwu|#2", "Okoye|#3", "Ugwu|#3", "Nnadi|#2", "Obiora|#2",
                    "Onuoha|#2", "Agu|#2"),
                SwapRate = 0.06,
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Hausa,
                Male = P(
                    "Abubakar=Aboubakar,Abubakr|~Abu", "Aminu", "Musa", "Ibrahim", "Usman=Uthman,Othman", "Sani", "Bello", "Garba",
                    "Yusuf=Yusuff", "Muhammad=Mohammed,Muhammed,Mohammad|#3", "Suleiman=Sulaiman,Suleman", "Abdullahi", "Haruna",
                    "Lawal", "Nasiru=Nasir", "Idris", "Kabiru=Kabir", "Shehu", "Auwal"),
                Female = P(
                    "Fatima=Fatimah", "Aisha=Aishat,Aishatu", "Hauwa", "Zainab=Zaynab", "Amina=Aminat,Aminatu", "Hadiza", "Maryam=Mariam",
                    "Halima=Halimat", "Rukayya=Ruqayya,Rukaiya", "Hafsat=Hafsa", "Bilkisu=Bilqis", "Safiya=Safiyya", "Khadija=Khadijat"),
                Family = P(
                    "Abubakar|#3", "Bello|#4", "Ibrahim|#4", "Mohammed=Muhammad|#4", "Musa|#3", "Usman|#3", "Aliyu|#3", "Sani|#2",
                    "Yusuf|#3", "Garba|#2", "Lawal|#3", "Suleiman|#2", "Abdullahi|#3", "Danjuma|#1", "Shehu|#2", "Umar|#2", "Adamu|#2",
                    "Idris|#2", "Haruna|#2", "Yakubu|#2"),
                SwapRate = 0.06,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Kenyan,
                Male = P(
                    "Brian", "Kevin", "Dennis", "Collins", "Joseph|~Joe", "Peter", "John", "David", "Samuel|~Sam", "Daniel|~Dan", "James",
                    "Paul", "Stephen", "Victor", "Felix", "Moses", "Eric", "Martin", "George", "Isaac"),
                Female = P(
                    "Faith", "Mercy", "Purity", "Caroline|~Carol", "Grace", "Esther", "Mary", "Jane", "Lucy", "Ann=Anne", "Catherine|~Cate",
                    "Joyce", "Winnie", "Sharon", "Diana", "Beatrice", "Irene", "Susan|~Sue", "Nancy", "Eunice"),

                // Birth names, used as a middle name and often as the surname on forms.
                MiddleMale = P(
                    "Otieno", "Ochieng", "Odhiambo", "Onyango", "Omondi", "Kamau", "Mwangi", "Njoroge", "Kariuki", "Kimani", "Kiprono",
                    "Kipchoge", "Kiprop", "Kiptoo", "Cheruiyot", "Wafula", "Wekesa", "Mutua", "Mutiso", "Musyoka"),
                MiddleFemale = P(
                    "Achieng", "Atieno", "Adhiambo", "Akinyi", "Awino", "Wanjiru", "Wanjiku", "Wambui", "Njeri", "Nyambura", "Wairimu",
                    "Chebet", "Jepkosgei", "Jeptoo", "Chepkoech", "Nafula", "Nasimiyu", "Mwende", "Ndinda", "Mumbua"),
                Family = P(
                    "Otieno|#4", "Ochieng|#3", "Odhiambo|#3", "Onyango|#3", "Omondi|#3", "Owino|#2", "Kamau|#4", "Mwangi|#4",
                    "Njoroge|#3", "Kariuki|#3", "Kimani|#3", "Maina|#3", "Githinji|#2", "Kiprono|#2", "Kiprop|#2", "Kiptoo|#2",
                    "Rotich|#2", "Koech|#2", "Wafula|#2", "Wekesa|#2", "Mutua|#3", "Mutiso|#2", "Musyoka|#2", "Kilonzo|#1",
                    "Ndirangu|#1", "Macharia|#2", "Chege|#2", "Gitau|#2"),
                SwapRate = 0.08,
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Nguni,
                Male = P(
                    "Sipho", "Thabo", "Bongani", "Themba", "Sibusiso|~Sbu", "Mandla", "Sizwe", "Tshepo", "Kagiso", "Lwazi",
                    "Siyabonga|~Siya", "Mpho", "Lebogang|~Lebo", "Vusumuzi|~Vusi", "Nkosinathi|~Nathi", "Lungile", "Katlego", "Andile",
                    "Xolani"),
                Female = P(
                    "Nomvula", "Lerato", "Thandiwe|~Thandi", "Nokuthula|~Thuli", "Lindiwe|~Lindi", "Zanele", "Palesa",
                    "Nthabiseng|~Nthabi", "Refilwe", "Boitumelo|~Tumi", "Ayanda", "Zodwa", "Nompumelelo|~Mpumi", "Thembeka",
                    "Busisiwe|~Busi", "Khanyisile|~Khanyi", "Dineo", "Naledi", "Kgomotso"),
                Family = P(
                    "Dlamini|#6", "Nkosi|#4", "Ndlovu|#4", "Khumalo|#4", "Mokoena|#4", "Mahlangu|#3", "Zulu|#3", "Mthembu|#3",
                    "Ngcobo|#3", "Sithole|#3", "Molefe|#3", "Mabaso|#2", "Nxumalo|#2", "Cele|#2", "Shabalala|#2", "Tshabalala|#2",
                    "Mkhize|#3", "Buthelezi|#2", "Radebe|#2", "Maseko|#2", "Mofokeng|#2", "Nhlapo|#1", "Masilela|#1", "Baloyi|#2",
                    "Hlongwane|#1"),
                WesternMale = P("Lucky", "Gift", "Blessing", "Innocent", "Given", "Patrick", "Sam"),
                WesternFemale = P("Precious", "Patience", "Beauty", "Happiness", "Prudence", "Queen"),
                WesternRate = 0.25,
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Afrikaner,
                Male = P(
                    "Johannes|~Johan,Hannes", "Pieter|~Piet", "Willem|~Willie", "Jacobus|~Jaco,Kobus", "Hendrik|~Henk", "Gerhard",
                    "Riaan", "Francois", "Stefan", "Andries", "Christiaan|~Christo", "Jan", "Dawid", "Marius", "Ruan", "Wikus",
                    "Michael|~Mike", "Craig", "Gareth", "Bradley|~Brad", "Warren", "Grant", "Dean"),
                Female = P(
                    "Annelie", "Marietjie", "Elna", "Anri", "Liezl", "Charlene", "Elmarie", "Riana", "Susanna|~Sanna,Suzanne",
                    "Maria|~Marie,Ria", "Johanna|~Hanna", "Karin", "Mariska", "Carla", "Nadia", "Michelle", "Nicole", "Tarryn",
                    "Bronwyn", "Kerry"),
                Family = P(
                    "van der Merwe=Van der Merwe,Van Der Merwe,vd Merwe,Vandermerwe|#6", "Botha|#5", "Pretorius|#4",
                    "du Plessis=Du Plessis,duPlessis,Duplessis|#4", "Nel|#4", "van Wyk=Van Wyk,VanWyk|#4", "Venter|#3", "Steyn|#3",
                    "Coetzee|#3", "Smit|#3", "Fourie|#3", "Jacobs|#3", "Meyer|#2", "Kruger|#3", "le Roux=Le Roux,LeRoux,Leroux|#3",
                    "Swanepoel|#2", "Joubert|#2", "Visser|#2", "de Villiers=De Villiers,DeVilliers|#2", "Müller=Mueller,Muller|#2",
                    "Smith|#3", "Naudé=Naude|#1", "Erasmus|#2", "Olivier|#1"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.SaIndian,
                Male = P(
                    "Kevin", "Pravin=Praveen", "Kreason", "Nishen", "Desigan", "Logan", "Kuben", "Vasanthan|~Vasie", "Sagren", "Ashwin",
                    "Deshen", "Yuvan", "Rajen"),
                Female = P(
                    "Preshnee", "Sharlene", "Thirusha", "Kerusha", "Nirvana", "Shamla", "Kamini", "Verushka", "Trishana", "Sureshnee",
                    "Priyanka", "Nadia"),
                Family = P(
                    "Naidoo|#8", "Pillay|#6", "Govender|#7", "Moodley|#5", "Reddy|#4", "Padayachee|#3", "Chetty|#3", "Naicker|#3",
                    "Maharaj|#3", "Singh|#3", "Ramsamy|#2", "Moonsamy|#2", "Pather|#2", "Perumal|#2"),
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Maori,
                Male = P(
                    "Hēmi=Hemi", "Tama", "Wiremu", "Rāwiri=Rawiri", "Tāne=Tane", "Manaia", "Nikau", "Ihaia", "Hōhepa=Hohepa",
                    "Mātiu=Matiu", "Tamati", "Pita", "Ariki", "Kahu", "Rangi"),
                Female = P(
                    "Aroha", "Mere", "Ngaire", "Hine", "Anahera", "Kiri", "Moana", "Wikitōria=Wikitoria", "Huia", "Mereana", "Marama",
                    "Tui", "Hana", "Kōwhai=Kowhai"),
                Family = P(
                    "Ngata|#2", "Parata|#2", "Te Whata=Tewhata|#1", "Tipene|#2", "Walker|#3", "Tamihana|#2", "Te Rangi=Terangi|#2",
                    "Wihongi|#1", "Paki|#2", "Hēnare=Henare|#2", "Tawhiri|#1", "Pōmare=Pomare|#1", "Horomona|#1", "Karaka|#2",
                    "Kingi|#2", "Tuhiwai|#1", "Herewini|#2", "Tautahi|#1"),
                WesternMale = anglo.Male,
                WesternFemale = anglo.Female,
                WesternRate = 0.40,
                ChangesNameOnMarriage = true,
            },
            new MeridianCultureInfo
            {
                Culture = MeridianCulture.Malay,
                Male = P(
                    "Faizal=Faisal", "Hafiz=Hafeez", "Azman", "Amir", "Firdaus", "Syafiq=Shafiq", "Hakim", "Rizal", "Zulkifli|~Zul",
                    "Khairul", "Ikhwan", "Aiman", "Fadzil=Fadhil", "Nazri", "Shahrul", "Ismail", "Ahmad", "Hisham", "Kamarul", "Azlan",
                    "Iskandar"),
                Female = P(
                    "Aisyah=Aishah,Aisha", "Farah", "Nabila", "Aina", "Syazwani=Shazwani", "Hidayah", "Amira=Amirah", "Nadia",
                    "Izzati", "Balqis", "Hanis", "Atiqah", "Liyana", "Syafiqah", "Zarina", "Rohana", "Salmah=Salma"),

                // Name prefixes: Muhammad for men, Siti and Nur for women.
                MiddleMale = P("Muhammad=Mohd,Mohamad,Muhamad,Md"),
                MiddleFemale = P("Siti", "Nur=Noor", "Nurul"),
                Family = [],
                HouseholdSharesFamilyName = false,
            },
        }.ToDictionary(c => c.Culture);
    }
}
