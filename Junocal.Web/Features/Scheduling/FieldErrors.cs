using Junocal.Domain;

namespace Junocal.Web.Features.Scheduling;

/// <summary>Collects the first refusal per form field, so every wrong field gets its message in one pass.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = [];

    public bool Any => _errors.Count > 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message) => _errors.TryAdd(field, message);

    /// <summary>Runs a domain check; a <see cref="DomainException"/> becomes the field's message.</summary>
    public T? Check<T>(string field, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (DomainException refused)
        {
            Add(field, refused.Message);
            return default;
        }
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>(_errors);
}
