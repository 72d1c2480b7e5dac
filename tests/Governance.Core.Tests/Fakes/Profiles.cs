using Governance.Core.Policies;
using Moq;

namespace Governance.Core.Tests.Fakes;

internal static class Profiles
{
    public static IPolicyProfileProvider Provider(string id = "cn-2021-draft")
    {
        var profile = PolicyProfileLoader.LoadEmbedded(id);
        var provider = new Mock<IPolicyProfileProvider>();
        provider.Setup(p => p.Current).Returns(profile);
        return provider.Object;
    }
}
