/** What went wrong with the user's last change, in a live region, until dismissed. */
export function Notice({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <div aria-live="assertive">
      {message && (
        <div className="alert error" role="alert">
          {message}{" "}
          <button type="button" className="ghost" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
