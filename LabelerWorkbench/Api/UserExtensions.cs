using System.Security.Claims;
using LabelerWorkbench.Features.Projects;

namespace LabelerWorkbench.Api;

public static class UserExtensions
{
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");

    public static bool IsLead(this ClaimsPrincipal user) => user.IsInRole(Roles.Lead);
}
