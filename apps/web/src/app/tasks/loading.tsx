export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="sr-only">Loading your tasks…</p>
      <div className="skeleton" style={{ height: "2rem", width: "40%", marginBottom: "1rem" }} />
      <div className="skeleton" style={{ marginBottom: ".5rem" }} />
      <div className="skeleton" />
    </div>
  );
}
