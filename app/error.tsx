'use client';

/** A page that failed: say what to do, never show the stack. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="panel" role="alert">
      <h1>Something went wrong</h1>
      <p>
        This page could not be shown. Try again; if it keeps failing, the server log has the
        details.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
