using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace LabelerWorkbench.Tests.Features.Annotate;

/// <summary>bunit with MudBlazor registered, transitions off and JS calls answered loosely.</summary>
public abstract class ComponentTestContext : BunitContext, IAsyncLifetime
{
    // MudBlazor's services are only async-disposable, so xunit must dispose the context asynchronously.
    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected ComponentTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.SnackbarConfiguration.ShowTransitionDuration = 0);
        Render<MudPopoverProvider>();
    }
}
