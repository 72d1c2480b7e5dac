namespace Governance.Core.Policies;

public interface IPolicyProfileProvider
{
    /// <summary>The profile selected by <c>Governance__PolicyProfile</c>.</summary>
    PolicyProfile Current { get; }
}
