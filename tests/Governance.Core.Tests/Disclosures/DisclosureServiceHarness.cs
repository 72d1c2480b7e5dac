using Governance.Core.Disclosures;
using Governance.Core.Platform;
using Governance.Core.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Governance.Core.Tests.Disclosures;

/// <summary>The disclosure services wired to in-memory fakes and a fake clock.</summary>
public sealed class DisclosureServiceHarness
{
    public DisclosureServiceHarness(string profile = "cn-2021-draft", PlatformSize? size = null)
    {
        Auditor = new DisclosureAuditor(Store, Audit);
        Platform = new FixedPlatformSize(size ?? PlatformSize.Unknown);
        Drafts = new DisclosureDraftService(Store, DraftContent, Content, Audit, Clock);
        Renderings = new DisclosureRenderings(Store, Content, RenderingStore, Renderer, new DisclosureRenderingCache(), NullLogger<DisclosureRenderings>.Instance);
        Publisher = new DisclosurePublisher(Store, DraftContent, Content, new FixedProfile(profile), Platform, Auditor, Renderings, Clock, NullLogger<DisclosurePublisher>.Instance);
        Reader = new DisclosureReader(Store, Content, Renderings, Clock);
        Activator = new DisclosureActivator(Store, Auditor, Clock, NullLogger<DisclosureActivator>.Instance);
    }

    public static Caller Operator { get; } = Caller.Staff("op-1", [StaffRoles.Operator]);

    public FakeTimeProvider Clock { get; } = new(DisclosureSamples.Start);

    public InMemoryDisclosureStore Store { get; } = new();

    public InMemoryContentStore Content { get; } = new();

    public InMemoryDraftContentStore DraftContent { get; } = new();

    public RecordingAuditLog Audit { get; } = new();

    public InMemoryRenderingStore RenderingStore { get; } = new();

    public CountingRenderer Renderer { get; } = new();

    public DisclosureRenderings Renderings { get; }

    public FixedPlatformSize Platform { get; }

    public DisclosureAuditor Auditor { get; }

    public DisclosureDraftService Drafts { get; }

    public DisclosurePublisher Publisher { get; }

    public DisclosureReader Reader { get; }

    public DisclosureActivator Activator { get; }

    public async Task<PublishResult> PublishAsync(string kind, DateTimeOffset effectiveFrom, string content = "# Rules\n\nText.\n")
    {
        var draft = await Drafts.CreateAsync(kind, DisclosureSamples.Request(kind, effectiveFrom, content), Operator);
        return await Publisher.PublishAsync(kind, draft.Draft.DraftId, Operator);
    }
}
