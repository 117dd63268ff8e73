/**
 * Leaving with edits the server has not confirmed asks first: the browser's own prompt when the
 * page unloads, a confirmation when navigating inside the app. A page registers what to check.
 */
let pending: (() => boolean) | undefined;

/** Register the check for the current page; returns the function that removes it. */
export function guardLeaving(hasUnsyncedEdits: () => boolean) {
  pending = hasUnsyncedEdits;
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!hasUnsyncedEdits()) return;
    event.preventDefault();
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    if (pending === hasUnsyncedEdits) pending = undefined;
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

/** True when the current page has nothing unsynced, or the person agrees to leave anyway. */
export const mayLeave = (message: string) => !pending?.() || window.confirm(message);
