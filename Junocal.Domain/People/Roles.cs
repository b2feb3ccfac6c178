namespace Junocal.Domain.People;

/// <summary>The four roles a person can hold in a studio; one per membership.</summary>
public static class Roles
{
    public const string Owner = "Owner";
    public const string FrontDesk = "FrontDesk";
    public const string Instructor = "Instructor";
    public const string Client = "Client";

    public static IReadOnlyList<string> All { get; } = [Owner, FrontDesk, Instructor, Client];

    public static string DisplayName(string role) => role switch
    {
        FrontDesk => "Front desk",
        _ => role,
    };
}
