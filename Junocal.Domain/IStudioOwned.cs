namespace Junocal.Domain;

/// <summary>Every row of studio data names its studio; the data layer scopes queries by it.</summary>
public interface IStudioOwned
{
    Guid StudioId { get; }
}
