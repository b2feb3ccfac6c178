using Microsoft.AspNetCore.Components.Forms;

namespace Junocal.Web.Features.Account;

/// <summary>Puts a command's refusals beside the fields they belong to, through the form's own validation messages.</summary>
public sealed class FormErrors
{
    private readonly EditContext _context;
    private readonly ValidationMessageStore _messages;

    public FormErrors(EditContext context)
    {
        _context = context;
        _messages = new ValidationMessageStore(context);
        context.OnValidationRequested += (_, _) => _messages.Clear();
        context.OnFieldChanged += (_, e) => _messages.Clear(e.FieldIdentifier);
    }

    /// <summary>The refusal that belongs to no field, shown above the form.</summary>
    public string? General { get; private set; }

    public void Show(AccountResult result)
    {
        _messages.Clear();
        General = null;
        foreach (var (field, message) in result.Errors)
        {
            if (field == AccountResult.General)
            {
                General = message;
            }
            else
            {
                _messages.Add(_context.Field(field), message);
            }
        }

        _context.NotifyValidationStateChanged();
    }
}
