using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Governance.Core.Storage;

namespace Governance.Functions.Tests.Faults;

/// <summary>
/// A fingerprint of stored data taken through the SDK: every row of every table of <see cref="StorageCatalog"/>
/// (its keys and a hash of its properties; the service's Timestamp and ETag left out) and every blob (name, length
/// and content hash).
/// </summary>
public sealed class StorageSnapshot
{
    private StorageSnapshot(Dictionary<string, string> entries) => Entries = entries;

    /// <summary>"table/PartitionKey/RowKey" or "blob/container/name" → a hash of its content.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    public static async Task<StorageSnapshot> TakeAsync(TableServiceClient tables, BlobServiceClient blobs, ISet<string> excludedTables)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in StorageCatalog.Tables.Where(t => !excludedTables.Contains(t)))
        {
            await foreach (var row in tables.GetTableClient(table).QueryAsync<TableEntity>())
            {
                var content = new StringBuilder();
                foreach (var (name, value) in row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    content.Append(name).Append('=').Append(value switch
                    {
                        byte[] bytes => Convert.ToBase64String(bytes),
                        DateTimeOffset time => time.ToString("O"),
                        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                    }).Append('\u001f');
                }

                entries[$"{table}/{row.PartitionKey}/{row.RowKey}"] = Hash(content.ToString());
            }
        }

        foreach (var container in StorageCatalog.Containers)
        {
            var client = blobs.GetBlobContainerClient(container);
            if (!(await client.ExistsAsync()).Value)
            {
                continue;
            }

            await foreach (var blob in client.GetBlobsAsync())
            {
                var md5 = blob.Properties.ContentHash is { } hash ? Convert.ToHexString(hash) : "-";
                entries[$"blob/{container}/{blob.Name}"] = $"{blob.Properties.ContentLength}:{md5}";
            }
        }

        return new StorageSnapshot(entries);
    }

    /// <summary>What differs from <paramref name="before"/>: added, removed and changed entries.</summary>
    public IReadOnlyList<string> DifferencesFrom(StorageSnapshot before)
    {
        var differences = new List<string>();
        foreach (var (key, hash) in Entries)
        {
            if (!before.Entries.TryGetValue(key, out var old))
            {
                differences.Add("added " + key);
            }
            else if (old != hash)
            {
                differences.Add("changed " + key);
            }
        }

        differences.AddRange(before.Entries.Keys.Where(k => !Entries.ContainsKey(k)).Select(k => "removed " + k));
        return differences;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
