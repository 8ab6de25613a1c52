using Microsoft.AspNetCore.Authentication;

namespace LabelerWorkbench.Api.Keys;

public static class ApiKeyServices
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyService>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        return services;
    }
}
