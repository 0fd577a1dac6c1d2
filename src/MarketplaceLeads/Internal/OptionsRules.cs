using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Internal;

// The one way options are validated in every package (this file is compiled into each of them): validation attributes
// and IValidatableObject on the options, checked by a source-generated [OptionsValidator] (no reflection). Every message
// reads "<Type>.<Property> <rule>; it is <value>." and never quotes a secret.

/// <summary>Requires a whole number between two bounds (inclusive); <see langword="null"/> passes.</summary>
/// <param name="minimum">The smallest valid value.</param>
/// <param name="maximum">The largest valid value; <see cref="long.MaxValue"/> for no upper bound.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class IntBetweenAttribute(long minimum, long maximum = long.MaxValue) : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        long? number = value switch { int i => i, long l => l, _ => null };
        if (value is null || (number >= minimum && number <= maximum))
        {
            return ValidationResult.Success;
        }

        return OptionsRules.Fail(validationContext, maximum == long.MaxValue
            ? $"must be at least {OptionsRules.Bound(minimum)}; it is {OptionsRules.Text(value)}"
            : $"must be between {OptionsRules.Bound(minimum)} and {OptionsRules.Bound(maximum)}; it is {OptionsRules.Text(value)}");
    }
}

/// <summary>Requires a number between two bounds (inclusive).</summary>
/// <param name="minimum">The smallest valid value.</param>
/// <param name="maximum">The largest valid value.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DoubleBetweenAttribute(double minimum, double maximum) : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is double number && number >= minimum && number <= maximum
            ? ValidationResult.Success
            : OptionsRules.Fail(validationContext, $"must be between {OptionsRules.Text(minimum)} and {OptionsRules.Text(maximum)}; it is {OptionsRules.Text(value)}");
}

/// <summary>Requires a <see cref="TimeSpan"/> between two bounds (inclusive, in the invariant "c" format); <see langword="null"/> passes.</summary>
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
        value is null || (value is TimeSpan span && span >= _minimum && span <= _maximum)
            ? ValidationResult.Success
            : OptionsRules.Fail(validationContext, $"must be between {OptionsRules.Text(_minimum)} and {OptionsRules.Text(_maximum)}; it is {OptionsRules.Text(value)}");
}

/// <summary>Requires a value that is set: not <see langword="null"/> and, for a text, not empty or white space.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class NotEmptyAttribute : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) => value switch
    {
        null => OptionsRules.Fail(validationContext, "must be set; it is null"),
        string text when string.IsNullOrWhiteSpace(text) => OptionsRules.Fail(validationContext, $"must not be empty; it is '{text}'"),
        _ => ValidationResult.Success,
    };
}

/// <summary>Requires a defined value of an enum.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DefinedEnumAttribute : ValidationAttribute
{
    /// <inheritdoc/>
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is Enum e && Enum.IsDefined(e.GetType(), e)
            ? ValidationResult.Success
            : OptionsRules.Fail(validationContext, $"must be one of {(value is Enum bad ? string.Join(", ", Enum.GetNames(bad.GetType())) : "the defined values")}; it is {OptionsRules.Text(value is Enum n ? Convert.ToInt64(n, CultureInfo.InvariantCulture) : value)}");
}

/// <summary>Builds the failures of the validation attributes and <see cref="IValidatableObject"/>s, and runs a generated validator where options are used without dependency injection.</summary>
internal static class OptionsRules
{
    /// <summary>A failure of the property being validated: "<c>Type.Property problem.</c>".</summary>
    public static ValidationResult Fail(ValidationContext context, string problem)
    {
        var member = context.MemberName ?? context.DisplayName;
        return new ValidationResult($"{context.ObjectType.Name}.{member} {problem}.", [member]);
    }

    /// <summary>A failure of <paramref name="property"/> (whose text, such as <c>Cadence[Trial][1]</c>, may add an index to the property's name) of <typeparamref name="TOptions"/>, for <see cref="IValidatableObject.Validate"/>.</summary>
    public static ValidationResult Fail<TOptions>(string property, string problem)
    {
        var bracket = property.IndexOf('[', StringComparison.Ordinal);
        return new ValidationResult($"{typeof(TOptions).Name}.{property} {problem}.", [bracket < 0 ? property : property[..bracket]]);
    }

    /// <summary>Formats a bound for a message: <c>10,000</c>.</summary>
    public static string Bound(long bound) => bound.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats a value for a message: invariant culture, <c>c</c> for time spans.</summary>
    public static string Text(object? value) => value switch
    {
        null => "null",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Validates options that are used without dependency injection (passed to a constructor, or to an <c>Add…</c> method that keeps them), with the same generated validator as at start-up.</summary>
    /// <exception cref="ArgumentException">An option is invalid; <see cref="ArgumentException.ParamName"/> is the first property at fault and the message is every failure ("<c>Type.Property rule; it is value.</c>").</exception>
    public static TOptions ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options)
        where TOptions : class
    {
        var result = validator.Validate(Options.DefaultName, options);
        if (!result.Failed)
        {
            return options;
        }

        string? paramName = null;
        var messages = new List<string>();
        foreach (var failure in result.Failures ?? [result.FailureMessage])
        {
            // The generated validator prefixes each failure with its member ("MaxBlockSize: DeduplicationOptions.MaxBlockSize …"): the parameter.
            var colon = failure.IndexOf(": ", StringComparison.Ordinal);
            var member = colon > 0 ? failure[..colon] : null;
            if (member is not null && failure.IndexOf($".{member}", colon, StringComparison.Ordinal) > 0)
            {
                paramName ??= member;
                messages.Add(failure[(colon + 2)..]);
            }
            else
            {
                messages.Add(failure);
            }
        }

        throw new ArgumentException(string.Join(" ", messages), paramName);
    }
}
