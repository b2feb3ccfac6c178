namespace Junocal.Domain;

/// <summary>
/// A rule of the studio's domain refused an action. The message is written for the person who tried it.
/// </summary>
public sealed class DomainException(string message) : Exception(message);
