using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>The Boreal corpus's own random source (a <see cref="Random"/> with the few draws the generator needs).</summary>
internal sealed class BorealDice(int seed)
{
    private readonly Random _random = new(seed);

    public double Unit() => _random.NextDouble();

    public int Next(int max) => _random.Next(max);

    public int Next(int min, int max) => _random.Next(min, max);

    public bool Chance(double p) => _random.NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public long NextLong() => _random.NextInt64();

    public string Digits(int count)
    {
        var chars = new char[count];
        for (var i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + _random.Next(10));
        }

        return new string(chars);
    }

    public int Weighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
        {
            total += w;
        }

        var roll = _random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }
}

/// <summary>A name as people write it: the usual Latin form, other Latin spellings, and the native script.</summary>
/// <param name="Main">The usual form (with its diacritics).</param>
/// <param name="Alternates">Other Latin spellings of the same name (transliterations, accent-less forms people choose).</param>
/// <param name="Native">The name in its own script (Cyrillic, Greek, Arabic), if it has one.</param>
internal sealed record BorealForm(string Main, string[] Alternates, string? Native)
{
    /// <summary>Gets every Latin spelling, the usual one first.</summary>
    public IEnumerable<string> Latin => Alternates.Prepend(Main);
}

/// <summary>A weighted pool of names, parsed from <c>Main/Alt1/Alt2=Native:weight;…</c>.</summary>
internal sealed class BorealPool
{
    private readonly BorealForm[] _forms;
    private readonly double[] _cumulative;

    public BorealPool(string spec)
    {
        var forms = new List<BorealForm>();
        var cumulative = new List<double>();
        var total = 0.0;
        foreach (var raw in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = raw;
            var weight = 1.0;
            var colon = entry.LastIndexOf(':');
            if (colon > 0)
            {
                weight = double.Parse(entry[(colon + 1)..], CultureInfo.InvariantCulture);
                entry = entry[..colon];
            }

            string? native = null;
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                native = entry[(equals + 1)..];
                entry = entry[..equals];
            }

            var latin = entry.Split('/');
            forms.Add(new BorealForm(latin[0], latin[1..], native));
            total += weight;
            cumulative.Add(total);
        }

        _forms = [.. forms];
        _cumulative = [.. cumulative];
    }

    public IReadOnlyList<BorealForm> All => _forms;

    public BorealForm Pick(BorealDice dice)
    {
        var roll = dice.Unit() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, roll);
        index = index < 0 ? ~index : index + 1;
        return _forms[Math.Min(index, _forms.Length - 1)];
    }

    /// <summary>Picks among the most frequent entries (the top <paramref name="top"/>), for namesakes.</summary>
    public BorealForm PickCommon(BorealDice dice, int top)
    {
        var ranked = _forms.Select((f, i) => (f, w: _cumulative[i] - (i == 0 ? 0 : _cumulative[i - 1]))).OrderByDescending(x => x.w).Take(top).ToList();
        return ranked[dice.Weighted([.. ranked.Select(x => x.w)])].f;
    }
}

/// <summary>The naming cultures of the Boreal publisher's customers, with name pools of realistic frequency.</summary>
internal sealed record BorealCulture(string Key, BorealPool Male, BorealPool Female, BorealPool? Family, BorealPool? Middle = null, BorealPool? FemaleMiddle = null)
{
    public static readonly BorealCulture Anglo = new(
        "anglo",
        new("James:33;John:32;Robert:31;Michael:30;William:25;David:27;Richard:15;Joseph:14;Thomas:14;Christopher:12;Charles:10;Daniel:12;Matthew:10;Anthony:8;Mark:9;Paul:8;Steven:7;Andrew:9;Kevin:6;Brian:6;George:5;Edward:4;Ryan:6;Jason:5;Gary:4;Timothy:4;Jack:5;Liam:4;Sean:4;Connor:2;Patrick:4;Peter:5;Oliver:3;Harry:3;Nathan:3;Scott:4;Craig:3;Stuart:2;Aaron:2;Benjamin:3;Alexander:3"),
        new("Mary:20;Patricia:10;Jennifer:15;Linda:8;Elizabeth:12;Barbara:6;Susan:8;Jessica:10;Sarah:14;Karen:7;Lisa:8;Nancy:4;Margaret:5;Emily:8;Michelle:7;Laura:8;Rachel:6;Emma:6;Olivia:4;Sophie:4;Chloe:3;Hannah:4;Amy:5;Rebecca:5;Katherine:5;Claire:4;Nicola:3;Aoife:2;Siobhan:2;Megan:4;Samantha:4;Helen:4;Joanne:3;Kelly:3"),
        new("Smith:100;Johnson:68;Williams:70;Brown:60;Jones:62;Miller:40;Davis:40;Wilson:35;Taylor:38;Anderson:30;Thomas:32;Moore:25;Martin:25;Jackson:25;Thompson:28;White:27;Harris:22;Clark:22;Lewis:22;Robinson:22;Walker:22;Young:18;King:18;Wright:22;Hall:18;Evans:20;Roberts:22;Murphy:20;Kelly:15;O'Brien:12;O'Connor:10;Byrne:8;Ryan:10;Walsh:10;McCarthy:8;MacDonald/McDonald:8;Campbell:12;Stewart:10;Green:15;Baker:15;Hughes:14;Edwards:12;Cooper:10;Turner:10;Phillips:8;Mitchell:10;Morgan:10;Bennett:8;Collins:8;Fitzgerald:5;Kennedy:6;Sullivan:6;Nguyen:4;Patel:5;Singh:3;Khan:3;van der Merwe/Van der Merwe:3;Botha:2"));

    public static readonly BorealCulture Spanish = new(
        "spanish",
        new("José/Jose:30;Juan:25;Carlos:22;Luis:20;Javier:15;Antonio:18;Manuel:15;Francisco:14;Miguel:14;Jorge:14;Alejandro:13;Diego:10;Pablo:9;Andrés/Andres:8;Fernando:10;Ricardo:8;Sergio:8;David:10;Daniel:10;Raúl/Raul:6;Eduardo:7;Roberto:7;Rafael:7;Juan Carlos:10;José Luis/Jose Luis:10;Juan Pablo:5;Santiago:6;Mateo:3;Gustavo:4;Óscar/Oscar:5;Álvaro/Alvaro:5;Iván/Ivan:4;Héctor/Hector:4;Gonzalo:3"),
        new("María/Maria:25;Carmen:10;Ana:14;Laura:12;Lucía/Lucia:9;Marta:7;Elena:7;Isabel:8;Paula:7;Sofía/Sofia:7;Valentina:6;Camila:6;Daniela:8;Gabriela:7;Mariana:6;Verónica/Veronica:5;María José/Maria Jose:7;María Fernanda:5;Patricia:7;Claudia:6;Andrea:8;Natalia:6;Alejandra:6;Lorena:4;Silvia:5;Cristina:6;Beatriz:4;Pilar:3;Rocío/Rocio:3;Ximena:2"),
        new("García:60;Rodríguez:50;González:50;Fernández:40;López:40;Martínez:42;Sánchez:40;Pérez:40;Gómez:30;Martín:20;Jiménez:20;Hernández:32;Díaz:25;Moreno:20;Muñoz:20;Álvarez:20;Romero:18;Ruiz:18;Torres:18;Ramírez:18;Flores:15;Vargas:12;Castro:12;Ortiz:10;Rojas:12;Morales:12;Herrera:10;Medina:10;Suárez:10;Castillo:10;Gutiérrez:12;Navarro:10;Domínguez:8;Vázquez:10;Ramos:10;Gil:8;Serrano:7;Blanco:7;Molina:7;Delgado:7;Ortega:7;Rubio:6;Mendoza:8;Aguilar:7;Cruz:8;Reyes:8;Chávez:5;Salazar:5"));

    public static readonly BorealCulture Lusophone = new(
        "lusophone",
        new("José:20;João:25;Antônio/António/Antonio:15;Francisco:10;Carlos:12;Paulo:12;Pedro:14;Lucas:12;Luiz/Luís/Luis:12;Marcos:10;Gabriel:10;Rafael:10;Daniel:8;Marcelo:9;Bruno:10;Eduardo:8;Felipe/Filipe:9;Rodrigo:9;Thiago/Tiago:10;Gustavo:7;Fernando:7;Ricardo:7;Rui:5;Nuno:5;Miguel:6;Diogo:4;Leonardo:5;Vinícius/Vinicius:5;André:7;Fábio:5;João Pedro:6;Luiz Carlos:4;José Carlos:4"),
        new("Maria:25;Ana:20;Fernanda:10;Juliana:10;Patrícia:9;Aline:8;Camila:9;Letícia:7;Bruna:8;Larissa:6;Mariana:8;Beatriz:7;Gabriela:7;Amanda:7;Carla:6;Vanessa:6;Sofia:5;Inês:5;Joana:5;Catarina:5;Rita:5;Cláudia:5;Renata:5;Adriana:5;Luciana:5;Maria Eduarda:4;Ana Paula:6;Ana Carolina:5;Maria Clara:3;Raquel:4"),
        new("Silva:100;Santos:60;Oliveira:40;Souza/Sousa:35;Rodrigues:20;Ferreira:20;Alves:20;Pereira:20;Lima:18;Gomes:15;Costa:15;Ribeiro:12;Martins:13;Carvalho:12;Almeida:10;Lopes:10;Soares:8;Fernandes:8;Vieira:8;Barbosa:8;Rocha:6;Dias:6;Nascimento:6;Andrade:5;Moreira:5;Nunes:5;Marques:5;Machado:5;Mendes:5;Freitas:5;Cardoso:5;Ramos:5;Gonçalves:5;Santana:4;Teixeira:4;Araújo:6;Monteiro:4;Correia:4;Pinto:4;Cunha:3;Jesus:4;Conceição:3"));

    public static readonly BorealCulture Turkish = new(
        "turkish",
        new("Mehmet:50;Mustafa:40;Ahmet:35;Ali:30;Hüseyin:25;Hasan:25;İbrahim:18;İsmail:15;Osman:12;Yusuf:15;Murat:20;Ömer:15;Emre:15;Burak:15;Şükrü:4;Gökhan:8;Çağlar:4;Serkan:8;Kemal:8;Hakan:10;Onur:8;Volkan:6;Cem:6;Tolga:5;Uğur:8;Erdem:5;Barış:6;Selim:5;Kaan:5;Oğuz:5;Tuncay:3"),
        new("Fatma:30;Ayşe:30;Emine:25;Hatice:20;Zeynep:20;Elif:18;Özlem:10;Gülşen:6;Şule:5;Büşra:8;Seda:7;Merve:12;Esra:10;Derya:7;Ebru:8;Sevgi:5;Pınar:7;Aslı:6;Gizem:6;Deniz:6;Tuğba:6;Burcu:7;Çiğdem:5;Nur:5;Dilek:5"),
        new("Yılmaz:100;Kaya:60;Demir:60;Şahin:50;Çelik:50;Yıldız:45;Yıldırım:45;Öztürk:40;Aydın:40;Özdemir:38;Arslan:32;Doğan:32;Kılıç:28;Aslan:22;Çetin:22;Kara:22;Koç:20;Kurt:20;Özkan:18;Şimşek:17;Polat:16;Erdoğan:15;Güneş:12;Aksoy:12;Korkmaz:14;Özer:10;Tekin:10;Akın:10;Bulut:9;Güler:9;Ünal:8;Taş:8;Karaca:7;Acar:7"));

    public static readonly BorealCulture Arab = new(
        "arab",
        new("Mohammed/Muhammad/Mohamed/Mohammad/Mohamad=محمد:100;Ahmed/Ahmad=أحمد:50;Ali=علي:35;Omar/Umar=عمر:25;Khaled/Khalid=خالد:25;Abdullah/Abdallah=عبدالله:30;Abdulrahman/Abdelrahman/Abdul Rahman=عبدالرحمن:18;Youssef/Yousef/Yusuf=يوسف:18;Ibrahim/Ebrahim=إبراهيم:15;Hassan/Hasan=حسن:15;Hussein/Hussain/Husain=حسين:12;Mahmoud/Mahmood=محمود:14;Mustafa/Mostafa=مصطفى:12;Tarek/Tariq/Tarik=طارق:10;Karim/Kareem=كريم:10;Fahad/Fahd=فهد:14;Saad=سعد:10;Faisal/Faysal=فيصل:10;Nasser/Naser=ناصر:8;Sultan=سلطان:8;Majed/Majid=ماجد:8;Walid/Waleed=وليد:8;Hamza/Hamzah=حمزة:7;Rami/Ramy=رامي:6;Samir/Sameer=سمير:6;Ayman/Aiman=أيمن:6;Bilal=بلال:5;Zaid/Zayed=زيد:5;Anas=أنس:5;Osama/Usama=أسامة:6;Hisham/Hesham=هشام:6"),
        new("Fatima/Fatma/Fatimah=فاطمة:30;Aisha/Aicha/Aysha=عائشة:15;Mariam/Maryam=مريم:20;Nour/Noor=نور:18;Layla/Leila/Laila=ليلى:12;Rania=رانيا:10;Sara/Sarah=سارة:18;Huda/Hoda=هدى:8;Reem/Rim=ريم:12;Hind=هند:6;Dina=دينا:8;Rana=رنا:7;Lina=لينا:7;Salma=سلمى:8;Amal=أمل:7;Asma/Asmaa=أسماء:8;Noura/Nora=نورة:10;Hanan=حنان:6;Yasmin/Yasmine=ياسمين:8;Manal=منال:6;Ghada=غادة:5;Lama=لمى:5"),
        new("Al-Harbi=الحربي:20;Al-Otaibi/Al-Otaiby=العتيبي:20;Al-Qahtani/Al-Kahtani=القحطاني:18;Al-Ghamdi=الغامدي:16;Al-Zahrani=الزهراني:15;Al-Shehri/Al-Shahri=الشهري:14;Al-Mutairi=المطيري:14;Al-Dosari/Al-Dossary=الدوسري:12;Al-Shamsi=الشامسي:8;Al-Mansouri=المنصوري:10;Al-Hashimi/Al-Hashemi=الهاشمي:8;Al-Ali=العلي:8;Al-Khatib=الخطيب:6;El-Sayed/Elsayed=السيد:15;El-Masry/El-Masri=المصري:8;Haddad=حداد:10;Khoury/Khouri=خوري:8;Nasser/Nasr=ناصر:8;Saleh/Salih=صالح:10;Mansour/Mansur=منصور:10;Hamdan=حمدان:6;Abdelaziz/Abdulaziz/Abdel-Aziz=عبدالعزيز:8;Ibrahim=إبراهيم:10;Hassan=حسن:12;Mahmoud=محمود:10;Farouk/Farouq=فاروق:5;Benali/Ben Ali=بن علي:6;Bennani=بناني:5;El-Amrani/Elamrani=العمراني:6;Alaoui/El Alaoui=العلوي:6;Tazi=التازي:4;Abu Ghazaleh/Abu-Ghazaleh=أبو غزالة:4;Qasem/Kassem/Qassem=قاسم:6;Suleiman/Sulaiman/Soliman=سليمان:8;Youssef/Yousef=يوسف:8;Ali=علي:10;Khalil=خليل:7;Awad=عوض:6;Darwish/Darwich=درويش:5;Zaki=زكي:4"));

    public static readonly BorealCulture Slavic = new(
        "slavic",
        new("Aleksei/Alexey/Aleksey/Alexei=Алексей:20;Dmitry/Dmitrii/Dmitriy=Дмитрий:22;Sergey/Sergei=Сергей:25;Andrey/Andrei=Андрей:22;Alexander/Aleksandr/Alexandr=Александр:30;Mikhail/Mihail=Михаил:15;Ivan=Иван:15;Nikolay/Nikolai=Николай:12;Evgeny/Yevgeny/Evgenii/Evgeniy=Евгений:12;Yuri/Yury/Iurii=Юрий:10;Vladimir=Владимир:14;Pavel=Павел:12;Maxim/Maksim=Максим:14;Artem/Artyom=Артём:10;Denis=Денис:10;Oleg=Олег:10;Igor=Игорь:10;Roman=Роман:9;Kirill=Кирилл:8;Anton=Антон:8;Vitaly/Vitalii/Vitaliy=Виталий:6;Konstantin=Константин:6;Oleksandr/Olexandr=Олександр:6;Taras=Тарас:3;Bohdan/Bogdan=Богдан:4"),
        new("Olga=Ольга:20;Ekaterina/Yekaterina=Екатерина:18;Natalya/Natalia/Nataliya=Наталья:18;Tatiana/Tatyana=Татьяна:18;Anna=Анна:18;Maria/Mariya=Мария:15;Elena/Yelena=Елена:20;Irina=Ирина:16;Yulia/Julia/Iuliia=Юлия:14;Svetlana=Светлана:12;Anastasia/Anastasiya=Анастасия:12;Marina=Марина:10;Daria/Darya=Дарья:10;Ksenia/Kseniya/Xenia=Ксения:8;Oksana=Оксана:7;Victoria/Viktoria=Виктория:8;Alina=Алина:7;Polina=Полина:5"),
        new("Ivanov=Иванов:30;Smirnov=Смирнов:25;Kuznetsov/Kuznetcov=Кузнецов:20;Popov=Попов:18;Vasiliev/Vasilyev/Vasilev=Васильев:15;Petrov=Петров:15;Sokolov=Соколов:14;Mikhailov/Mihailov=Михайлов:12;Novikov=Новиков:12;Fedorov/Fyodorov=Фёдоров:12;Morozov=Морозов:11;Volkov=Волков:11;Lebedev=Лебедев:10;Kozlov=Козлов:10;Egorov/Yegorov=Егоров:8;Pavlov=Павлов:9;Semenov/Semyonov=Семёнов:8;Orlov=Орлов:7;Belov=Белов:7;Zaitsev/Zaytsev=Зайцев:7;Shevchenko=Шевченко:12;Kovalenko=Коваленко:9;Bondarenko=Бондаренко:9;Tkachenko=Ткаченко:7;Melnyk/Melnik=Мельник:8;Kovalchuk=Ковальчук:6;Kravchenko=Кравченко:6;Boyko/Boiko=Бойко:6"),
        new("Aleksandrovich/Alexandrovich=Александрович:10;Sergeyevich/Sergeevich=Сергеевич:9;Ivanovich=Иванович:7;Vladimirovich=Владимирович:8;Nikolayevich/Nikolaevich=Николаевич:6;Andreyevich/Andreevich=Андреевич:6;Mikhailovich=Михайлович:6;Viktorovich=Викторович:6;Yuryevich/Yurievich=Юрьевич:5;Petrovich=Петрович:4;Alekseyevich/Alekseevich=Алексеевич:5;Anatolyevich/Anatolievich=Анатольевич:4"),
        new("Aleksandrovna/Alexandrovna=Александровна:10;Sergeyevna/Sergeevna=Сергеевна:9;Ivanovna=Ивановна:7;Vladimirovna=Владимировна:8;Nikolayevna/Nikolaevna=Николаевна:6;Andreyevna/Andreevna=Андреевна:6;Mikhailovna=Михайловна:6;Viktorovna=Викторовна:6;Yuryevna/Yurievna=Юрьевна:5;Petrovna=Петровна:4;Alekseyevna/Alekseevna=Алексеевна:5;Anatolyevna/Anatolievna=Анатольевна:4"));

    public static readonly BorealCulture Greek = new(
        "greek",
        new("Georgios/Giorgos/George=Γιώργος:20;Dimitrios/Dimitris=Δημήτρης:18;Konstantinos/Kostas=Κωνσταντίνος:18;Ioannis/Giannis/Yannis=Γιάννης:18;Nikolaos/Nikos=Νίκος:14;Panagiotis/Panos=Παναγιώτης:10;Vasileios/Vasilis=Βασίλης:10;Christos/Hristos=Χρήστος:10;Athanasios/Thanasis=Θανάσης:7;Michail/Michalis=Μιχάλης:6;Evangelos/Vangelis=Βαγγέλης:6;Spyridon/Spyros=Σπύρος:5;Alexandros=Αλέξανδρος:6"),
        new("Maria=Μαρία:20;Eleni/Helen=Ελένη:14;Aikaterini/Katerina=Κατερίνα:12;Vasiliki/Vaso=Βασιλική:8;Sofia/Sophia=Σοφία:9;Angeliki=Αγγελική:7;Georgia=Γεωργία:8;Dimitra=Δήμητρα:7;Konstantina=Κωνσταντίνα:6;Eirini/Irene=Ειρήνη:7;Christina=Χριστίνα:6"),
        new("Papadopoulos=Παπαδόπουλος:20;Papadakis=Παπαδάκης:10;Georgiou=Γεωργίου:12;Oikonomou/Economou=Οικονόμου:8;Nikolaou=Νικολάου:9;Ioannou=Ιωάννου:9;Vasileiou/Vassiliou=Βασιλείου:8;Karagiannis/Karayannis=Καραγιάννης:7;Papageorgiou=Παπαγεωργίου:7;Dimitriou=Δημητρίου:8;Konstantinidis=Κωνσταντινίδης:6;Makris=Μακρής:6;Athanasiou=Αθανασίου:6;Pappas=Παππάς:7;Christodoulou=Χριστοδούλου:5;Alexiou=Αλεξίου:5"));

    public static readonly BorealCulture CentralEuropean = new(
        "central-european",
        new("Piotr:20;Krzysztof:20;Andrzej:18;Tomasz:18;Paweł:16;Michał:16;Marcin:15;Jan:12;Jakub:12;Łukasz:12;Adam:10;Marek:10;Grzegorz:10;Wojciech:10;Mateusz:10;Rafał:8;Kamil:8;Dariusz:7;Mariusz:6;Maciej:8;Sebastian:6;Bartosz:7;Radu:3;Andrei:3;Mihai:3;Jiří:2;Petr:3;Tomáš:2"),
        new("Anna:25;Katarzyna:20;Maria:12;Małgorzata:16;Agnieszka:16;Barbara:8;Ewa:12;Krystyna:6;Magdalena:14;Joanna:14;Aleksandra:10;Monika:10;Justyna:8;Karolina:9;Natalia:7;Marta:9;Beata:7;Dorota:6;Ioana:3;Elena:3;Andreea:3;Jana:3;Tereza:2"),
        new("Nowak:40;Kowalski:30;Wiśniewski:22;Wójcik:20;Kowalczyk:20;Kamiński:18;Lewandowski:18;Zieliński:16;Szymański:15;Woźniak:15;Dąbrowski:14;Kozłowski:12;Jankowski:11;Mazur:11;Kwiatkowski:10;Krawczyk:10;Piotrowski:9;Grabowski:9;Nowakowski:8;Pawłowski:8;Michalski:8;Wróbel:7;Zając:7;Król:7;Wieczorek:6;Jabłoński:6;Majewski:6;Olszewski:6;Popescu:5;Ionescu:4;Popa:4;Dumitru:3;Novák:4;Svoboda:3;Dvořák:3;Černý:2"));

    public static readonly BorealCulture Nordic = new(
        "nordic",
        new("Erik:15;Lars:14;Anders:14;Johan:12;Karl:10;Per:10;Mikael:10;Björn:6;Jörgen/Jørgen:5;Magnus:8;Henrik:10;Ole:8;Jens:8;Søren/Soren:6;Niels:6;Mads:6;Rasmus:6;Kristian/Christian:7;Juha:6;Mikko:7;Timo:6;Jari:5;Matti:6;Antti:5;Oskar:5;Emil:5;Fredrik:6;Gustav:4;Jonas:6;Thomas:6;Martin:6;Jesper:5;Kjetil:3;Eirik:3;Håkan:4;Sven:4;Mart:2;Jānis:2;Tomas:3"),
        new("Anna:14;Eva:10;Maria:12;Karin:10;Sara:9;Åsa:5;Ingrid:6;Kristina:8;Emma:8;Linnea:5;Johanna:6;Camilla:6;Mette:7;Hanne:6;Lene:5;Marianne:5;Ida:6;Sari:5;Tiina:5;Päivi:4;Anu:3;Minna:4;Kirsi:4;Liv:4;Solveig:3;Sigrid:3;Malin:5;Elin:5;Helena:6;Louise:4;Cecilie:4;Kadri:2;Ieva:2"),
        new("Andersson:20;Johansson:20;Karlsson/Carlsson:18;Nilsson:16;Eriksson:16;Larsson:15;Olsson:14;Persson:13;Svensson:12;Gustafsson:10;Lindberg:7;Bergström:7;Lindqvist/Lindquist:6;Öberg:4;Lundgren:6;Hansen:20;Johansen:14;Olsen:13;Larsen:12;Andersen:14;Pedersen:14;Nielsen:18;Jensen:18;Kristiansen/Christiansen:8;Jørgensen/Jorgensen:8;Sørensen/Sorensen:9;Rasmussen:8;Haugen:5;Berg:6;Korhonen:6;Virtanen:7;Mäkinen:6;Nieminen:6;Mäkelä:5;Hämäläinen:5;Laine:5;Heikkinen:5;Koskinen:4;Järvinen:4;Tamm:3;Kazlauskas:3;Bērziņš:2"));

    public static readonly BorealCulture NorthIndian = new(
        "north-indian",
        new("Rahul:20;Amit:22;Rajesh:20;Sanjay:15;Vikram:10;Suresh:12;Ramesh:12;Deepak:14;Manoj:12;Arjun:8;Rohit:14;Sunil:12;Anil:12;Ajay:12;Vijay:14;Ankit:10;Abhishek:12;Gaurav:10;Nikhil:10;Saurabh:8;Vivek:10;Pankaj:8;Ashok:8;Rakesh:10;Mukesh:7;Sachin:8;Varun:6;Karan:6;Aditya:8;Harish:5;Alok:5;Prakash:8;Dinesh:8;Naveen:7;Mohit:6;Sandeep:10;Gurpreet:5;Harpreet:4"),
        new("Priya:20;Anjali:12;Neha:18;Pooja/Puja:18;Kavita:8;Sunita:8;Shreya:8;Divya:10;Swati:9;Ritu:7;Nisha:8;Anita:9;Meena:6;Rekha:6;Sneha:10;Shweta:9;Richa:6;Aarti/Arti:7;Deepika:6;Simran:5;Jyoti:8;Komal:6;Preeti/Priti:7;Manisha:7;Payal:5"),
        new("Kumar:120;Singh:110;Sharma:90;Gupta:50;Patel:60;Verma:30;Yadav:30;Agarwal/Aggarwal:22;Jain:20;Mishra:22;Mehta:18;Shah:28;Joshi:20;Chauhan:14;Das:15;Malhotra:10;Kapoor:10;Chopra:9;Bansal:8;Saxena:10;Srivastava:12;Pandey:15;Tiwari:14;Thakur:10;Sinha:10;Chaudhary/Choudhary:14;Bhatt:8;Desai:9;Arora:10;Khanna:7;Mittal:7;Goel:6;Rathore:5;Dubey:8;Bose:6;Banerjee:9;Chatterjee:9;Mukherjee:9;Ghosh:9"));

    public static readonly BorealCulture SouthIndian = new(
        "south-indian",
        new("Srinivasan:10;Venkatesh:10;Ramesh:10;Suresh:10;Karthik/Karthick/Kartik:14;Arun:12;Balaji:10;Ganesh:10;Murali:8;Senthil:8;Saravanan:8;Krishnan:7;Vijay:10;Anand:10;Raghavan:5;Prasad:8;Sridhar:7;Rajesh:8;Mahesh:8;Naresh:6;Kiran:8;Hari:6;Ravi:10;Sathish/Satish:8;Praveen:8;Siva/Shiva:8;Raja:6;Venkata:6;Subramanian/Subramaniam:6"),
        new("Lakshmi/Laxmi:12;Priya:12;Divya:10;Meena:8;Kavitha/Kavita:10;Deepa:8;Anitha/Anita:8;Revathi:6;Sangeetha/Sangita:7;Bhavani:5;Padma:5;Radha:6;Sowmya/Soumya:7;Aishwarya:6;Keerthana:5;Swathi/Swati:7;Gayathri/Gayatri:7;Nandini:6;Harini:4"),
        new("Reddy:30;Nair:20;Menon:12;Iyer:14;Pillai:12;Rao:30;Naidu:12;Hegde:8;Shetty:10;Iyengar:6;Krishnan:10;Raman:6;Subramanian:8;Venkataraman:6;Gowda:8;Kumar:20;Raju:10;Murthy/Murthi:10;Varma:6;Chandran:6;Natarajan:6;Rajan:6;Pillay:4"));

    public static readonly BorealCulture SouthAsianMuslim = new(
        "south-asian-muslim",
        new("Ali:20;Ahmed/Ahmad:25;Usman/Osman:12;Bilal:12;Hassan/Hasan:12;Imran:14;Faisal:10;Kamran:10;Asif:12;Tariq:10;Rashid:8;Shahid:8;Tanvir/Tanveer:8;Rafiq/Rafique:6;Mahmud/Mahmood:8;Zubair:8;Adnan:8;Waqas:7;Hamza:8;Umer/Umar:10;Saad:7;Rizwan:7;Farhan:8;Arif:7;Shakil/Shakeel:6;Nadeem:6;Junaid:7;Sohail:6;Rakib:4;Sabbir:4"),
        new("Ayesha/Aisha:15;Fatima:15;Sana:10;Nadia:8;Nusrat:6;Sadia:8;Hina:8;Amna:7;Maryam/Mariam:10;Zainab:8;Rabia:6;Saima:7;Farzana:6;Shabnam:4;Tasnim/Tasneem:5;Sumaiya:4;Nazia:5;Uzma:5;Bushra:6;Mehwish:4"),
        new("Khan:60;Ahmed:40;Hussain/Hossain:35;Rahman:30;Ali:30;Chowdhury/Chaudhry/Choudhury:25;Islam:25;Akhtar/Akter:20;Butt:12;Malik:20;Qureshi:12;Shaikh/Sheikh:15;Siddiqui/Siddiqi:12;Mirza:8;Iqbal:12;Raza:8;Javed/Javaid:8;Haque/Huq:10;Uddin:18;Miah/Mia:8;Sarkar:6"));

    public static readonly BorealCulture Vietnamese = new(
        "vietnamese",
        new("Anh:20;Minh:20;Huy:15;Tuấn:18;Hùng:15;Dũng:14;Nam:15;Long:12;Quang:10;Hải:12;Sơn:10;Khánh:8;Đức:10;Trung:12;Bảo:8;Phúc:8;Thắng:8;Cường:8;Hoàng:8;Thành:10;Tùng:8;Việt:6;Hiếu:8;Toàn:6;Tâm:6;Vinh:6;Lộc:5;Khoa:5;Duy:8;Tài:5"),
        new("Anh:15;Linh:18;Hương:14;Trang:16;Lan:10;Hà:12;Thảo:14;Phương:12;Ngọc:10;Thu:8;Hoa:8;Mai:10;Vy:8;Nhung:7;Hằng:8;Yến:7;Hạnh:7;Nga:7;Loan:6;Quỳnh:8;Trâm:5;Uyên:6;Giang:6;Oanh:5;Chi:6;Ly:5;My:6;Nhi:6;Tiên:5;Diệp:3"),
        new("Nguyễn:350;Trần:110;Lê:95;Phạm:70;Hoàng:30;Huỳnh:20;Phan:45;Vũ:25;Võ:20;Đặng:20;Bùi:20;Đỗ:14;Hồ:13;Ngô:13;Dương:10;Lý:5;Đinh:6;Trương:6;Lâm:4;Mai:4;Tạ:3;Cao:3;Lương:3;Hà:4"),
        new("Văn:40;Đức:12;Minh:12;Hữu:8;Quốc:8;Thành:6;Ngọc:4;Thanh:6;Công:6;Xuân:4;Hoàng:4"),
        new("Thị:45;Ngọc:12;Thu:8;Thanh:8;Minh:6;Hồng:6;Kim:6;Phương:5;Mai:4;Bảo:4"));

    public static readonly BorealCulture Indonesian = new(
        "indonesian",
        new("Budi:15;Agus:18;Eko:10;Adi:10;Rizky/Rizki:12;Ahmad:12;Muhammad:15;Andi:10;Hendra:10;Yudi:7;Wahyu:10;Dedi:8;Bambang:8;Joko:6;Heru:6;Arif:10;Fajar:8;Dimas:6;Bayu:7;Irfan:6;Teguh:5;Sutrisno:5;Slamet:5;Hadi:6;Iwan:6;Rudi:7;Yusuf:5;Fikri:4;Reza:6;Aditya:6"),
        new("Dewi:15;Sri:18;Siti:20;Putri:12;Nur:10;Indah:8;Fitri:10;Dian:10;Ayu:9;Rina:8;Wati:6;Ratna:6;Yuni:7;Ani:6;Novi:6;Intan:6;Maya:6;Eka:7;Rini:6;Nurul:8;Lia:4"),
        new("Santoso:15;Wijaya:15;Pratama:12;Saputra:14;Hidayat:12;Kurniawan:12;Setiawan:12;Susanto:8;Lestari:8;Wibowo:8;Gunawan:8;Halim:6;Siregar:7;Simanjuntak:5;Nasution:6;Sihombing:5;Hutapea:4;Tanjung:5;Purnomo:6;Nugroho:9;Rahmawati:6;Suryadi:5;Hartono:6;Salim:5;Tan:5;Lim:4;Kusuma:7;Putra:10;Sari:9;Permana:5;Firmansyah:6"));

    public static readonly BorealCulture Filipino = new(
        "filipino",
        new("Jose:15;Juan:10;Mark:15;John Paul:8;John:10;Michael:12;Jerome:6;Jericho:3;Rommel:4;Arnel:4;Rodel:4;Ryan:8;Christian:8;Carlo:8;Paolo:6;Miguel:6;Angelo:6;Joshua:7;Kevin:6;Francis:6;Rafael:5;Ramon:5;Eduardo:5;Antonio:6;Ronaldo:5;Jeffrey:5;Marvin:5;Dennis:5;Noel:5;Aldrin:3"),
        new("Maria:15;Ma. Cristina/Maria Cristina:4;Mary Grace:6;Angelica:8;Jasmine:7;Kristine/Christine:9;Joy:6;Mary Joy:5;Jennifer:8;Michelle:7;Rowena:4;Marites:3;Lorna:4;Liza:5;Rhea:5;Camille:6;Patricia:6;Kimberly:6;Princess:4;Catherine:6;Andrea:5;Nicole:7;Aileen:4;Charmaine:4"),
        new("Santos:30;Reyes:28;Cruz:25;Bautista:18;Ocampo:10;Garcia:20;Mendoza:18;Torres:12;Tomas:8;Andrada:5;Castillo:10;Flores:12;Villanueva:12;Ramos:14;Castro:10;Rivera:10;Aquino:10;Navarro:8;Salazar:7;Mercado:8;dela Cruz/Dela Cruz/De la Cruz:18;de los Santos/Delos Santos:8;Gonzales:12;Lopez:10;Fernandez:8;Dizon:7;Manalo:6;Pascual:7;Aguilar:7;de Guzman/De Guzman:10;Soriano:6;Lim:6;Tan:8;Sy:4;Gutierrez:6;Valdez:6;Domingo:7"));

    /// <summary>Anglophone given names' short forms (a person writes one or the other).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Nicknames = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Robert"] = ["Bob", "Rob"], ["William"] = ["Bill", "Will"], ["Richard"] = ["Rick", "Rich"], ["Michael"] = ["Mike"],
        ["Christopher"] = ["Chris"], ["Daniel"] = ["Dan", "Danny"], ["Matthew"] = ["Matt"], ["Andrew"] = ["Andy", "Drew"],
        ["Steven"] = ["Steve"], ["Thomas"] = ["Tom"], ["James"] = ["Jim", "Jamie"], ["Joseph"] = ["Joe"], ["Anthony"] = ["Tony"],
        ["Edward"] = ["Ed", "Ted"], ["Timothy"] = ["Tim"], ["Benjamin"] = ["Ben"], ["Alexander"] = ["Alex"], ["Jennifer"] = ["Jen", "Jenny"],
        ["Elizabeth"] = ["Liz", "Beth"], ["Katherine"] = ["Kate", "Katie"], ["Patricia"] = ["Trish", "Pat"], ["Margaret"] = ["Maggie"],
        ["Rebecca"] = ["Becky"], ["Samantha"] = ["Sam"], ["Nicola"] = ["Nicky"], ["Peter"] = ["Pete"], ["Jessica"] = ["Jess"],
    };

    /// <summary>The particle a Portuguese/Brazilian family name often carries (<c>da Silva</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> Particles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Silva"] = "da", ["Santos"] = "dos", ["Oliveira"] = "de", ["Souza"] = "de", ["Costa"] = "da", ["Rocha"] = "da",
        ["Nascimento"] = "do", ["Almeida"] = "de", ["Carvalho"] = "de", ["Cunha"] = "da", ["Conceição"] = "da", ["Lima"] = "de",
        ["Freitas"] = "de", ["Andrade"] = "de", ["Araújo"] = "de", ["Jesus"] = "de", ["Paula"] = "de",
    };
}

/// <summary>Spelling helpers: ASCII folding, e-mail local parts, gendered family names, typos.</summary>
internal static class BorealSpelling
{
    /// <summary>Folds to ASCII the way people type a name on an English keyboard (Nguyễn → Nguyen, Şükrü → Sukru, Jørgen → Jorgen).</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'ı' => "i",
                'ł' => "l",
                'Ł' => "L",
                'đ' => "d",
                'Đ' => "D",
                'ø' => "o",
                'Ø' => "O",
                'æ' => "ae",
                'Æ' => "AE",
                'ß' => "ss",
                _ => c.ToString(),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Folds the German/Scandinavian way (ö → oe, ä → ae, ü → ue, å → aa, ø → oe).</summary>
    public static string FoldExpanded(string text) => Fold(text
        .Replace("ö", "oe", StringComparison.Ordinal).Replace("ä", "ae", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal)
        .Replace("å", "aa", StringComparison.Ordinal).Replace("ø", "oe", StringComparison.Ordinal)
        .Replace("Ö", "Oe", StringComparison.Ordinal).Replace("Ä", "Ae", StringComparison.Ordinal).Replace("Ü", "Ue", StringComparison.Ordinal)
        .Replace("Å", "Aa", StringComparison.Ordinal).Replace("Ø", "Oe", StringComparison.Ordinal));

    /// <summary>The lower-case ASCII letters of a name, for an e-mail local part.</summary>
    public static string Letters(string text) =>
        new([.. Fold(text).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant)]);

    /// <summary>Upper-cases the way a form or a keyboard with caps lock does (Turkish ı/i kept as the invariant culture does).</summary>
    public static string Upper(string text) => text.ToUpperInvariant();

    public static string Lower(string text) => text.ToLowerInvariant();

    /// <summary>The female form of a family name where the language inflects it.</summary>
    public static BorealForm Feminine(BorealForm form, string culture)
    {
        switch (culture)
        {
            case "slavic":
                return Map(form, l => l.EndsWith("ov", StringComparison.Ordinal) || l.EndsWith("ev", StringComparison.Ordinal) || l.EndsWith("in", StringComparison.Ordinal) ? l + "a" : l,
                    n => n.EndsWith("ов", StringComparison.Ordinal) || n.EndsWith("ев", StringComparison.Ordinal) || n.EndsWith("ин", StringComparison.Ordinal) ? n + "а" : n);
            case "central-european":
                return Map(form, l => l.EndsWith("ski", StringComparison.Ordinal) || l.EndsWith("cki", StringComparison.Ordinal) ? l[..^1] + "a" : l, n => n);
            case "greek":
                return Map(form,
                    l => l.EndsWith("opoulos", StringComparison.Ordinal) ? l[..^2] + "ou" : l.EndsWith("os", StringComparison.Ordinal) ? l[..^2] + "ou" : l.EndsWith("is", StringComparison.Ordinal) || l.EndsWith("as", StringComparison.Ordinal) ? l[..^1] : l,
                    n => n.EndsWith("όπουλος", StringComparison.Ordinal) ? n[..^7] + "οπούλου" : n.EndsWith("ος", StringComparison.Ordinal) ? n[..^2] + "ου" : n.EndsWith("ης", StringComparison.Ordinal) || n.EndsWith("ής", StringComparison.Ordinal) || n.EndsWith("άς", StringComparison.Ordinal) ? n[..^1] : n);
            default:
                return form;
        }

        static BorealForm Map(BorealForm f, Func<string, string> latin, Func<string, string> native) =>
            new(latin(f.Main), [.. f.Alternates.Select(latin)], f.Native is null ? null : native(f.Native));
    }

    /// <summary>One slip of the keyboard: a letter dropped, doubled, swapped with the next, or replaced by a neighbour.</summary>
    public static string Typo(string text, BorealDice dice)
    {
        var letters = Enumerable.Range(0, text.Length).Where(i => char.IsLetter(text[i])).ToList();
        if (letters.Count < 4)
        {
            return text;
        }

        var i = letters[dice.Next(1, letters.Count - 1)];
        switch (dice.Next(4))
        {
            case 0:
                return text.Remove(i, 1);
            case 1:
                return text.Insert(i, text[i].ToString());
            case 2:
                return i + 1 < text.Length && char.IsLetter(text[i + 1]) && text[i] != text[i + 1]
                    ? string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2))
                    : text.Remove(i, 1);
            default:
                const string rows = "qwertyuiopasdfghjklzxcvbnm";
                var c = char.ToLowerInvariant(text[i]);
                var at = rows.IndexOf(c, StringComparison.Ordinal);
                if (at < 0)
                {
                    return text.Remove(i, 1);
                }

                var neighbour = rows[at == rows.Length - 1 ? at - 1 : at + 1];
                return string.Concat(text.AsSpan(0, i), (char.IsUpper(text[i]) ? char.ToUpperInvariant(neighbour) : neighbour).ToString(), text.AsSpan(i + 1));
        }
    }
}
