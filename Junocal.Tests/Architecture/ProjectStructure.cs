using System.Reflection;
using System.Reflection.Emit;
using Junocal.Web.Meetings;

namespace Junocal.Tests.Architecture;

/// <summary>
/// The dependency rules of the web project, checked on the compiled code (signatures and method bodies alike):
/// the meeting sync knows no provider and no job runner, and the shared layers know no feature.
/// </summary>
public class ProjectStructure
{
    private static readonly Assembly Web = typeof(MeetingSync).Assembly;

    [Theory]
    [InlineData("Junocal.Web.Meetings", "Junocal.Web.Integrations")]
    [InlineData("Junocal.Web.Meetings", "Junocal.Web.Jobs")]
    [InlineData("Junocal.Web.Data", "Junocal.Web.Features")]
    [InlineData("Junocal.Web.Notifications", "Junocal.Web.Features")]
    public void KeepsTheNamespaceFreeOf(string area, string forbidden)
    {
        var offenders = Web.GetTypes()
            .Where(t => InNamespace(t, area))
            .SelectMany(t => TypeReferences.Of(t).Where(used => InNamespace(used, forbidden)).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void SeesAReferenceInAMethodBody()
    {
        // The check must catch what only a method body uses, or the rules above could pass by seeing nothing.
        // Program's body sits in its async state machine, a nested type, as every async method's does.
        var used = typeof(Program).GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
            .Append(typeof(Program))
            .SelectMany(TypeReferences.Of)
            .ToHashSet();
        Assert.Contains(typeof(Junocal.Web.Jobs.JobsModule), used);
        Assert.Contains(typeof(Junocal.Web.Integrations.Zoom.ZoomModule), used);
    }

    private static bool InNamespace(Type type, string name) =>
        type.Namespace is { } ns && (ns == name || ns.StartsWith(name + ".", StringComparison.Ordinal));

    /// <summary>Every type a type names: in its signatures, and in the instructions of its methods.</summary>
    private static class TypeReferences
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        public static HashSet<Type> Of(Type type)
        {
            var found = new HashSet<Type>();
            Add(found, type.BaseType);
            foreach (var i in type.GetInterfaces())
            {
                Add(found, i);
            }

            foreach (var field in type.GetFields(Everything))
            {
                Add(found, field.FieldType);
            }

            foreach (var property in type.GetProperties(Everything))
            {
                Add(found, property.PropertyType);
            }

            foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
            {
                if (method is MethodInfo info)
                {
                    Add(found, info.ReturnType);
                }

                foreach (var parameter in method.GetParameters())
                {
                    Add(found, parameter.ParameterType);
                }

                foreach (var used in InBody(method))
                {
                    Add(found, used);
                }
            }

            return found;
        }

        private static IEnumerable<Type> InBody(MethodBase method)
        {
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is null)
            {
                yield break;
            }

            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var at = 0; at < il.Length;)
            {
                var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
                at += code.Size;
                switch (code.OperandType)
                {
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        var member = Resolve(method.Module, BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                        if (member is Type t)
                        {
                            yield return t;
                        }
                        else if (member?.DeclaringType is { } declaring)
                        {
                            yield return declaring;
                        }

                        at += 4;
                        break;
                    case OperandType.InlineSwitch:
                        at += 4 + (4 * BitConverter.ToInt32(il, at));
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        at += 8;
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        at += 1;
                        break;
                    case OperandType.InlineVar:
                        at += 2;
                        break;
                    case OperandType.InlineNone:
                        break;
                    default:
                        at += 4;
                        break;
                }
            }
        }

        private static MemberInfo? Resolve(Module module, int token, Type[]? typeArguments, Type[]? methodArguments)
        {
            try
            {
                return module.ResolveMember(token, typeArguments, methodArguments);
            }
            catch (ArgumentException)
            {
                return null; // a member of an assembly this test does not load
            }
        }

        private static void Add(HashSet<Type> found, Type? type)
        {
            if (type is null || !found.Add(type))
            {
                return;
            }

            if (type.HasElementType)
            {
                Add(found, type.GetElementType());
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    Add(found, argument);
                }
            }
        }
    }
}
