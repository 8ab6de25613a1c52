using Mono.Cecil;
using Mono.Cecil.Cil;

namespace LabelerWorkbench.Tests.Architecture;

/// <summary>
/// Which top-level areas of the app use which, read from the compiled assembly: every type's base types, fields,
/// properties, method signatures, attributes and the types, methods and fields its method bodies touch. An area is
/// the namespace part after <c>LabelerWorkbench.</c>: Domain, Data, Inference, Api, Live, Components, Cli, Bench,
/// or one feature (<c>Features.Annotate</c>). Compiler-made nested types count for their outer type.
/// </summary>
public sealed class DependencyGraph
{
    const string Root = "LabelerWorkbench";
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Uses { get; }
    /// <summary>For each (from, to) edge, a few of the types that make it, for the failure message.</summary>
    public IReadOnlyDictionary<(string From, string To), IReadOnlyList<string>> Witnesses { get; }

    public DependencyGraph(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var uses = new Dictionary<string, HashSet<string>>();
        var witnesses = new Dictionary<(string, string), List<string>>();
        foreach (var type in module.GetTypes())
        {
            var from = Area(type);
            if (from is null) continue;
            if (!uses.TryGetValue(from, out var set)) uses[from] = set = [];
            foreach (var used in Referenced(type))
            {
                var to = Area(used);
                if (to is null || to == from) continue;
                set.Add(to);
                if (!witnesses.TryGetValue((from, to), out var list)) witnesses[(from, to)] = list = [];
                if (list.Count < 3 && !list.Contains(Outer(type).FullName)) list.Add($"{Outer(type).FullName} → {used.FullName}");
            }
        }
        Uses = uses.ToDictionary(kv => kv.Key, kv => (IReadOnlySet<string>)kv.Value);
        Witnesses = witnesses.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value);
    }

    static TypeReference Outer(TypeReference t)
    {
        while (t.DeclaringType is not null) t = t.DeclaringType;
        return t;
    }

    public static string? Area(TypeReference type)
    {
        if (type is TypeSpecification spec) return Area(spec.ElementType);
        var ns = Outer(type).Namespace;
        if (ns != Root && !ns.StartsWith(Root + ".")) return ns.Length == 0 && Outer(type).Name == "Program" ? "Program" : null;
        var parts = ns.Split('.');
        if (parts.Length < 2) return "Program";
        return parts[1] == "Features" && parts.Length > 2 ? $"Features.{parts[2]}" : parts[1];
    }

    static IEnumerable<TypeReference> Referenced(TypeDefinition type)
    {
        IEnumerable<TypeReference> Expand(TypeReference? t)
        {
            if (t is null) yield break;
            yield return t;
            if (t is GenericInstanceType g)
                foreach (var a in g.GenericArguments.SelectMany(Expand)) yield return a;
            if (t is TypeSpecification s)
                foreach (var e in Expand(s.ElementType)) yield return e;
        }
        foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces.SelectMany(i => Expand(i.InterfaceType))) yield return i;
        foreach (var a in type.CustomAttributes.SelectMany(a => Expand(a.AttributeType))) yield return a;
        foreach (var f in type.Fields.SelectMany(f => Expand(f.FieldType))) yield return f;
        foreach (var p in type.Properties.SelectMany(p => Expand(p.PropertyType))) yield return p;
        foreach (var m in type.Methods)
        {
            foreach (var t in Expand(m.ReturnType)) yield return t;
            foreach (var t in m.Parameters.SelectMany(p => Expand(p.ParameterType))) yield return t;
            if (!m.HasBody) continue;
            foreach (var t in m.Body.Variables.SelectMany(v => Expand(v.VariableType))) yield return t;
            foreach (var ins in m.Body.Instructions)
            {
                switch (ins.Operand)
                {
                    case TypeReference tr:
                        foreach (var t in Expand(tr)) yield return t;
                        break;
                    case MethodReference mr:
                        foreach (var t in Expand(mr.DeclaringType)) yield return t;
                        foreach (var t in Expand(mr.ReturnType)) yield return t;
                        if (mr is GenericInstanceMethod gm)
                            foreach (var t in gm.GenericArguments.SelectMany(Expand)) yield return t;
                        break;
                    case FieldReference fr:
                        foreach (var t in Expand(fr.DeclaringType)) yield return t;
                        foreach (var t in Expand(fr.FieldType)) yield return t;
                        break;
                }
            }
        }
    }

    /// <summary>Every strongly connected group of two or more areas (each one a dependency cycle).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = 0;
        var stack = new Stack<string>();
        var on = new HashSet<string>();
        var idx = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var result = new List<IReadOnlyList<string>>();
        void Connect(string v)
        {
            idx[v] = low[v] = index++;
            stack.Push(v);
            on.Add(v);
            foreach (var w in Uses.GetValueOrDefault(v) ?? new HashSet<string>())
            {
                if (!idx.ContainsKey(w)) { Connect(w); low[v] = Math.Min(low[v], low[w]); }
                else if (on.Contains(w)) low[v] = Math.Min(low[v], idx[w]);
            }
            if (low[v] != idx[v]) return;
            var group = new List<string>();
            string x;
            do { x = stack.Pop(); on.Remove(x); group.Add(x); } while (x != v);
            if (group.Count > 1) result.Add(group.Order().ToList());
        }
        foreach (var v in Uses.Keys.Order()) if (!idx.ContainsKey(v)) Connect(v);
        return result;
    }
}
