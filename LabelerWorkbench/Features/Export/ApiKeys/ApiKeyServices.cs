using Microsoft.AspNetCore.Authentication;

namespace LabelerWorkbench.Features.Export.ApiKeys;

public static class ApiKeyServices
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        return services;
    }
}
