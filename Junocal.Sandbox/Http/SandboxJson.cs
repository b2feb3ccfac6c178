using System.Text.Json;
using System.Text.Json.Serialization;

namespace Junocal.Sandbox.Http;

/// <summary>Zoom's wire format: snake_case names, nulls left out.</summary>
internal static class SandboxJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
