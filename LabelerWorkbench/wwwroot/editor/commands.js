// Tools and commands by name, the same names as the C# side's EditorCommand (a test compares the two).

export const Tools = Object.freeze({ Select: "select", Box: "box", Polygon: "polygon" });

export const Commands = Object.freeze({ Undo: "undo", Redo: "redo", Tool: "tool", Class: "class", Help: "help", Hide: "hide", Lock: "lock", Labels: "labels" });
