namespace LabelerWorkbench.Features.Annotate;

public enum SaveState { Saved, Dirty, Saving, Failed }
