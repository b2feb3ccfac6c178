namespace Junocal.Web.Features.Studios;

public sealed class SignupOptions
{
    public const string SectionName = "Signup";

    /// <summary>Anyone may create a studio from the sign-in page. Off: only the <c>create-studio</c> command makes one.</summary>
    public bool Enabled { get; set; } = true;
}
