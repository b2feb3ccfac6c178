namespace Junocal.Sandbox.Meetings;

internal sealed class MeetingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, SandboxMeeting> _meetings = [];

    public IReadOnlyList<SandboxMeeting> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _meetings.Values.OrderBy(meeting => meeting.StartTime)];
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _meetings.Clear();
        }
    }

    public bool ContainsId(long id)
    {
        lock (_gate)
        {
            return _meetings.ContainsKey(id);
        }
    }

    public SandboxMeeting? Find(long id)
    {
        lock (_gate)
        {
            return _meetings.GetValueOrDefault(id);
        }
    }

    public void Save(SandboxMeeting meeting)
    {
        lock (_gate)
        {
            _meetings[meeting.Id] = meeting;
        }
    }

    public SandboxMeeting? Remove(long id)
    {
        lock (_gate)
        {
            return _meetings.Remove(id, out var removed) ? removed : null;
        }
    }
}
