using System.Globalization;
using System.Text.Json;
using Governance.Core.Pricing;
using Governance.Core.Pricing.Observations;
using Governance.Core.Problems;
using Governance.Core.Security;
using Governance.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Governance.Functions.Pricing;

/// <summary>
/// What an ingestion request did: <see cref="Accepted"/> distinct valid observations (of which <see cref="Stored"/>
/// were written now and <see cref="AlreadyStored"/> by earlier requests), the first 1,000 <see cref="Rejected"/>
/// lines with why, and <see cref="RejectedCount"/> of all; <see cref="RepeatedInRequest"/> lines repeated an
/// <c>observationId</c> of the same body.
/// </summary>
public sealed record ObservationIngestionView(int Accepted, IReadOnlyList<RejectedLine> Rejected, int RejectedCount, int Stored, int AlreadyStored, int RepeatedInRequest)
{
    public static ObservationIngestionView Of(IngestionResult r) => new(r.Accepted, r.Rejected, r.RejectedCount, r.Stored, r.AlreadyStored, r.RepeatedInRequest);
}

/// <summary>One line of the NDJSON body (documentation of its fields; the body is parsed line by line as a stream).</summary>
public sealed record ObservationLineDocument(
    string ObservationId,
    DateTimeOffset ObservedAt,
    string ProductId,
    string UserId,
    long PaidPrice,
    long? ListPrice,
    string Currency,
    int Quantity,
    IReadOnlyDictionary<string, string> Conditions,
    IReadOnlyDictionary<string, JsonElement> Attributes);

public sealed class PricingObservationFunction(ObservationIngestor ingestor)
{
    [Function("IngestPricingObservations")]
    [Access(Callers.Staff | Callers.IngestionKey, Roles = [StaffRoles.Operator], IngestionSource = PricingOptions.SectionName)]
    [OpenApiOperation("Send paid-price observations",
        Description = "NDJSON, one observation per line, at most 50 MB as sent (`Content-Encoding: gzip` accepted; 500 MB after decompression). "
            + "Lines are checked one by one: a bad line is listed in `rejected` and never rejects the good ones; a body without one valid line is a 400 "
            + "naming each bad line. An `observationId` is stored once, whichever request sent it first, so a retried request stores nothing twice. "
            + "Stored as Parquet segments, `pricing-observations/date=YYYY-MM-DD/shard=NNN/part-….parquet`.")]
    [OpenApiBody(typeof(ObservationLineDocument), ContentType = ObservationBody.MediaType,
        Description = "One JSON object per line: `conditions` are the trading conditions (string values), `attributes` the user attributes (string or number values) that must not move the price.")]
    [OpenApiResponse(202, typeof(ObservationIngestionView))]
    public async Task<IActionResult> Ingest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "pricing/observations")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        ObservationBody.RequireNdjson(req.ContentType);
        if (req.ContentLength > ObservationLimits.MaxBodyBytes)
        {
            throw GovernanceProblem.PayloadTooLarge(ObservationLimits.MaxBodyBytes);
        }

        // The body streams through the ingestor (a fixed line buffer, chunks of observations): never held whole.
        var result = await ingestor.IngestAsync(req.Body, req.Headers.ContentEncoding.ToString(), cancellationToken);
        if (result.Accepted == 0)
        {
            throw NothingAccepted(result);
        }

        return new ObjectResult(ObservationIngestionView.Of(result)) { StatusCode = StatusCodes.Status202Accepted };
    }

    private static GovernanceProblem NothingAccepted(IngestionResult result)
    {
        if (result.RejectedCount == 0)
        {
            return GovernanceProblem.BadRequest("The body has no observation: send one JSON object per line.");
        }

        var errors = result.Rejected.ToDictionary(r => "line " + r.Line.ToString(CultureInfo.InvariantCulture), r => new[] { r.Error }, StringComparer.Ordinal);
        return GovernanceProblem.Validation(errors, $"No line of the body is a valid observation ({result.RejectedCount} rejected).");
    }
}
