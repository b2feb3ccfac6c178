// Fills an empty time-zone field with the browser's own zone, so most owners need not search for it. Runs on a full
// load and after Blazor's enhanced navigation, which swaps pages without running their scripts.
(() => {
    const fill = () => {
        const field = document.querySelector("input[data-default-time-zone]");
        if (field && !field.value) {
            try {
                field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
            } catch {
                // An old browser without Intl time zones: the owner picks from the list.
            }
        }
    };
    document.addEventListener("DOMContentLoaded", fill);
    window.Blazor?.addEventListener?.("enhancedload", fill);
    if (document.readyState !== "loading") {
        fill();
    }
})();
