using System;
using System.Collections.Generic;
using System.Linq;

namespace MarketplaceLeads.Testing.Corpora;

// The pools of the Atlantic corpus: people of Europe and the Americas. Names are listed most common first
// (they are drawn with Zipf weights, so common names collide as often as they do in life). A given name is
// written "Canonical|alternate,alternate": the alternates are the nicknames, short forms and the
// equivalents people use in another language (Łukasz → Luke in Dublin, Seán ↔ John, Pádraig ↔ Patrick).

/// <summary>How a culture's names lose their diacritics when typed on an ASCII keyboard or in a mailbox.</summary>
internal enum AtlanticFold
{
    /// <summary>Drop the marks (García → Garcia, Łukasz → Lukasz).</summary>
    Strip,

    /// <summary>German: ä → ae, ö → oe, ü → ue, ß → ss (or the marks dropped).</summary>
    German,

    /// <summary>Scandinavian: å → aa, ø/ö → oe, æ/ä → ae (or the marks dropped).</summary>
    Nordic,
}

/// <summary>What happens to a woman's (sometimes a man's) last name at marriage in a culture.</summary>
internal enum AtlanticNameChange
{
    /// <summary>Names do not change (Spain, Mexico, Italy, Québec).</summary>
    None,

    /// <summary>The spouse's name replaces it, or both are joined with a hyphen (English-speaking, German, Nordic, Polish).</summary>
    TakeOrHyphen,

    /// <summary>The spouse's name goes first with a hyphen (Bakker-de Vries), or replaces it.</summary>
    DutchHyphen,

    /// <summary>The spouse's name is appended (Souza → Souza Lima), or replaces the last one.</summary>
    PortugueseAppend,

    /// <summary>A usage name (nom d'usage): the spouse's name, or "Martin née Dupont".</summary>
    FrenchUsage,
}

/// <summary>A keyboard layout, for typos by neighbouring keys.</summary>
internal enum AtlanticKeyboard
{
    /// <summary>QWERTY.</summary>
    Qwerty,

    /// <summary>German QWERTZ (y and z swapped).</summary>
    Qwertz,

    /// <summary>French AZERTY.</summary>
    Azerty,
}

/// <summary>A given name and the other forms its bearer goes by.</summary>
internal sealed record AtlanticGiven(string Name, string[] Alternates);

/// <summary>A naming culture: given names by gender, surnames, and how names are written and changed.</summary>
internal sealed class AtlanticCulture
{
    public AtlanticCulture(string key, string language, string male, string female, string surnames)
    {
        Key = key;
        Language = language;
        Male = ParseGiven(male);
        Female = ParseGiven(female);
        Surnames = Split(surnames);
    }

    public string Key { get; }

    /// <summary>Gets the language of notes and titles written by people of this culture (en, de, pl, fr, es, pt, it, nl, sv, no, qc).</summary>
    public string Language { get; }

    public AtlanticGiven[] Male { get; }

    public AtlanticGiven[] Female { get; }

    public string[] Surnames { get; }

    public AtlanticFold Fold { get; init; }

    /// <summary>Gets a value indicating whether people carry a paternal and a maternal surname (Spain, Mexico).</summary>
    public bool TwoSurnames { get; init; }

    /// <summary>Gets a value indicating whether people carry the mother's then the father's surname (Brazil).</summary>
    public bool PortugueseSurnames { get; init; }

    /// <summary>Gets a value indicating whether surnames in -ski/-cki take -ska/-cka for women (Poland).</summary>
    public bool GenderedSurnames { get; init; }

    /// <summary>Gets a value indicating whether some surnames are double-barrelled at birth (Québec).</summary>
    public bool HyphenatedAtBirth { get; init; }

    public AtlanticNameChange NameChange { get; init; }

    /// <summary>Gets Irish-language forms of some surnames (masculine; feminine after the slash).</summary>
    public IReadOnlyDictionary<string, string> NativeSurnames { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns the surname as a woman of this culture bears it.</summary>
    public string Feminine(string surname)
    {
        if (!GenderedSurnames)
        {
            return surname;
        }

        return surname.EndsWith("ski", StringComparison.Ordinal) || surname.EndsWith("cki", StringComparison.Ordinal)
            || surname.EndsWith("dzki", StringComparison.Ordinal)
            ? surname[..^1] + "a"
            : surname;
    }

    private static string[] Split(string list) =>
        list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static AtlanticGiven[] ParseGiven(string list) =>
        Split(list).Select(entry =>
        {
            var bar = entry.IndexOf('|', StringComparison.Ordinal);
            return bar < 0
                ? new AtlanticGiven(entry, [])
                : new AtlanticGiven(entry[..bar], entry[(bar + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }).ToArray();
}

/// <summary>A country: its names and codes, its clock, its keyboards, its freemail providers, who lives there.</summary>
internal sealed class AtlanticCountry
{
    public required string Code { get; init; }

    public required string Alpha3 { get; init; }

    public required string Name { get; init; }

    /// <summary>Gets other ways people write the country (UK, USA, Holland, Deutschland, Brasil …).</summary>
    public required string[] OtherNames { get; init; }

    /// <summary>Gets the country-code top-level domain companies use (de, co.uk, com.br; com for the US).</summary>
    public required string Tld { get; init; }

    /// <summary>Gets the UTC offsets of the country in November, in minutes (several for the US and Canada).</summary>
    public required int[] UtcOffsets { get; init; }

    public required AtlanticKeyboard Keyboard { get; init; }

    /// <summary>Gets the language of notes and titles (a Québec person in Canada writes in French: see the culture).</summary>
    public required string Language { get; init; }

    public required (string Domain, int Weight)[] Freemail { get; init; }

    public required (AtlanticCulture Culture, int Weight)[] Cultures { get; init; }

    /// <summary>Gets the country's share of the people, in relative units.</summary>
    public required int Weight { get; init; }
}

/// <summary>The name and country pools.</summary>
internal static class AtlanticPools
{
    public static readonly AtlanticCulture German = new(
        "de",
        "de",
        "Thomas|Tom;Michael|Micha;Andreas|Andi;Stefan;Peter;Christian|Chris;Frank;Markus;Jürgen;Klaus;Wolfgang|Wolf;Matthias;Alexander|Alex;Martin;Jan;Sebastian|Basti;Tobias|Tobi;Daniel;Uwe;Jörg;Dirk;Hans-Peter|HP,Hans Peter;Karl-Heinz|Kalle,Karl Heinz;Günter;Johannes|Hannes,Jo;Maximilian|Max;Florian|Flo;Lukas;Björn;Sören;Friedrich|Fritz;Joachim|Achim;Dominik;Bernd;Ralf;Holger;Jens;Oliver|Olli;Philipp;Niklas",
        "Sabine;Petra;Claudia;Susanne|Susi;Andrea;Nicole;Stefanie|Steffi;Katharina|Kathi,Katja;Julia;Anna;Birgit;Monika|Moni;Ursula|Uschi,Ulla;Elisabeth|Lisa,Sissi;Kerstin;Heike;Anke;Sandra;Martina;Anja;Jana;Lena;Franziska|Franzi;Johanna|Hanna;Friederike|Frieda,Rike;Margarete|Grete;Jutta;Dörte;Gabriele|Gabi;Annemarie|Anne-Marie;Bärbel;Sophie;Marie;Christiane",
        "Müller;Schmidt;Schneider;Fischer;Weber;Meyer;Wagner;Becker;Schulz;Hoffmann;Schäfer;Koch;Bauer;Richter;Klein;Wolf;Schröder;Neumann;Schwarz;Zimmermann;Braun;Krüger;Hofmann;Hartmann;Lange;Schmitt;Werner;Schmitz;Krause;Meier;Lehmann;Schmid;Schulze;Maier;Köhler;Herrmann;König;Walter;Mayer;Huber;Kaiser;Fuchs;Peters;Lang;Scholz;Möller;Weiß;Jung;Hahn;Schubert;Vogel;Friedrich;Keller;Günther;Frank;Berger;Winkler;Roth;Beck;Lorenz;Baumann;Franke;Albrecht;Schuster;Ludwig;Böhm;Winter;Kraus;Schumacher;Krämer;Vogt;Stein;Jäger;Sommer;Groß;Seidel;Brandt;Haas;Graf;Dietrich;Ziegler;Kühn;Engel;Horn;Busch;Bergmann;Pfeiffer;Löffler;Süß;Voß;Thöne")
    {
        Fold = AtlanticFold.German,
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    public static readonly AtlanticCulture Polish = new(
        "pl",
        "pl",
        "Piotr|Peter;Krzysztof|Krzysiek,Chris;Andrzej|Andrew;Tomasz|Tomek,Tom;Paweł|Paul;Michał|Michael;Marcin;Jakub|Kuba,Jacob;Adam;Łukasz|Luke;Grzegorz|Grzesiek,Greg;Mateusz;Wojciech|Wojtek;Mariusz;Dariusz|Darek;Marek|Mark;Rafał;Kamil;Maciej|Maciek;Jan|Janek;Bartłomiej|Bartek;Przemysław|Przemek;Sebastian;Zbigniew|Zbyszek;Jerzy|Jurek;Stanisław|Staszek;Jędrzej|Jędrek;Szymon|Simon;Dawid|David;Radosław|Radek",
        "Anna|Ania;Katarzyna|Kasia,Kate;Małgorzata|Gosia,Margaret;Agnieszka|Aga;Barbara|Basia;Ewa;Krystyna|Krysia;Magdalena|Magda;Elżbieta|Ela;Joanna|Asia;Aleksandra|Ola;Monika;Zofia|Zosia;Dorota;Justyna;Beata;Natalia;Karolina;Marta;Urszula|Ula;Jadwiga|Jadzia;Grażyna;Bożena;Weronika;Paulina",
        "Nowak;Kowalski;Wiśniewski;Wójcik;Kowalczyk;Kamiński;Lewandowski;Zieliński;Szymański;Woźniak;Dąbrowski;Kozłowski;Jankowski;Mazur;Wojciechowski;Kwiatkowski;Krawczyk;Kaczmarek;Piotrowski;Grabowski;Zając;Pawłowski;Michalski;Król;Nowakowski;Wieczorek;Jabłoński;Wróbel;Majewski;Olszewski;Stępień;Malinowski;Jaworski;Adamczyk;Dudek;Nowicki;Pawlak;Górski;Witkowski;Walczak;Sikora;Baran;Rutkowski;Michalak;Szewczyk;Ostrowski;Tomaszewski;Pietrzak;Zalewski;Wróblewski;Jasiński;Marciniak;Bąk;Zawadzki;Sadowski;Jakubowski;Duda;Włodarczyk;Chmielewski;Borkowski;Sokołowski;Szczepański;Sawicki;Lis;Kucharski;Mazurek;Kubiak;Kalinowski;Wysocki;Mróz;Czarnecki;Łuczak;Żak;Błaszczyk;Przybylski")
    {
        GenderedSurnames = true,
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    public static readonly AtlanticCulture French = new(
        "fr",
        "fr",
        "Jean;Philippe;Michel;Alain;Patrick;Nicolas|Nico;Christophe|Chris;Pierre;Christian;Éric;Frédéric|Fred;Laurent;Stéphane;David;Olivier;Julien;Sébastien|Seb;Thierry;Jean-Pierre|JP,Jean Pierre;Jean-François|JF,Jean François;Guillaume;Mathieu;Benoît;Jérôme;François;Thomas;Maxime|Max;Antoine;Loïc;Hervé;Gaël;Aurélien;Clément;Rémi",
        "Marie;Nathalie;Isabelle|Isa;Sylvie;Catherine|Cathy;Martine;Christine;Françoise;Valérie;Sandrine;Stéphanie|Steph;Céline;Véronique|Véro;Sophie;Émilie;Aurélie;Julie;Camille;Hélène;Élodie;Anaïs;Chloé;Léa;Marie-Claire|Marie Claire;Anne-Sophie|Anne Sophie;Agnès;Mélanie;Delphine;Gaëlle;Clémence;Amélie;Thérèse;Zoé",
        "Martin;Bernard;Thomas;Petit;Robert;Richard;Durand;Dubois;Moreau;Laurent;Simon;Michel;Lefèvre;Leroy;Roux;David;Bertrand;Morel;Fournier;Girard;Bonnet;Dupont;Lambert;Fontaine;Rousseau;Vincent;Muller;Lefebvre;Faure;André;Mercier;Blanc;Guérin;Boyer;Garnier;Chevalier;François;Legrand;Gauthier;Garcia;Perrin;Robin;Clément;Morin;Nicolas;Henry;Roussel;Mathieu;Gautier;Masson;Marchand;Duval;Denis;Dumont;Lemaire;Noël;Meyer;Dufour;Meunier;Brun;Blanchard;Giraud;Joly;Rivière;Lucas;Brunet;Gaillard;Barbier;Arnaud;Gérard;Roche;Renard;Roy;Leroux;Colin;Vidal;Caron;Picard;Fabre;Aubert;Lemoine;Renaud;Dumas;Lacroix;Le Gall;Le Roux;Le Goff;Prévost;Ménard;Lévêque;Da Silva;Lemaître;Maréchal;Barthélemy")
    {
        NameChange = AtlanticNameChange.FrenchUsage,
    };

    public static readonly AtlanticCulture Spanish = new(
        "es",
        "es",
        "Antonio|Toño;José|Pepe;Manuel|Manolo;Francisco|Paco,Fran;David;Juan;José Antonio;Javier|Javi;Daniel|Dani;José Luis;Francisco Javier|Fran,Javier;Jesús|Chus;Carlos;Alejandro|Álex;Miguel;José Manuel;Rafael|Rafa;Miguel Ángel;Pedro;Pablo;Ángel;Sergio;Fernando|Nando;Jorge;Luis;Alberto;Álvaro;Juan Carlos;Adrián;Diego;Raúl;Enrique|Quique;Ignacio|Nacho;Íñigo;Iñaki;Ramón",
        "María Carmen|Mari Carmen,Carmen;María;Carmen;Ana María;Laura;María Pilar|Pilar,Pili;María Dolores|Lola,Loli;Isabel|Isa;Josefa|Pepa;Ana;Cristina;Marta;María Teresa|Maite,Tere;Lucía;Francisca|Paqui;María Ángeles|Mariángeles,Ángeles;Elena;Sara;Paula;Raquel;Rosa María;Manuela;María José|Majo,Marijose;Concepción|Concha;Mercedes|Merche;Montserrat|Montse;Rosario|Charo;Nuria;Beatriz|Bea;Silvia;Sofía;Inés;Begoña;Itziar",
        "García;Rodríguez;González;Fernández;López;Martínez;Sánchez;Pérez;Gómez;Martín;Jiménez;Hernández;Ruiz;Díaz;Moreno;Muñoz;Álvarez;Romero;Gutiérrez;Alonso;Navarro;Torres;Domínguez;Ramos;Vázquez;Ramírez;Gil;Serrano;Morales;Molina;Blanco;Suárez;Castro;Ortega;Delgado;Ortiz;Marín;Rubio;Núñez;Medina;Sanz;Castillo;Iglesias;Cortés;Garrido;Santos;Guerrero;Lozano;Cano;Cruz;Méndez;Flores;Prieto;Herrera;Peña;León;Márquez;Cabrera;Gallego;Calvo;Vidal;Campos;Reyes;Vega;Fuentes;Carrasco;Díez;Aguilar;Caballero;Nieto;Santana;Vargas;Pascual;Giménez;Herrero;Hidalgo;Montero;Lorenzo;Santiago;Benítez;Durán;Ibáñez;Arias;Mora;Ferrer;Carmona;Vicente;Rojas;Soto;Crespo;Román;Pastor;Velasco;Parra;Sáez;Moya;Bravo;Gallardo;Soler;Echeverría;Etxeberria;Goikoetxea")
    {
        TwoSurnames = true,
    };

    public static readonly AtlanticCulture Mexican = new(
        "mx",
        "es",
        "José|Pepe;Juan;Luis;Carlos;Jesús|Chuy;Miguel Ángel;José Luis|Pepe;Juan Carlos;Francisco|Pancho,Paco;Jorge;Alejandro|Alex;Fernando;Ricardo;Eduardo|Lalo;Roberto|Beto;Arturo;Guillermo|Memo;Héctor;Javier;Manuel;Ramón;Enrique|Kike;Sergio;Raúl;Alberto|Beto;Rodrigo;Daniel;Cuauhtémoc|Temo;Óscar;Diego;Emiliano;Santiago",
        "María Guadalupe|Lupita,Lupe,Guadalupe;Guadalupe|Lupita,Lupe;María;Juana;Margarita;Verónica|Vero;Leticia|Lety;Rosa María;Patricia|Paty;Alejandra|Ale;Gabriela|Gaby;Elizabeth|Liz;Adriana;Claudia;Martha;Yolanda;Ana Laura;Fernanda|Fer;Daniela|Dani;Mariana;Ximena;Sofía;Valeria;Itzel;Xóchitl;Araceli;Silvia;Norma;Mónica;Karla",
        "Hernández;García;Martínez;López;González;Pérez;Rodríguez;Sánchez;Ramírez;Cruz;Flores;Gómez;Morales;Vázquez;Reyes;Jiménez;Torres;Díaz;Gutiérrez;Ruiz;Mendoza;Aguilar;Ortiz;Moreno;Castillo;Romero;Álvarez;Méndez;Chávez;Rivera;Juárez;Ramos;Domínguez;Herrera;Medina;Castro;Vargas;Guzmán;Velázquez;Muñoz;Rojas;De la Cruz;Salazar;Contreras;Luna;Ortega;Santiago;Guerrero;Estrada;Bautista;Cortés;Soto;Alvarado;Espinoza;Lara;Ávila;Ríos;Cervantes;Silva;Delgado;Vega;Márquez;Sandoval;Carrillo;León;Mejía;Solís;Rosas;Ibarra;Valdez;Navarro;Campos;Maldonado;Robles;Fuentes;Rosales;Cabrera;Escobar;Nava;Ochoa;Zúñiga")
    {
        TwoSurnames = true,
    };

    public static readonly AtlanticCulture Portuguese = new(
        "pt",
        "pt",
        "José|Zé;João;Antônio|Toninho;Francisco|Chico;Carlos;Paulo;Pedro;Lucas;Luiz;Marcos;Luís;Gabriel;Rafael|Rafa;Daniel;Marcelo;Bruno;Eduardo|Dudu;Felipe;Raimundo;Rodrigo;Manoel;Mateus;André;Fernando|Nando;Fábio;Leonardo|Léo;Gustavo|Guga;Guilherme|Gui;Thiago;Vinícius|Vini;João Pedro;Luiz Carlos;Sebastião|Tião;Joaquim;Gonçalo",
        "Maria;Ana;Francisca|Chica;Antônia;Adriana;Juliana|Ju;Márcia;Fernanda|Nanda;Patrícia|Paty;Aline;Sandra;Camila|Mila;Amanda;Bruna;Jéssica;Letícia;Júlia;Luciana|Lu;Vanessa|Nessa;Mariana|Mari;Gabriela|Gabi;Vera;Vitória;Larissa|Lari;Cláudia;Beatriz|Bia;Ana Paula;Maria Eduarda|Duda;Ana Clara;Conceição;Raquel;Simone;Tatiana|Tati",
        "Silva;Santos;Oliveira;Souza;Rodrigues;Ferreira;Alves;Pereira;Lima;Gomes;Costa;Ribeiro;Martins;Carvalho;Almeida;Lopes;Soares;Fernandes;Vieira;Barbosa;Rocha;Dias;Nascimento;Andrade;Moreira;Nunes;Marques;Machado;Mendes;Freitas;Cardoso;Ramos;Gonçalves;Santana;Teixeira;Araújo;Pinto;Moura;Cavalcanti;Monteiro;Correia;Azevedo;Magalhães;Brandão;Conceição;Assunção;Simões;Falcão;Leão;Guimarães;Sousa")
    {
        PortugueseSurnames = true,
        NameChange = AtlanticNameChange.PortugueseAppend,
    };

    public static readonly AtlanticCulture Italian = new(
        "it",
        "it",
        "Giuseppe|Beppe,Peppe;Giovanni|Gianni;Antonio|Toni;Mario;Luigi|Gigi;Francesco|Franco,Cesco;Angelo;Vincenzo|Enzo;Pietro;Salvatore|Totò,Salvo;Carlo;Franco;Domenico|Mimmo;Bruno;Paolo;Michele;Giorgio;Marco;Andrea;Luca;Alessandro|Sandro,Ale;Matteo|Teo;Lorenzo;Stefano;Roberto;Davide;Simone;Federico|Fede;Riccardo;Niccolò|Nicolò;Gianluca;Pierluigi|Pier;Massimo|Max;Fabrizio",
        "Maria;Anna;Giuseppina|Pina;Rosa;Angela;Giovanna|Gianna;Teresa;Lucia;Carmela;Maria Grazia|Mariagrazia;Francesca|Franci;Chiara;Giulia;Sara;Martina;Elena;Alessandra|Ale;Federica|Fede;Silvia;Valentina|Vale;Elisabetta|Betta,Elisa;Raffaella|Lella;Simona;Paola;Laura;Barbara;Cristina;Ilaria;Daniela;Roberta;Serena;Beatrice|Bea;Noemi",
        "Rossi;Russo;Ferrari;Esposito;Bianchi;Romano;Colombo;Ricci;Marino;Greco;Bruno;Gallo;Conti;De Luca;Mancini;Costa;Giordano;Rizzo;Lombardi;Moretti;Barbieri;Fontana;Santoro;Mariani;Rinaldi;Caruso;Ferrara;Galli;Martini;Leone;Longo;Gentile;Martinelli;Vitale;Lombardo;Serra;Coppola;De Santis;D'Angelo;Marchetti;Parisi;Villa;Conte;Ferraro;Ferri;Fabbri;Bianco;Marini;Grasso;Valentini;Messina;Sala;De Angelis;Gatti;Pellegrini;Palumbo;Sanna;Farina;Rizzi;Monti;Cattaneo;Morelli;Amato;Silvestri;Mazza;Testa;Grassi;Pellegrino;Carbone;Giuliani;Benedetti;Barone;Caputo;Guerra;Palmieri;Bernardi;Fiore;De Rosa;Bellini;Basile;Riva;Donati;Piras;Sartori;Neri;Milani;D'Amico;Orlando;Di Stefano;Di Pietro;La Rosa;Lo Presti;Dell'Orto;D'Alessandro")
    {
        NameChange = AtlanticNameChange.None,
    };

    public static readonly AtlanticCulture Dutch = new(
        "nl",
        "nl",
        "Jan;Johannes|Hans,Jan,Joop;Cornelis|Kees,Cor;Hendrik|Henk;Willem|Wim;Pieter|Piet;Gerrit|Gert;Jacobus|Koos,Jaap;Dirk;Maarten;Sander;Bram;Daan;Sem;Thijs;Joris;Ruud;Bas;Jeroen;Stijn;Martijn;Niels;Erik;Mark;Peter;Frank;Rob;Arjen;Wouter;Teun;Gijs;Ruben",
        "Maria|Marie;Johanna|Anneke,Joke;Anna|Anneke;Cornelia|Corrie,Nel;Wilhelmina|Mien,Willy;Geertruida|Truus;Elisabeth|Els,Lies;Femke;Anouk;Sanne;Lotte;Marieke;Ingrid;Annelies;Sophie;Emma;Julia;Eva;Noor;Lisa;Inge;Linda;Monique;Esther;Petra;Sandra;Mirjam;Renée;Chloë;Daphne;Iris",
        "de Jong;Jansen;de Vries;van den Berg;van Dijk;Bakker;Janssen;Visser;Smit;Meijer;de Boer;Mulder;de Groot;Bos;Vos;Peters;Hendriks;van Leeuwen;Dekker;Brouwer;de Wit;Dijkstra;Smits;de Graaf;van der Meer;van der Linden;Kok;Jacobs;de Haan;Vermeulen;van den Heuvel;van der Veen;van den Broek;de Bruijn;de Bruin;van der Heijden;Schouten;van Beek;Willems;van Vliet;van de Ven;Hoekstra;Maas;Verhoeven;Koster;van Dam;van der Wal;Prins;Blom;Huisman;Peeters;de Jonge;Kuipers;van Veen;Post;Kuiper;Veenstra;Kramer;van den Brink;Scholten;van Wijk;Postma;Martens;Vink;de Ruiter;Timmermans;Groen;Gerritsen;Jonker;van Loon;van der Velde;Willemsen;de Lange;de Vos;Bosch;van Dongen;Schipper;de Koning;van der Laan;Driessen;van Doorn;Hermans;Evers;van den Bosch;van der Meulen;Hofman;Bosman;Wolters;van der Horst;Mol;Kuijpers;Molenaar;van de Pol;de Leeuw;Verbeek;IJzerman")
    {
        NameChange = AtlanticNameChange.DutchHyphen,
    };

    public static readonly AtlanticCulture Swedish = new(
        "sv",
        "sv",
        "Lars;Mikael|Micke;Anders;Johan;Per|Pelle;Erik;Karl|Kalle;Peter;Thomas;Jan;Daniel;Fredrik|Fredde;Hans;Bengt;Stefan;Mats;Magnus|Mange;Nils;Björn;Håkan;Göran;Sven;Jörgen;Oskar;Gustav|Gurra;Olof|Olle;Åke;Linus;Emil;Viktor;Axel;Hugo",
        "Anna;Eva;Maria;Karin;Kristina|Kicki,Stina;Lena;Kerstin;Sara;Emma;Ingrid;Marie;Malin;Jenny;Birgitta|Gittan,Britt;Annika;Linnéa;Susanne;Elin;Monica;Åsa;Margareta|Maggan;Ulrika|Ulla;Sofia;Ebba;Frida;Märta;Maja;Elsa;Astrid;Camilla;Helena;Johanna;Hanna",
        "Andersson;Johansson;Karlsson;Nilsson;Eriksson;Larsson;Olsson;Persson;Svensson;Gustafsson;Pettersson;Jonsson;Jansson;Hansson;Bengtsson;Jönsson;Lindberg;Jakobsson;Magnusson;Lindström;Olofsson;Lindqvist;Lindgren;Berg;Axelsson;Bergström;Lundberg;Lind;Lundgren;Lundqvist;Mattsson;Berglund;Fredriksson;Sandberg;Henriksson;Forsberg;Sjöberg;Wallin;Engström;Håkansson;Danielsson;Eklund;Lundin;Gunnarsson;Holm;Björk;Bergman;Samuelsson;Fransson;Wikström;Isaksson;Nyström;Holmberg;Arvidsson;Löfgren;Söderberg;Nyberg;Blomqvist;Claesson;Nordström;Mårtensson;Lundström;Åberg;Öberg;Strand;Ström;Åkesson;Sundberg;Ekström;Hedlund;Dahlberg;Sjögren;Hellström;Sundström;Öhman")
    {
        Fold = AtlanticFold.Nordic,
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    public static readonly AtlanticCulture Norwegian = new(
        "no",
        "no",
        "Jan;Per;Bjørn;Ole;Lars;Kjell;Knut;Arne;Svein;Thomas;Hans;Geir;Tor;Morten;Terje;Odd;Erik;Martin;Andreas;Rune;Trond;Harald;Jon;Anders;Espen;Øyvind;Ørjan;Håkon;Håvard;Jørgen;Torbjørn;Sindre;Eirik;Sjur;Magnus;Kristoffer|Kris",
        "Anne;Inger;Kari;Marit;Ingrid;Liv;Eva;Berit;Astrid;Bjørg;Hilde;Anna;Solveig;Marianne;Randi;Ida;Nina;Elisabeth|Lisa;Kristin;Bente;Heidi;Silje;Hege;Tone;Ragnhild;Siv;Tove;Åse;Sigrid;Ingeborg;Guro;Synnøve;Kjersti;Mari;Nora;Thea",
        "Hansen;Johansen;Olsen;Larsen;Andersen;Pedersen;Nilsen;Kristiansen;Jensen;Karlsen;Johnsen;Pettersen;Eriksen;Berg;Haugen;Hagen;Johannessen;Andreassen;Jacobsen;Dahl;Jørgensen;Halvorsen;Henriksen;Lund;Sørensen;Jakobsen;Moen;Gundersen;Iversen;Strand;Solberg;Svendsen;Eide;Knutsen;Martinsen;Paulsen;Bakken;Kristoffersen;Mathisen;Lie;Amundsen;Rasmussen;Lunde;Solheim;Berntsen;Nygård;Moe;Bakke;Kristensen;Fredriksen;Holm;Lien;Hauge;Christensen;Andresen;Nielsen;Knudsen;Evensen;Sæther;Aas;Myhre;Hanssen;Ødegård;Ødegaard;Haugland;Thomassen;Sivertsen;Sandvik;Simonsen;Berge;Danielsen;Brekke;Tangen;Nordby;Løken;Fjeld;Vik;Ruud;Dalen;Bjørnstad;Aasen;Sætre;Grønvold")
    {
        Fold = AtlanticFold.Nordic,
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    public static readonly AtlanticCulture Irish = new(
        "ga",
        "en",
        "Seán|Sean,John,Shaun;Patrick|Pat,Paddy,Pádraig;Michael|Mick,Mike,Mícheál;John|Johnny,Seán;Conor;Daniel|Dan,Danny;James|Jim,Séamus;Declan;Ciarán|Ciaran;Eoin|Owen;Liam;Darragh;Cian;Oisín|Oisin;Brian;Colm;Kevin;Niall;Dónal|Donal;Brendan;Fergal;Cathal;Diarmuid|Dermot;Tadhg;Paul;Mark;Thomas|Tom,Tomás;Aidan;Ronan;Shane;Gearóid|Gerard,Ger",
        "Mary|Máire,Maura;Siobhán|Siobhan,Joan;Niamh;Aoife;Sinéad|Sinead;Róisín|Roisin,Rosie;Caoimhe;Saoirse;Aisling|Ashling;Orla|Órla;Gráinne|Grainne;Bríd|Brid,Bridget;Deirdre;Eimear;Clodagh;Emer;Ciara;Sarah;Catherine|Kate,Cathy,Caitríona;Margaret|Maggie,Peggy,Mairéad;Bernadette|Bernie;Fiona;Úna|Una,Oonagh;Orlaith;Dearbhla;Éabha|Eva;Méabh|Maeve",
        "Murphy;Kelly;O'Sullivan;Walsh;Smith;O'Brien;Byrne;Ryan;O'Connor;O'Neill;O'Reilly;Doyle;McCarthy;Gallagher;O'Doherty;Kennedy;Lynch;Murray;Quinn;Moore;McLoughlin;O'Carroll;Connolly;Daly;O'Connell;Wilson;Dunne;Brennan;Burke;Collins;Campbell;Clarke;Johnston;Hughes;O'Farrell;Fitzgerald;Brown;Martin;Maguire;Nolan;Flynn;Thompson;O'Callaghan;O'Donnell;Duffy;O'Mahony;Boyle;Healy;O'Shea;White;Sweeney;Hayes;Kavanagh;Power;McGrath;Moran;Brady;Stewart;Casey;Foley;Fitzpatrick;O'Leary;McDonnell;MacMahon;Donnelly;Regan;Donovan;Burns;Flanagan;Mullan;Barry;Kane;Cunningham;Griffin;Kenny;Sheehan;Ward;Whelan;Lyons;Reid;Higgins;Cullen;Keane;Maher;McKenna;Hogan;O'Keeffe;McNamara;O'Rourke;Buckley;O'Dwyer")
    {
        NameChange = AtlanticNameChange.TakeOrHyphen,
        NativeSurnames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Murphy"] = "Ó Murchú/Ní Mhurchú",
            ["Kelly"] = "Ó Ceallaigh/Ní Cheallaigh",
            ["O'Sullivan"] = "Ó Súilleabháin/Ní Shúilleabháin",
            ["Walsh"] = "Breathnach/Breathnach",
            ["O'Brien"] = "Ó Briain/Ní Bhriain",
            ["Byrne"] = "Ó Broin/Ní Bhroin",
            ["Ryan"] = "Ó Riain/Ní Riain",
            ["O'Connor"] = "Ó Conchúir/Ní Chonchúir",
            ["O'Neill"] = "Ó Néill/Ní Néill",
            ["McCarthy"] = "Mac Cárthaigh/Nic Cárthaigh",
            ["Kennedy"] = "Ó Cinnéide/Ní Chinnéide",
            ["Quinn"] = "Ó Cuinn/Ní Chuinn",
        },
    };

    public static readonly AtlanticCulture English = new(
        "en",
        "en",
        "James|Jim,Jimmy,Jamie;John|Jack,Johnny;Robert|Bob,Rob,Bobby;Michael|Mike;William|Bill,Will,Billy,Liam;David|Dave;Richard|Rick,Rich,Dick;Joseph|Joe;Thomas|Tom,Tommy;Charles|Charlie,Chuck;Christopher|Chris;Daniel|Dan,Danny;Matthew|Matt;Anthony|Tony;Mark;Donald|Don;Steven|Steve;Paul;Andrew|Andy,Drew;Joshua|Josh;Kenneth|Ken;Kevin;Brian;George;Timothy|Tim;Ronald|Ron;Edward|Ed,Ted,Eddie;Jason;Jeffrey|Jeff;Ryan;Jacob|Jake;Gary;Nicholas|Nick;Eric;Jonathan|Jon;Stephen|Steve;Scott;Benjamin|Ben;Samuel|Sam;Gregory|Greg;Alexander|Alex;Patrick|Pat;Raymond|Ray;Henry|Hank,Harry;Douglas|Doug;Peter|Pete;Zachary|Zach;Nathan|Nate;Walter|Walt;Gerald|Gerry,Jerry;Lawrence|Larry;Philip|Phil;Theodore|Ted,Theo;Frederick|Fred;Oliver|Ollie;Callum",
        "Mary;Patricia|Pat,Patty,Trish;Jennifer|Jen,Jenny;Linda;Elizabeth|Liz,Beth,Betty,Lisa;Barbara|Barb;Susan|Sue,Susie;Jessica|Jess;Sarah;Karen;Nancy;Lisa;Margaret|Maggie,Peggy,Meg;Sandra|Sandy;Ashley;Kimberly|Kim;Emily;Donna;Michelle;Dorothy|Dot;Carol;Amanda|Mandy;Melissa|Mel;Deborah|Deb,Debbie;Stephanie|Steph;Rebecca|Becky,Becca;Sharon;Laura;Cynthia|Cindy;Kathleen|Kathy;Amy;Angela|Angie;Helen;Anna;Pamela|Pam;Nicole|Nikki;Emma;Samantha|Sam;Katherine|Kate,Kathy,Katie;Christine|Chris,Chrissy;Rachel;Catherine|Cathy,Kate;Heather;Diane;Julie;Victoria|Vicky,Tori;Olivia|Liv;Megan|Meg;Jacqueline|Jackie;Abigail|Abby;Alexandra|Alex;Gwendolyn|Gwen;Charlotte|Charlie;Frances|Fran",
        "Smith;Johnson;Williams;Brown;Jones;Miller;Davis;Wilson;Anderson;Taylor;Thomas;Moore;Jackson;Martin;Lee;Thompson;White;Harris;Clark;Lewis;Robinson;Walker;Young;Allen;King;Wright;Scott;Hill;Green;Adams;Baker;Nelson;Carter;Mitchell;Roberts;Turner;Phillips;Campbell;Parker;Evans;Edwards;Collins;Stewart;Morris;Murphy;Cook;Rogers;Morgan;Cooper;Peterson;Reed;Bailey;Bell;Kelly;Howard;Ward;Cox;Richardson;Wood;Watson;Brooks;Bennett;Gray;James;Hughes;Price;Sanders;Myers;Long;Ross;Foster;Powell;Jenkins;Perry;Russell;Sullivan;Fisher;Henderson;Coleman;Simmons;Patterson;Jordan;Reynolds;Hamilton;Graham;Wallace;Cole;West;Stone;Hayes;Gibson;Ellis;Marshall;Owens;Harrison;Davies;Hall;Clarke;Lloyd;MacDonald;McDonald;Schmidt;Kowalski;Ferguson;Fitzgerald")
    {
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    /// <summary>British and North American families of South Asian origin (the Patels at Coho Winery).</summary>
    public static readonly AtlanticCulture SouthAsian = new(
        "in",
        "en",
        "Rajesh|Raj;Amit;Sanjay;Vikram|Vik;Anil;Deepak;Ravi;Arjun;Rohan;Sunil;Nikhil|Nik;Kiran;Harpreet;Mohammed|Mo;Imran",
        "Priya;Sunita;Neha;Anjali;Meera;Nisha;Pooja;Kavita;Shreya;Aisha;Fatima;Kiran;Harpreet;Asha",
        "Patel;Shah;Singh;Khan;Ahmed;Mistry;Desai;Sharma;Kaur;Gill;Hussain;Joshi;Mehta;Parekh;Chauhan;Iqbal")
    {
        NameChange = AtlanticNameChange.TakeOrHyphen,
    };

    public static readonly AtlanticCulture Quebec = new(
        "qc",
        "qc",
        "Jean-Guy;Marc-André|Marc André;Pierre-Luc|Pierre Luc;Jean-François|JF;Mathieu;Étienne;Gilles;Réjean;Benoît;Félix;Maxime|Max;Simon;Luc;Martin;Sylvain;Stéphane;Guy;Yves;Denis;François;Louis;Olivier;Alexandre|Alex;Gabriel;Samuel|Sam;Jérémie;Vincent",
        "Marie-Ève|Marie Ève,Marie-Eve;Geneviève;Josée;Annie;Sylvie;Nathalie;Stéphanie;Émilie;Mélanie;Francine;Isabelle;Julie;Catherine;Marie-Claude;Karine;Chantal;Valérie;Caroline;Audrey;Véronique;Manon;Lyne;Johanne;Marie-Josée;Andrée-Anne;Maude;Ariane;Léa;Rosalie",
        "Tremblay;Gagnon;Roy;Côté;Bouchard;Gauthier;Morin;Lavoie;Fortin;Gagné;Ouellet;Pelletier;Bélanger;Lévesque;Bergeron;Leblanc;Paquette;Girard;Simard;Boucher;Caron;Beaulieu;Cloutier;Dubé;Poirier;Fournier;Lapointe;Leclerc;Lefebvre;Poulin;Thibault;St-Pierre;Nadeau;Martel;Gilbert;Hébert;Dufour;Mercier;Desjardins;Champagne;Bédard;Lemieux;Gosselin;Vachon;Langlois;Boivin;Charbonneau;Landry;Gingras;Savard;Perron;Villeneuve;Desrosiers;Tessier;St-Onge;Lachance;Drouin;Brassard;Lalonde;Guay;Rioux;Turcotte;Marcoux;Labelle;Bérubé;Proulx")
    {
        HyphenatedAtBirth = true,
    };

    public static readonly AtlanticCountry[] Countries =
    [
        Country("US", "USA", "United States", ["USA", "United States of America", "U.S.", "U.S.A."], "com", [-300, -360, -420, -480], AtlanticKeyboard.Qwerty, "en", 20,
            "gmail.com:55,yahoo.com:14,outlook.com:10,hotmail.com:8,icloud.com:7,aol.com:4,comcast.net:2",
            (English, 66), (Mexican, 10), (Spanish, 3), (Irish, 5), (Italian, 5), (German, 3), (Polish, 3), (SouthAsian, 4), (Portuguese, 1)),
        Country("DE", "DEU", "Germany", ["Deutschland", "germany", "GERMANY"], "de", [60], AtlanticKeyboard.Qwertz, "de", 12,
            "gmx.de:20,web.de:20,gmail.com:20,t-online.de:15,googlemail.com:8,outlook.de:5,yahoo.de:4,freenet.de:4,posteo.de:2,icloud.com:2",
            (German, 86), (Polish, 6), (Italian, 4), (Spanish, 2), (Dutch, 2)),
        Country("GB", "GBR", "United Kingdom", ["UK", "Great Britain", "England", "U.K."], "co.uk", [0], AtlanticKeyboard.Qwerty, "en", 9,
            "gmail.com:40,hotmail.co.uk:15,btinternet.com:10,yahoo.co.uk:10,outlook.com:8,sky.com:7,icloud.com:5,live.co.uk:5",
            (English, 74), (SouthAsian, 9), (Polish, 7), (Irish, 5), (Italian, 3), (Portuguese, 2)),
        Country("FR", "FRA", "France", ["france", "FRANCE"], "fr", [60], AtlanticKeyboard.Azerty, "fr", 7,
            "gmail.com:35,orange.fr:20,hotmail.fr:12,free.fr:10,yahoo.fr:8,laposte.net:8,sfr.fr:5,wanadoo.fr:2",
            (French, 88), (Portuguese, 4), (Spanish, 3), (Italian, 3), (Polish, 2)),
        Country("ES", "ESP", "Spain", ["España", "Espana", "spain"], "es", [60], AtlanticKeyboard.Qwerty, "es", 6,
            "gmail.com:50,hotmail.com:15,hotmail.es:10,yahoo.es:10,outlook.es:8,telefonica.net:4,icloud.com:3",
            (Spanish, 92), (French, 3), (English, 3), (Portuguese, 2)),
        Country("BR", "BRA", "Brazil", ["Brasil", "brasil", "BRAZIL"], "com.br", [-180], AtlanticKeyboard.Qwerty, "pt", 6,
            "gmail.com:55,hotmail.com:15,yahoo.com.br:10,outlook.com:8,uol.com.br:6,bol.com.br:4,terra.com.br:2",
            (Portuguese, 90), (Italian, 5), (German, 3), (Spanish, 2)),
        Country("IT", "ITA", "Italy", ["Italia", "italia"], "it", [60], AtlanticKeyboard.Qwerty, "it", 6,
            "gmail.com:40,libero.it:20,hotmail.it:10,yahoo.it:8,virgilio.it:8,alice.it:6,tiscali.it:4,outlook.it:4",
            (Italian, 96), (French, 2), (German, 2)),
        Country("PL", "POL", "Poland", ["Polska", "polska", "POLAND"], "pl", [60], AtlanticKeyboard.Qwerty, "pl", 6,
            "gmail.com:35,wp.pl:20,o2.pl:15,onet.pl:12,interia.pl:10,op.pl:5,outlook.com:3",
            (Polish, 97), (German, 3)),
        Country("NL", "NLD", "Netherlands", ["The Netherlands", "Holland", "Nederland"], "nl", [60], AtlanticKeyboard.Qwerty, "nl", 5,
            "gmail.com:45,hotmail.com:15,ziggo.nl:10,kpnmail.nl:8,outlook.com:8,live.nl:6,xs4all.nl:4,home.nl:4",
            (Dutch, 92), (German, 4), (Polish, 2), (English, 2)),
        Country("CA", "CAN", "Canada", ["canada", "CANADA"], "ca", [-300, -300, -480, -420, -240], AtlanticKeyboard.Qwerty, "en", 5,
            "gmail.com:45,hotmail.com:15,outlook.com:10,yahoo.ca:10,videotron.ca:6,sympatico.ca:5,shaw.ca:5,rogers.com:4",
            (English, 52), (Quebec, 30), (SouthAsian, 6), (Portuguese, 3), (Italian, 4), (Polish, 3), (Irish, 2)),
        Country("MX", "MEX", "Mexico", ["México", "MEXICO"], "com.mx", [-360, -360, -420, -480], AtlanticKeyboard.Qwerty, "es", 5,
            "gmail.com:50,hotmail.com:25,outlook.com:10,yahoo.com.mx:10,prodigy.net.mx:5",
            (Mexican, 96), (English, 2), (Spanish, 2)),
        Country("SE", "SWE", "Sweden", ["Sverige", "sweden"], "se", [60], AtlanticKeyboard.Qwerty, "sv", 4,
            "gmail.com:50,hotmail.com:15,outlook.com:10,telia.com:10,live.se:8,yahoo.se:4,icloud.com:3",
            (Swedish, 90), (Norwegian, 3), (Polish, 3), (English, 2), (German, 2)),
        Country("NO", "NOR", "Norway", ["Norge", "norway"], "no", [60], AtlanticKeyboard.Qwerty, "no", 3,
            "gmail.com:50,hotmail.com:15,online.no:12,outlook.com:10,live.no:8,yahoo.no:5",
            (Norwegian, 90), (Swedish, 5), (Polish, 3), (English, 2)),
        Country("IE", "IRL", "Ireland", ["Éire", "Eire", "Republic of Ireland", "ireland"], "ie", [0], AtlanticKeyboard.Qwerty, "en", 3,
            "gmail.com:50,hotmail.com:15,eircom.net:12,yahoo.ie:8,outlook.com:8,icloud.com:7",
            (Irish, 82), (Polish, 8), (English, 5), (Portuguese, 3), (Italian, 2)),
    ];

    /// <summary>The role mailboxes a small company's staff share, by language.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RoleMailboxes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] = ["info", "sales", "it", "admin", "purchasing", "office", "accounts", "hello"],
        ["de"] = ["info", "einkauf", "vertrieb", "it", "buchhaltung", "office", "verwaltung", "kontakt"],
        ["pl"] = ["biuro", "kontakt", "info", "zakupy", "sekretariat", "it", "admin"],
        ["fr"] = ["contact", "info", "achats", "compta", "secretariat", "admin", "informatique"],
        ["es"] = ["info", "administracion", "compras", "ventas", "contacto", "oficina", "sistemas"],
        ["pt"] = ["contato", "comercial", "compras", "financeiro", "ti", "atendimento", "adm"],
        ["it"] = ["info", "amministrazione", "acquisti", "ufficio", "commerciale", "segreteria", "it"],
        ["nl"] = ["info", "inkoop", "administratie", "verkoop", "ict", "kantoor"],
        ["sv"] = ["info", "kontakt", "ekonomi", "inkop", "kontoret", "it"],
        ["no"] = ["post", "firmapost", "kontakt", "innkjop", "regnskap", "it"],
        ["qc"] = ["info", "administration", "achats", "comptabilite", "reception", "ti"],
    };

    /// <summary>Family mailboxes ({0} is the family name folded to ASCII, lower case).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FamilyMailboxes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] = ["the{0}s", "{0}family", "{0}.family", "{0}home", "the.{0}.family"],
        ["de"] = ["familie.{0}", "fam.{0}", "{0}.familie", "familie-{0}"],
        ["pl"] = ["{0}.rodzina", "rodzina.{0}", "dom.{0}"],
        ["fr"] = ["famille.{0}", "{0}.famille", "fam{0}"],
        ["es"] = ["familia.{0}", "fam.{0}", "casa{0}"],
        ["pt"] = ["familia.{0}", "fam{0}", "casa.{0}"],
        ["it"] = ["famiglia.{0}", "fam.{0}", "casa{0}"],
        ["nl"] = ["fam.{0}", "familie{0}", "{0}.thuis"],
        ["sv"] = ["familjen.{0}", "{0}.familjen"],
        ["no"] = ["familien.{0}", "{0}.familien"],
        ["qc"] = ["famille.{0}", "{0}.famille"],
    };

    /// <summary>Personal-mailbox handles unrelated to the owner's name.</summary>
    public static readonly string[] Handles =
    [
        "bluefalcon", "sunnyday", "mtbrider", "coffeelover", "nightowl", "redkite", "seabreeze", "pixelpusher",
        "oldtimer", "rockhopper", "tigerlily", "mapleleaf", "northstar", "sonnenblume", "bergfex", "kotek", "zielony",
        "petitprince", "chocolatine", "gatito", "mariposa", "girassol", "beijaflor", "gattonero", "stellina",
        "fietser", "zonnetje", "skogsmus", "fjellrev", "cliffwalker", "greenfingers", "dragonfly", "trailrunner",
    ];

    private static AtlanticCountry Country(
        string code, string alpha3, string name, string[] otherNames, string tld, int[] offsets, AtlanticKeyboard keyboard,
        string language, int weight, string freemail, params (AtlanticCulture Culture, int Weight)[] cultures) =>
        new()
        {
            Code = code,
            Alpha3 = alpha3,
            Name = name,
            OtherNames = otherNames,
            Tld = tld,
            UtcOffsets = offsets,
            Keyboard = keyboard,
            Language = language,
            Weight = weight,
            Freemail = freemail.Split(',').Select(pair => (pair[..pair.IndexOf(':', StringComparison.Ordinal)], int.Parse(pair[(pair.IndexOf(':', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture))).ToArray(),
            Cultures = cultures,
        };
}
