namespace Junocal.Web.Security;

public static class JunocalClaims
{
    public const string StudioId = "junocal:studio";
    public const string StudioName = "junocal:studio_name";
    public const string PersonId = "junocal:person";
    public const string DisplayName = "junocal:display_name";
}
