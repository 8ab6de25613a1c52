// Keyboard verdicts for the review page. Both take Ctrl (or Cmd), so they work while typing the comment without
// clashing with plain typing; a held key does not decide twice.
let handler = null;

export function listen(dotnet) {
    stop();
    handler = e => {
        if (!(e.ctrlKey || e.metaKey) || e.altKey || e.repeat) return;
        const accept = e.key === 'Enter' && !e.shiftKey;
        const reject = e.key === 'Backspace' && e.shiftKey;
        if (!accept && !reject) return;
        e.preventDefault();
        e.stopPropagation();
        // A field being typed in commits its text on change: blur it first, so the comment goes with the verdict
        // (the change event reaches the server before this call, on the same connection).
        if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        dotnet.invokeMethodAsync('DecideFromKeyboardAsync', accept);
    };
    document.addEventListener('keydown', handler, true);
}

export function stop() {
    if (handler) document.removeEventListener('keydown', handler, true);
    handler = null;
}
