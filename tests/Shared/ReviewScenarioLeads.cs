namespace MarketplaceLeads.Testing;

/// <summary>The leads of the review scenarios the store tests share: a merge, a household to reject, a role mailbox to accept, a nickname left in the queue.</summary>
public static class ReviewScenarioLeads
{
    // Jo Lee: an e-mail-only lead and a phone-only lead, bridged by a lead with both (one profile of three: a merge).
    public static readonly Lead JoByEmail = TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", minutes: 0);
    public static readonly Lead JoByPhone = TestLeads.Make("Jo", "Lee", null, "+1 425 555 0199", minutes: 1, country: "US");
    public static readonly Lead JoByBoth = TestLeads.Make("Jo", "Lee", "jo@fabrikam.example", "+1 425 555 0199", minutes: 2, country: "US");

    // A household (one phone, different first names): a possible duplicate, rejected.
    public static readonly Lead Ana = TestLeads.Make("Ana", "Garcia", "ana@contoso.example", "+1 415 555 0134", minutes: 10, country: "US");
    public static readonly Lead Luis = TestLeads.Make("Luis", "Garcia", "luis.garcia@gmail.com", "+1 415 555 0134", minutes: 11, country: "US");

    // A role mailbox with one name: a possible duplicate, accepted.
    public static readonly Lead Rossi = TestLeads.Make("Maria", "Rossi", "info@fourthcoffee.example", company: "Fourth Coffee", minutes: 20);
    public static readonly Lead RossiAgain = TestLeads.Make("Maria", "Rossi", "INFO@fourthcoffee.example", company: "Fourth Coffee", action: "DNC", minutes: 21);

    // A nickname at one company: a possible duplicate, left in the queue.
    public static readonly Lead William = TestLeads.Make("William", "Turner", "wturner@litware.example", company: "Litware, Inc.", minutes: 30);
    public static readonly Lead Bill = TestLeads.Make("Bill", "Turner", "bill.turner@gmail.com", company: "LITWARE", minutes: 31);
}
