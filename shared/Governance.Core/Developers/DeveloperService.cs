using System.Net.Mail;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Core.Storage;
using Governance.Core.Validation;
using Governance.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace Governance.Core.Developers;

/// <summary>
/// Third-party developer accounts in the <c>Developers</c> table.
/// <list type="bullet">
/// <item>Profile row: PartitionKey = developer id, RowKey = <c>profile</c>; holds the current key's hash.</item>
/// <item>Key row: PartitionKey = SHA-256 of the key, RowKey = <c>apikey</c>; authentication is one point read.</item>
/// </list>
/// A key authenticates only while the profile names its hash. Rotation writes the new key row, then switches
/// the profile's current hash with an ETag-conditioned update (the serialization point: two concurrent
/// rotations cannot both win; the loser's row never authenticates and is deleted), records the old hash as
/// retiring and deletes the retiring rows. A crash before the switch leaves the old key working; the caller
/// never saw the new key, so no key it holds is lost.
/// </summary>
public sealed class DeveloperService(
    TableServiceClient tables,
    CallbackUrlPolicy callbackPolicy,
    FixedWindowRateLimiter rateLimiter,
    IOptions<SignUpOptions> signUpOptions,
    IWebhookEndpointStore webhookEndpoints,
    TimeProvider time) : IDeveloperKeyLookup
{
    /// <summary>The developer's webhook endpoint: its callback URL, where recourse notices and decisions go.</summary>
    public const string CallbackEndpointId = "callback";
    public const string ProfileRowKey = "profile";
    public const string KeyRowKey = "apikey";
    public const string SignUpRateLimitScope = "developer-sign-up";
    private const int MaxOrganizationLength = 200;
    private const int MaxEmailLength = 254;

    private readonly TableClient _table = tables.GetTableClient(TableNames.Developers);

    public async Task<DeveloperCredentials> SignUpAsync(DeveloperSignUp request, string? clientAddress, CancellationToken cancellationToken = default)
    {
        var limit = signUpOptions.Value.RateLimit;
        await rateLimiter.AcquireAsync(SignUpRateLimitScope, clientAddress, limit.PermitLimit, TimeSpan.FromSeconds(limit.WindowSeconds), cancellationToken);

        var errors = new ValidationErrors()
            .Required("organization", request.Organization)
            .MaxLength("organization", request.Organization, MaxOrganizationLength)
            .Required("contactEmail", request.ContactEmail)
            .MaxLength("contactEmail", request.ContactEmail, MaxEmailLength)
            .NoControlCharacters("organization", request.Organization, allowLineBreaks: true)
            .NoControlCharacters("contactEmail", request.ContactEmail, allowLineBreaks: true)
            .NoControlCharacters("callbackUrl", request.CallbackUrl, allowLineBreaks: true);
        if (!string.IsNullOrWhiteSpace(request.ContactEmail) && !IsEmail(request.ContactEmail))
        {
            errors.Add("contactEmail", "must be an email address.");
        }

        if (request.CallbackUrl is not null)
        {
            await callbackPolicy.ValidateAsync("callbackUrl", request.CallbackUrl, errors, cancellationToken);
        }

        errors.ThrowIfAny();

        var developerId = "dev_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var apiKey = ApiKeys.Generate();
        var keyHash = ApiKeys.Hash(apiKey);
        var now = time.GetUtcNow();
        var profile = new TableEntity(developerId, ProfileRowKey)
        {
            ["Organization"] = request.Organization!.Trim(),
            ["ContactEmail"] = request.ContactEmail!.Trim(),
            ["CallbackUrl"] = request.CallbackUrl,
            ["CreatedAt"] = now,
            ["KeyHash"] = keyHash,
            ["KeyIssuedAt"] = now,
            ["RetiringKeyHashes"] = string.Empty,
        };

        // Profile first: a crash before the key row leaves an account without a working key, never a key without an account.
        await _table.AddEntityAsync(profile, cancellationToken);
        await _table.AddEntityAsync(KeyRow(keyHash, developerId, now), cancellationToken);
        var endpoint = request.CallbackUrl is null
            ? null
            : await webhookEndpoints.PutAsync(developerId, CallbackEndpointId, request.CallbackUrl, cancellationToken: cancellationToken);
        return new DeveloperCredentials(developerId, apiKey, endpoint?.Secret);
    }

    public async Task<DeveloperCredentials> RotateKeyAsync(string developerId, CancellationToken cancellationToken = default)
    {
        var profile = await ReadProfileAsync(developerId, cancellationToken);
        var apiKey = ApiKeys.Generate();
        var newHash = ApiKeys.Hash(apiKey);
        var now = time.GetUtcNow();

        // The new key row first: it authenticates nobody until the profile names its hash, so a crash here
        // leaves the old key working and a rotation that loses the race below leaves only a dead row.
        await _table.AddEntityAsync(KeyRow(newHash, developerId, now), cancellationToken);

        var retiring = RetiringHashes(profile).Append(profile.GetString("KeyHash")).OfType<string>().Where(h => h.Length > 0).Distinct().ToList();
        profile["KeyHash"] = newHash;
        profile["KeyIssuedAt"] = now;
        profile["RetiringKeyHashes"] = string.Join(',', retiring);
        try
        {
            var updated = await _table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, cancellationToken);
            profile.ETag = updated.Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            await DeleteKeyRowAsync(newHash, CancellationToken.None);
            throw GovernanceProblem.Conflict("Another key rotation for this developer completed first; authenticate with the current key and retry.");
        }

        foreach (var hash in retiring)
        {
            await DeleteKeyRowAsync(hash, cancellationToken);
        }

        profile["RetiringKeyHashes"] = string.Empty;
        try
        {
            await _table.UpdateEntityAsync(profile, profile.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A later rotation already took over the list; its own clean-up covers these hashes.
        }

        return new DeveloperCredentials(developerId, apiKey);
    }

    public async Task<DeveloperProfile> GetAsync(string developerId, CancellationToken cancellationToken = default)
    {
        var row = await ReadProfileAsync(developerId, cancellationToken);
        return new DeveloperProfile(
            developerId,
            row.GetString("Organization") ?? string.Empty,
            row.GetString("ContactEmail") ?? string.Empty,
            row.GetString("CallbackUrl"),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("KeyIssuedAt") ?? DateTimeOffset.MinValue);
    }

    public async Task<string?> FindDeveloperIdAsync(string apiKey, CancellationToken cancellationToken = default)
    {
        if (!ApiKeys.HasValidFormat(apiKey))
        {
            return null;
        }

        var hash = ApiKeys.Hash(apiKey);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(hash, KeyRowKey, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        // Only the key the profile names is valid: a key row left by a rotation that lost a race (or by any
        // interleaving of two rotations) authenticates nobody. Comparing in constant time also guards against
        // a row whose key was mangled (e.g. by a case-folding copy) without leaking timing.
        var developerId = row.Value.GetString("DeveloperId");
        if (developerId is null)
        {
            return null;
        }

        var profile = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.FromInput(developerId), ProfileRowKey, cancellationToken: cancellationToken);
        var current = profile.HasValue && profile.Value is not null ? profile.Value.GetString("KeyHash") ?? string.Empty : string.Empty;
        var stored = row.Value.GetString("KeyHash") ?? string.Empty;
        return ApiKeys.HashesEqual(current, hash) && ApiKeys.HashesEqual(stored, hash) ? developerId : null;
    }

    private async Task<TableEntity> ReadProfileAsync(string developerId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKey.FromInput(developerId), ProfileRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? row.Value : throw GovernanceProblem.NotFound("No such developer.");
    }

    private async Task DeleteKeyRowAsync(string hash, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(hash, KeyRowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private static IEnumerable<string> RetiringHashes(TableEntity profile)
        => (profile.GetString("RetiringKeyHashes") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private static TableEntity KeyRow(string hash, string developerId, DateTimeOffset issuedAt)
        => new(hash, KeyRowKey) { ["DeveloperId"] = developerId, ["KeyHash"] = hash, ["IssuedAt"] = issuedAt };

    private static bool IsEmail(string value)
        => MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim() && address.Host.Contains('.', StringComparison.Ordinal);
}
