using System.Text.Json;
using Governance.Core.Json;
using Governance.Core.Validation;

namespace Governance.Core.Onboarding.Declarations;

/// <summary>
/// Parses and validates a manifest into field errors (<see cref="ValidationErrors"/>, a 400 problem at the HTTP
/// edge). Fields are nullable in the model so that a missing one is reported by name instead of failing the parse.
/// </summary>
public static class ManifestValidator
{
    public const int MaxTextLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxItems = 100;

    /// <summary>Authentication methods known by name; others are accepted if they look like identifiers.</summary>
    public static IReadOnlyList<string> KnownMethods { get; } = ["password", "sms_otp", "totp", "face", "fingerprint", "iris", "voiceprint", "gait"];

    /// <summary>The manifest in <paramref name="json"/>, or null with the reasons in <paramref name="errors"/>.</summary>
    public static OnboardingManifest? Parse(string json, ValidationErrors errors)
    {
        OnboardingManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<OnboardingManifest>(json, GovernanceJson.Options);
        }
        catch (JsonException ex)
        {
            errors.Add(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "manifest" : "manifest" + ex.Path.TrimStart('$'), "is not valid JSON of the expected shape.");
            return null;
        }

        if (manifest is null)
        {
            errors.Add("manifest", "is required.");
            return null;
        }

        Validate(manifest, errors);
        return errors.IsEmpty ? manifest : null;
    }

    public static void Validate(OnboardingManifest manifest, ValidationErrors errors)
    {
        if (manifest.App is not { } app)
        {
            errors.Add("app", "is required.");
        }
        else
        {
            Text(errors, "app.name", app.Name, MaxTextLength, required: true);
            Text(errors, "app.description", app.Description, MaxDescriptionLength, required: true);
            Text(errors, "app.category", app.Category, MaxTextLength, required: true);
            Text(errors, "app.homepage", app.Homepage, MaxTextLength, required: true);
            if (app.Homepage is { Length: > 0 } homepage
                && !(Uri.TryCreate(homepage, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                errors.Add("app.homepage", "must be an absolute http(s) URL.");
            }
        }

        Data(manifest.Data, errors);
        var methods = manifest.Authentication?.Methods;
        if (methods is null || methods.Count == 0)
        {
            errors.Add("authentication.methods", "must list at least one method.");
        }
        else
        {
            Items(errors, "authentication.methods", methods);
            for (var i = 0; i < methods.Count; i++)
            {
                if (methods[i] is not { Length: > 0 and <= 40 } m || !m.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                {
                    errors.Add($"authentication.methods[{i}]", $"must be a method name such as {string.Join(", ", KnownMethods)}.");
                }
            }
        }

        var sdks = manifest.Sdks ?? [];
        Items(errors, "sdks", sdks);
        for (var i = 0; i < sdks.Count; i++)
        {
            Text(errors, $"sdks[{i}].name", sdks[i]?.Name, MaxTextLength, required: true);
            Text(errors, $"sdks[{i}].vendor", sdks[i]?.Vendor, MaxTextLength, required: true);
            Text(errors, $"sdks[{i}].purpose", sdks[i]?.Purpose, MaxTextLength, required: true);
        }
    }

    private static void Data(ManifestData? data, ValidationErrors errors)
    {
        if (data is null)
        {
            errors.Add("data", "is required.");
            return;
        }

        var categories = data.Categories;
        if (categories is null || categories.Count == 0)
        {
            errors.Add("data.categories", "must list at least one category.");
        }
        else
        {
            Items(errors, "data.categories", categories);
            for (var i = 0; i < categories.Count; i++)
            {
                var c = categories[i];
                Text(errors, $"data.categories[{i}].name", c?.Name, MaxTextLength, required: true);
                if (c?.Classification is not { } classification || !DataClassifications.All.Contains(classification))
                {
                    errors.Add($"data.categories[{i}].classification", $"must be one of {string.Join(", ", DataClassifications.All)}.");
                }

                if (c?.PersonalInformation is null)
                {
                    errors.Add($"data.categories[{i}].personalInformation", "is required (true or false).");
                }

                if (c?.Sensitive is null)
                {
                    errors.Add($"data.categories[{i}].sensitive", "is required (true or false).");
                }
            }
        }

        var purposes = data.Purposes;
        if (purposes is null || purposes.Count == 0)
        {
            errors.Add("data.purposes", "must list at least one purpose.");
        }
        else
        {
            Items(errors, "data.purposes", purposes);
            for (var i = 0; i < purposes.Count; i++)
            {
                Text(errors, $"data.purposes[{i}]", purposes[i], MaxTextLength, required: true);
            }
        }

        if (data.RetentionDays is not { } retention || retention < 0)
        {
            errors.Add("data.retentionDays", "is required and must not be negative.");
        }

        if (data.SubjectsCount is not { } subjects || subjects < 0)
        {
            errors.Add("data.subjectsCount", "is required and must not be negative.");
        }

        if (data.CrossBorder is not { } crossBorder || crossBorder.Enabled is null)
        {
            errors.Add("data.crossBorder.enabled", "is required (true or false).");
        }
        else
        {
            var destinations = crossBorder.Destinations ?? [];
            if (crossBorder.Enabled == true && destinations.Count == 0)
            {
                errors.Add("data.crossBorder.destinations", "must list the destinations when transfers abroad are enabled.");
            }

            Items(errors, "data.crossBorder.destinations", destinations);
            for (var i = 0; i < destinations.Count; i++)
            {
                Text(errors, $"data.crossBorder.destinations[{i}]", destinations[i], MaxTextLength, required: true);
            }

            Text(errors, "data.crossBorder.assessmentReference", crossBorder.AssessmentReference, MaxTextLength, required: false);
        }
    }

    private static void Items<T>(ValidationErrors errors, string field, IReadOnlyList<T> items)
    {
        if (items.Count > MaxItems)
        {
            errors.Add(field, $"must have at most {MaxItems} items.");
        }
    }

    private static void Text(ValidationErrors errors, string field, string? value, int max, bool required)
    {
        if (required)
        {
            errors.Required(field, value);
        }

        errors.MaxLength(field, value, max).NoControlCharacters(field, value);
    }
}
