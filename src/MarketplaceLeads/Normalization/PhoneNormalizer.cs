using PhoneNumbers;

namespace MarketplaceLeads.Normalization;

/// <summary>
/// Normalises a phone number to E.164 with libphonenumber (Google's metadata, through
/// libphonenumber-csharp), using the lead's country as the region for numbers written without a
/// country code.
/// </summary>
/// <remarks>
/// Phone numbering rules differ per country and change every few months; libphonenumber's
/// metadata tracks them, which hand-written rules cannot.
/// </remarks>
internal static class PhoneNormalizer
{
    private const string UnknownRegion = "ZZ";

    public static FieldStatus Normalize(string? phone, string? regionAlpha2, out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(phone))
        {
            return FieldStatus.Missing;
        }

        var util = PhoneNumberUtil.GetInstance();
        try
        {
            var number = util.Parse(phone, regionAlpha2 ?? UnknownRegion);
            if (!util.IsValidNumber(number))
            {
                return FieldStatus.Invalid;
            }

            e164 = util.Format(number, PhoneNumberFormat.E164);
            return FieldStatus.Valid;
        }
        catch (NumberParseException)
        {
            return FieldStatus.Invalid;
        }
    }
}
