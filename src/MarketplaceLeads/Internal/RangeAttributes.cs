using System;
using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace MarketplaceLeads.Internal;

/// <summary>Requires an <see cref="int"/> option between two bounds (inclusive); the message names the option and its value.</summary>
/// <param name="minimum">The smallest valid value.</param>
/// <param name="maximum">The largest valid value.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IntBetweenAttribute(int minimum, int maximum) : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is int number && number >= minimum && number <= maximum
            ? ValidationResult.Success
            : OutOfRange(validationContext, value, minimum.ToString("N0", CultureInfo.InvariantCulture), maximum.ToString("N0", CultureInfo.InvariantCulture));

    internal static ValidationResult OutOfRange(ValidationContext context, object? value, string minimum, string maximum)
    {
        var member = context.MemberName ?? context.DisplayName;
        var text = value switch
        {
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            null => "null",
            _ => value.ToString(),
        };
        return new ValidationResult(
            $"{context.ObjectType.Name}.{member} must be between {minimum} and {maximum}; it is {text}.",
            member is null ? null : [member]);
    }
}

/// <summary>Requires a <see cref="TimeSpan"/> option between two bounds (inclusive, in the invariant "c" format); the message names the option and its value.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanBetweenAttribute : ValidationAttribute
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="minimum">The smallest valid value, such as <c>00:00:00</c>.</param>
    /// <param name="maximum">The largest valid value, such as <c>01:00:00</c>.</param>
    public TimeSpanBetweenAttribute(string minimum, string maximum)
    {
        _minimum = TimeSpan.ParseExact(minimum, "c", CultureInfo.InvariantCulture);
        _maximum = TimeSpan.ParseExact(maximum, "c", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is TimeSpan span && span >= _minimum && span <= _maximum
            ? ValidationResult.Success
            : IntBetweenAttribute.OutOfRange(validationContext, value, _minimum.ToString("c", CultureInfo.InvariantCulture), _maximum.ToString("c", CultureInfo.InvariantCulture));
}
