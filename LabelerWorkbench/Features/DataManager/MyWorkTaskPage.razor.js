// Alt+ArrowLeft / Alt+ArrowRight step through the labeler's list. The browser would take Alt+ArrowLeft as Back,
// so the key is stopped here and handed to .NET; no other key is touched.
export function listen(dotnet) {
    const onKey = e => {
        if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        dotnet.invokeMethodAsync('StepFromKey', e.key === 'ArrowRight' ? 1 : -1);
    };
    // Capture phase: a focused control that stops the event's propagation does not swallow the step.
    window.addEventListener('keydown', onKey, true);
    return { dispose: () => window.removeEventListener('keydown', onKey, true) };
}
