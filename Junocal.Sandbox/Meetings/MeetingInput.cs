using System.Text.Json;
using System.Text.Json.Nodes;
using Junocal.Sandbox.Http;

namespace Junocal.Sandbox.Meetings;

/// <summary>The fields of a create or PATCH body the sandbox models; null = not sent.</summary>
internal sealed record MeetingInput(
    string? Topic,
    int? Type,
    string? StartTime,
    int? Duration,
    string? Timezone,
    string? Agenda,
    string? Password,
    JsonObject? Settings)
{
    public static async Task<(MeetingInput? Input, ZoomErrorResult? Error)> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return (null, ZoomErrors.InvalidJson());
        }

        if (node is not JsonObject json)
        {
            return (null, ZoomErrors.InvalidJson());
        }

        var reader = new FieldReader(json);
        var input = new MeetingInput(
            reader.String("topic"),
            reader.Int("type"),
            reader.String("start_time"),
            reader.Int("duration"),
            reader.String("timezone"),
            reader.String("agenda"),
            reader.String("password"),
            reader.Object("settings"));
        return reader.Error is null ? (input, null) : (null, reader.Error);
    }

    private sealed class FieldReader(JsonObject json)
    {
        public ZoomErrorResult? Error { get; private set; }

        public string? String(string name) => Read(name, node => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null);

        public int? Int(string name) =>
            Read<int?>(name, node => node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var number) ? number : null);

        public JsonObject? Object(string name) => Read(name, node => node as JsonObject);

        private T? Read<T>(string name, Func<JsonNode, T?> convert)
        {
            if (!json.TryGetPropertyValue(name, out var node) || node is null)
            {
                return default;
            }

            var value = convert(node);
            if (value is null)
            {
                Error ??= ZoomErrors.Validation(name, $"Invalid field: {name}.");
            }

            return value;
        }
    }
}
