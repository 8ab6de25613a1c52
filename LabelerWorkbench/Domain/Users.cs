using System.Security.Claims;

namespace LabelerWorkbench.Domain;

public static class Roles
{
    public const string Labeler = "Labeler";
    public const string Reviewer = "Reviewer";
    public const string Lead = "Lead";
    public static readonly string[] All = [Labeler, Reviewer, Lead];
}

/// <summary>Who a signed-in user is, from their claims.</summary>
public static class UserExtensions
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static bool IsLead(this ClaimsPrincipal user) => user.IsInRole(Roles.Lead);
}
