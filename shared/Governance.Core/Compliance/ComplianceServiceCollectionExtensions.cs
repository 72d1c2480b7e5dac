using Governance.Core.Aggregates;
using Governance.Core.Compliance.Catalog;
using Governance.Core.Compliance.Exports;
using Governance.Core.Compliance.Filings;
using Governance.Core.Compliance.Incidents;
using Governance.Core.Compliance.Reports;
using Governance.Core.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Core.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>Compliance records: the data catalog, cross-border transfers, incidents, filings and the regulator's bundle.</summary>
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddAggregate<DataCatalog, DataCatalogMap>();
        services.AddAggregate<ExportApproval, ExportApprovalMap>();
        services.AddAggregate<Incident, IncidentMap>();
        services.AddAggregate<Filing, FilingMap>();
        services.TryAddSingleton<DataCatalogService>();
        services.TryAddSingleton<ExportService>();
        services.TryAddSingleton<IncidentService>();
        services.TryAddSingleton<FilingService>();
        services.TryAddSingleton<ComplianceBundleService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFollowUpHandler, ReclassificationHandler>());
        return services;
    }
}
