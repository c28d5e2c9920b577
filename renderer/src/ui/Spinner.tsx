/** A turning ring; its meaning is always in words beside it. */
export function Spinner() {
  return <span className="spinner" aria-hidden="true" />;
}
