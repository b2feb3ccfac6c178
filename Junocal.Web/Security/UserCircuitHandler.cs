using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Junocal.Web.Security;

/// <summary>
/// Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state, so services used by
/// interactive components see the same user the page does.
/// </summary>
internal sealed class UserCircuitHandler(AuthenticationStateProvider authenticationState, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationState.AuthenticationStateChanged += OnAuthenticationChanged;
        currentUser.Set((await authenticationState.GetAuthenticationStateAsync()).User);
    }

    public void Dispose() => authenticationState.AuthenticationStateChanged -= OnAuthenticationChanged;

    private void OnAuthenticationChanged(Task<AuthenticationState> state) =>
        _ = UpdateAsync(state);

    private async Task UpdateAsync(Task<AuthenticationState> state) => currentUser.Set((await state).User);
}
