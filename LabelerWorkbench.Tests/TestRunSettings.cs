// Test classes run one at a time. The integration and browser tests each start the real app in this process, and the
// OCR tests take both cores: run side by side on a 2-core machine, a browser test waited past its timeout for a page
// that a quieter machine shows in a second. A few minutes longer beats a suite that is sometimes red.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
