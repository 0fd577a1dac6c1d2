using System;
using System.Collections.Generic;
using System.Globalization;

namespace MarketplaceLeads.Testing.Corpora;

/// <summary>Job titles and the notes customers type into <em>Contact me</em>, in the languages of the Atlantic countries.</summary>
internal static class AtlanticContent
{
    /// <summary>Job titles by language; "masculine|feminine" where the language marks gender.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Titles = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] = ["IT Manager", "Owner", "CEO", "Director of IT", "CTO", "Operations Manager", "Office Manager", "Procurement Lead", "Purchasing Manager", "Systems Administrator", "Head of IT", "Managing Director", "Controller", "Finance Director", "Project Manager", "Sales Director", "Business Analyst", "IT Consultant", "Founder", "President", "Practice Manager", "VP Engineering"],
        ["de"] = ["Geschäftsführer|Geschäftsführerin", "IT-Leiter|IT-Leiterin", "Leiter IT|Leiterin IT", "Inhaber|Inhaberin", "Einkauf", "Prokurist|Prokuristin", "Systemadministrator|Systemadministratorin", "Buchhaltung", "Vertriebsleiter|Vertriebsleiterin", "Projektleiter|Projektleiterin", "Assistenz der Geschäftsführung", "IT-Administrator|IT-Administratorin", "CTO"],
        ["pl"] = ["Prezes Zarządu|Prezes Zarządu", "Kierownik IT|Kierowniczka IT", "Właściciel|Właścicielka", "Dyrektor IT|Dyrektor IT", "Specjalista ds. zakupów|Specjalistka ds. zakupów", "Księgowy|Księgowa", "Administrator systemów|Administratorka systemów", "Kierownik projektu|Kierowniczka projektu", "Dyrektor Finansowy|Dyrektor Finansowa", "Office Manager"],
        ["fr"] = ["Directeur général|Directrice générale", "DSI", "Responsable informatique", "Gérant|Gérante", "Chef de projet|Cheffe de projet", "Responsable des achats", "Comptable", "Directeur commercial|Directrice commerciale", "Administrateur systèmes|Administratrice systèmes", "Assistant de direction|Assistante de direction"],
        ["qc"] = ["Président|Présidente", "Directeur TI|Directrice TI", "Gestionnaire de projets", "Responsable des achats", "Propriétaire", "Contrôleur|Contrôleuse", "Administrateur réseau|Administratrice réseau", "Directeur des opérations|Directrice des opérations"],
        ["es"] = ["Director General|Directora General", "Gerente de TI", "Responsable de Sistemas", "Jefe de Compras|Jefa de Compras", "Administrador|Administradora", "Director de Operaciones|Directora de Operaciones", "Contable", "Gerente General", "Coordinador de TI|Coordinadora de TI", "CEO"],
        ["pt"] = ["Diretor de TI|Diretora de TI", "Gerente de TI", "Sócio|Sócia", "Analista de Sistemas", "Coordenador de Compras|Coordenadora de Compras", "Gerente Comercial", "Diretor Executivo|Diretora Executiva", "Contador|Contadora", "CEO", "Analista Financeiro|Analista Financeira"],
        ["it"] = ["Amministratore Delegato|Amministratrice Delegata", "Responsabile IT", "Titolare", "Direttore Tecnico|Direttrice Tecnica", "Ufficio Acquisti", "Responsabile Amministrativo|Responsabile Amministrativa", "Project Manager", "Sistemista", "Impiegato|Impiegata", "CEO"],
        ["nl"] = ["Directeur", "Eigenaar", "IT-manager", "Hoofd ICT", "Inkoper", "Systeembeheerder", "Office manager", "Projectleider", "Financieel Manager", "Algemeen Directeur", "DGA"],
        ["sv"] = ["VD", "IT-chef", "Ekonomichef", "Inköpare", "Systemadministratör", "Projektledare", "Ägare", "Säljchef", "CTO"],
        ["no"] = ["Daglig leder", "IT-sjef", "Økonomisjef", "Innkjøper", "Prosjektleder", "Systemansvarlig", "Eier", "Salgssjef", "CTO"],
    };

    /// <summary>What customers write in the <em>Contact me</em> box ({0} a number of users).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Notes = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] = ["Please contact me about pricing for {0} users.", "Interested in a demo next week.", "Can you send me more information?", "We are evaluating options for Q1, please call.", "Looking for a partner in our region.", "How does licensing work for non-profits?", "Need help migrating from our current system.", "Please call me back.", "Do you integrate with QuickBooks?", "We have {0} seats, is there a volume discount?", "Is there a free trial?"],
        ["de"] = ["Bitte um Rückruf.", "Wir interessieren uns für eine Demo.", "Bitte senden Sie mir ein Angebot für {0} Nutzer.", "Gibt es eine deutsche Version?", "Ist das DSGVO-konform? Hosting in der EU?", "Bitte kontaktieren Sie mich per E-Mail.", "Wir suchen eine Lösung für {0} Arbeitsplätze.", "Gibt es einen Partner in unserer Region?"],
        ["pl"] = ["Proszę o kontakt.", "Proszę o ofertę dla {0} użytkowników.", "Czy jest polska wersja językowa?", "Interesuje nas demo.", "Proszę o telefon po 15:00.", "Czy możliwa jest faktura VAT?"],
        ["fr"] = ["Merci de me recontacter.", "Nous souhaiterions une démonstration.", "Pouvez-vous m'envoyer un devis pour {0} utilisateurs ?", "Est-ce disponible en français ?", "Hébergement des données en France ?", "Je souhaite être rappelé."],
        ["qc"] = ["Veuillez me contacter.", "Nous aimerions une démo.", "Pouvez-vous m'envoyer une soumission pour {0} utilisateurs?", "Offrez-vous le service en français?", "Rappelez-moi svp."],
        ["es"] = ["Por favor, contáctenme.", "Nos interesa una demostración.", "¿Pueden enviarme una cotización para {0} usuarios?", "¿Tienen distribuidor en nuestra zona?", "Necesito información sobre precios.", "Llámenme por la mañana, gracias."],
        ["pt"] = ["Gostaria de uma demonstração.", "Por favor, entrem em contato.", "Preciso de um orçamento para {0} usuários.", "Vocês têm parceiro no Brasil?", "Tem suporte em português?", "Podem me ligar à tarde?"],
        ["it"] = ["Vorrei una demo.", "Per favore ricontattatemi.", "Potete inviarmi un preventivo per {0} utenti?", "È disponibile in italiano?", "Siamo interessati, chiamatemi dopo le 14.", "Serve la fattura elettronica."],
        ["nl"] = ["Graag meer informatie.", "Kunt u mij terugbellen?", "Wij willen graag een demo.", "Wat kost het voor {0} gebruikers?", "Is er een Nederlandse versie?"],
        ["sv"] = ["Kontakta mig gärna.", "Vi vill gärna se en demo.", "Kan ni skicka en offert för {0} användare?", "Finns det på svenska?"],
        ["no"] = ["Ta gjerne kontakt.", "Vi ønsker en demo.", "Kan dere sende et tilbud for {0} brukere?", "Finnes det på norsk?"],
    };

    /// <summary>A second request of the same kind, by language.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FollowUps = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["en"] = ["Following up on my earlier request.", "Still interested, nobody called back.", "Second request, please get in touch."],
        ["de"] = ["Nachtrag zu meiner Anfrage.", "Leider noch keine Rückmeldung erhalten.", "Zweite Anfrage, bitte melden."],
        ["pl"] = ["Ponawiam prośbę o kontakt.", "Nadal czekam na odpowiedź."],
        ["fr"] = ["Je relance ma demande.", "Toujours intéressé, sans nouvelles de votre part."],
        ["qc"] = ["Je relance ma demande.", "Toujours intéressé, personne ne m'a rappelé."],
        ["es"] = ["Reitero mi solicitud.", "Sigo interesado, nadie me ha contactado."],
        ["pt"] = ["Reforçando meu pedido.", "Ainda aguardo retorno."],
        ["it"] = ["Sollecito la mia richiesta.", "Ancora in attesa di risposta."],
        ["nl"] = ["Nogmaals mijn verzoek.", "Nog steeds geen reactie ontvangen."],
        ["sv"] = ["Påminnelse om min förfrågan.", "Har inte hört något än."],
        ["no"] = ["Purrer på henvendelsen min.", "Har ikke hørt noe ennå."],
    };

    /// <summary>What people type in the company box when they have none.</summary>
    public static readonly string[] NoCompany = ["n/a", "-", "none", "Private", "Privat", "Particulier", "Self-employed", "Freelancer", "Autónomo", "Autônomo", "ZZP", "Libero professionista", "."];

    private static readonly string[] CampaignSources = ["linkedin", "newsletter", "google", "partner-portal", "event", "bing", "facebook"];
    private static readonly string[] CampaignMedia = ["paid-social", "email", "cpc", "referral", "organic"];
    private static readonly string[] CampaignNames = ["fy27-emea-smb", "fy27-latam-q2", "fy27-na-retail", "webinar-nov", "gdpr-week", "black-friday", "partner-summit"];

    /// <summary>Returns a note in the language.</summary>
    public static string Note(AtlanticDice dice, string language)
    {
        var note = dice.Pick(Notes[language]);
        var users = dice.Pick(new[] { 5, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100, 150, 250 });
        return string.Format(CultureInfo.InvariantCulture, note, users);
    }

    /// <summary>Returns the URL query parameters AppSource passes on as a JSON object (campaign ids).</summary>
    public static string Campaign(AtlanticDice dice) =>
        dice.Chance(0.7)
            ? $"{{\"utm_source\":\"{dice.Pick(CampaignSources)}\",\"utm_medium\":\"{dice.Pick(CampaignMedia)}\",\"utm_campaign\":\"{dice.Pick(CampaignNames)}\"}}"
            : $"{{\"mktcmpid\":\"{dice.Pick(CampaignNames)}-{dice.Digits(4)}\"}}";

    /// <summary>Returns a job title in the language for a man or a woman.</summary>
    public static string Title(AtlanticDice dice, string language, bool female)
    {
        var entry = dice.PickZipf(Titles[language], 0.6);
        var bar = entry.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? entry : female ? entry[(bar + 1)..] : entry[..bar];
    }
}
