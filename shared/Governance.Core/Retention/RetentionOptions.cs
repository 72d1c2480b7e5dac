namespace Governance.Core.Retention;

/// <summary>Section <c>Retention</c>: how much one clean-up run may do (what expires is decided per row when it is written).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Rows read per query page, and so at most handled between two reads.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Rows a run examines at most, per kind of data; the next run goes on where this one stopped.</summary>
    public int MaxRowsPerRun { get; set; } = 10_000;
}

/// <summary>
/// What a clean-up run did: rows it looked at, rows (with their blobs) it deleted, rows it kept because they
/// must stay (a pending key within its lease), rows that changed after being read (left for the next run), and
/// whether it stopped at <see cref="RetentionOptions.MaxRowsPerRun"/>.
/// </summary>
public sealed record RetentionResult(int Examined, int Deleted, int Kept, int Changed, bool Truncated)
{
    public static RetentionResult Empty { get; } = new(0, 0, 0, 0, false);

    public RetentionResult Add(RetentionResult other) => new(
        Examined + other.Examined, Deleted + other.Deleted, Kept + other.Kept, Changed + other.Changed, Truncated || other.Truncated);
}
